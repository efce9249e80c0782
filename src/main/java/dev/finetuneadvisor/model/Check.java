package dev.finetuneadvisor.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The outcome of one condition of a gate for this use case: the field it looks at, whether it holds,
 * and the sentence that says so with the case's numbers. Gate rules judge a gate from its checks.
 */
public final class Check {
    private final String gate;
    private final String field;
    private final Status outcome;
    private final String text;
    private final String rule;

    public Check(String gate, String field, Status outcome, String text, String rule) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.field = Objects.requireNonNull(field, "field");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.text = Objects.requireNonNull(text, "text");
        this.rule = rule;
    }

    public static Check pass(RuleContext drools, String gate, String field, String text) {
        return new Check(gate, field, Status.PASS, text, RuleRef.of(drools).id());
    }

    public static Check fail(RuleContext drools, String gate, String field, String text) {
        return new Check(gate, field, Status.FAIL, text, RuleRef.of(drools).id());
    }

    public static Check unknown(RuleContext drools, String gate, String field, String text) {
        return new Check(gate, field, Status.UNKNOWN, text, RuleRef.of(drools).id());
    }

    /** The texts of some checks joined into one reason, in a stable order (by field, then text). */
    public static String texts(List<Check> checks) {
        return checks.stream()
                .sorted(Comparator.comparing(Check::getField).thenComparing(Check::getText))
                .map(Check::getText)
                .distinct()
                .collect(Collectors.joining("; "));
    }

    /** The fields of some checks, sorted and without repeats. */
    public static List<String> fields(List<Check> checks) {
        return checks.stream().map(Check::getField).distinct().sorted().toList();
    }

    public String getGate() { return gate; }
    public String getField() { return field; }
    public Status getOutcome() { return outcome; }
    public String getText() { return text; }
    public String getRule() { return rule; }
}
