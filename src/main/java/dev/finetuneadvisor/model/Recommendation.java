package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.kie.api.runtime.rule.RuleContext;

/**
 * A conclusion for the team: the verdict (exactly one per use case) or an advisory, with the rule that
 * drew it, the article section it comes from and an explanation that uses the case's own numbers. A
 * verdict also carries its {@code action}: the next step in a few words, written by the verdict rule, which
 * reports show beside the stopping gate's findings.
 */
@JsonPropertyOrder({"code", "kind", "rule", "section", "action", "explanation"})
public final class Recommendation {
    /** A verdict decides; an advisory adds advice whatever the verdict. */
    public enum Kind { VERDICT, ADVISORY }

    private final String code;
    private final Kind kind;
    private final String rule;
    private final String section;
    private final String action;
    private final String explanation;

    public Recommendation(String code, Kind kind, String rule, String section, String action, String explanation) {
        this.code = Objects.requireNonNull(code, "code");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.section = Objects.requireNonNull(section, "section");
        this.action = kind == Kind.VERDICT ? Objects.requireNonNull(action, "a verdict's action") : action;
        this.explanation = Objects.requireNonNull(explanation, "explanation");
    }

    /** The verdict, with its next step in a few words ({@code action}) and the full explanation. */
    public static Recommendation verdict(RuleContext drools, String code, String action, String explanation) {
        RuleRef ref = RuleRef.of(drools);
        return new Recommendation(code, Kind.VERDICT, ref.id(), ref.section(), action, explanation);
    }

    public static Recommendation advisory(RuleContext drools, String code, String explanation) {
        RuleRef ref = RuleRef.of(drools);
        return new Recommendation(code, Kind.ADVISORY, ref.id(), ref.section(), null, explanation);
    }

    public String getCode() { return code; }
    public Kind getKind() { return kind; }
    public String getRule() { return rule; }
    public String getSection() { return section; }

    /** The next step in a few words (verdicts only; null for an advisory). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String getAction() { return action; }
    public String getExplanation() { return explanation; }

    @JsonIgnore
    public boolean isVerdict() { return kind == Kind.VERDICT; }
}
