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
 * reports show beside the stopping gate's findings, and {@code stoppedAt}: the gate the verdict rule decided
 * from, the first that does not pass ("Stop when you hit a No"), or none when every gate passes. Reports, the
 * search and the sweep read where a use case stopped from here, never work it out again.
 */
@JsonPropertyOrder({"code", "kind", "rule", "section", "action", "stoppedAt", "explanation"})
public final class Recommendation {
    /** A verdict decides; an advisory adds advice whatever the verdict. */
    public enum Kind { VERDICT, ADVISORY }

    private final String code;
    private final Kind kind;
    private final String rule;
    private final String section;
    private final String action;
    private final String stoppedAt;
    private final String explanation;

    /** An advisory, or a verdict reached with every gate passing (no {@code stoppedAt}). */
    public Recommendation(String code, Kind kind, String rule, String section, String action, String explanation) {
        this(code, kind, rule, section, action, null, explanation);
    }

    /** @param stoppedAt the name of the gate a verdict was decided from; null for an advisory or when every gate passes */
    public Recommendation(String code, Kind kind, String rule, String section, String action, String stoppedAt, String explanation) {
        this.code = Objects.requireNonNull(code, "code");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.section = Objects.requireNonNull(section, "section");
        this.action = kind == Kind.VERDICT ? Objects.requireNonNull(action, "a verdict's action") : action;
        if (kind != Kind.VERDICT && stoppedAt != null) {
            throw new IllegalArgumentException("only a verdict names the gate where a use case stopped");
        }
        this.stoppedAt = stoppedAt;
        this.explanation = Objects.requireNonNull(explanation, "explanation");
    }

    /**
     * The verdict, with the gate it was decided from, its next step in a few words ({@code action}) and the full
     * explanation.
     *
     * @param stoppedAt the gate the use case stopped at (the first that does not pass, which the rule matched),
     *     or null when every gate passes
     */
    public static Recommendation verdict(RuleContext drools, String code, GateResult stoppedAt, String action, String explanation) {
        RuleRef ref = RuleRef.of(drools);
        return new Recommendation(code, Kind.VERDICT, ref.id(), ref.section(), action,
                stoppedAt == null ? null : stoppedAt.getName(), explanation);
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

    /** The gate a verdict was decided from, by name: where the use case stopped (null for an advisory, or when every gate passes). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String getStoppedAt() { return stoppedAt; }
    public String getExplanation() { return explanation; }

    @JsonIgnore
    public boolean isVerdict() { return kind == Kind.VERDICT; }
}
