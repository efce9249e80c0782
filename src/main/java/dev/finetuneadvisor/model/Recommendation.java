package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.kie.api.runtime.rule.RuleContext;

/**
 * A conclusion for the team: the verdict (exactly one per use case) or an advisory, with the rule that
 * drew it, the article section it comes from and an explanation that uses the case's own numbers.
 */
@JsonPropertyOrder({"code", "kind", "rule", "section", "explanation"})
public final class Recommendation {
    /** A verdict decides; an advisory adds advice whatever the verdict. */
    public enum Kind { VERDICT, ADVISORY }

    private final String code;
    private final Kind kind;
    private final String rule;
    private final String section;
    private final String explanation;

    public Recommendation(String code, Kind kind, String rule, String section, String explanation) {
        this.code = Objects.requireNonNull(code, "code");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.section = Objects.requireNonNull(section, "section");
        this.explanation = Objects.requireNonNull(explanation, "explanation");
    }

    public static Recommendation verdict(RuleContext drools, String code, String explanation) {
        return of(drools, code, Kind.VERDICT, explanation);
    }

    public static Recommendation advisory(RuleContext drools, String code, String explanation) {
        return of(drools, code, Kind.ADVISORY, explanation);
    }

    private static Recommendation of(RuleContext drools, String code, Kind kind, String explanation) {
        RuleRef ref = RuleRef.of(drools);
        return new Recommendation(code, kind, ref.id(), ref.section(), explanation);
    }

    public String getCode() { return code; }
    public Kind getKind() { return kind; }
    public String getRule() { return rule; }
    public String getSection() { return section; }
    public String getExplanation() { return explanation; }

    @JsonIgnore
    public boolean isVerdict() { return kind == Kind.VERDICT; }
}
