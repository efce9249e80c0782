package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the rules concluded for one use case: the verdict, the six gates, every recommendation (the
 * verdict's own first), the cost comparison (absent when the volume is unknown), the ids of the rules
 * that fired, sorted, and, when asked for, the counterfactuals (absent when not computed, empty when
 * there is nothing to change) with the ids of the explanation rules that worded them ({@code wordedBy}),
 * kept apart from {@code rulesFired} so that the decision's trace is the same whatever the output asks for;
 * and, when asked for, whether the verdict holds across the article's ranges ({@code ranges}, absent when
 * not computed); last, which advisor, rules and assumptions gave it ({@link Revisions}, written as the three
 * fields {@code advisorVersion}, {@code rulesRevision}, {@code assumptionsRevision}; absent on a result made
 * outside an {@code Advisor}, as the whole-space check makes them).
 */
@JsonPropertyOrder({"id", "file", "title", "verdict", "gates", "recommendations", "costs", "ranges", "counterfactuals", "rulesFired",
    "wordedBy", "advisorVersion", "rulesRevision", "assumptionsRevision"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Result(String id, String file, String title, String verdict, List<GateResult> gates,
                     List<Recommendation> recommendations, CostEstimate costs, List<String> rulesFired,
                     List<Counterfactual> counterfactuals, List<String> wordedBy, RangeCheck ranges,
                     @JsonUnwrapped Revisions revisions) {

    public Result {
        gates = List.copyOf(gates);
        recommendations = List.copyOf(recommendations);
        rulesFired = List.copyOf(rulesFired);
        counterfactuals = counterfactuals == null ? null : List.copyOf(counterfactuals);
        wordedBy = wordedBy == null ? null : List.copyOf(new TreeSet<>(wordedBy));
    }

    /** A result without counterfactuals (they are computed only when asked for). */
    public Result(String id, String file, String title, String verdict, List<GateResult> gates,
                  List<Recommendation> recommendations, CostEstimate costs, List<String> rulesFired) {
        this(id, file, title, verdict, gates, recommendations, costs, rulesFired, null, null, null, null);
    }

    /** This result with its counterfactuals and the explanation rules that worded them. */
    public Result withCounterfactuals(List<Counterfactual> found, Collection<String> wordedBy) {
        return new Result(id, file, title, verdict, gates, recommendations, costs, rulesFired, found, List.copyOf(wordedBy), ranges,
                revisions);
    }

    /** This result with the check of its verdict across the article's ranges. */
    public Result withRanges(RangeCheck check) {
        return new Result(id, file, title, verdict, gates, recommendations, costs, rulesFired, counterfactuals, wordedBy, check,
                revisions);
    }

    /** This result with the advisor and the revisions of the rules and assumptions that gave it. */
    public Result withRevisions(Revisions given) {
        return new Result(id, file, title, verdict, gates, recommendations, costs, rulesFired, counterfactuals, wordedBy, ranges, given);
    }

    /** True when some recommendation, the verdict included, has this code. */
    public boolean hasCode(String code) {
        return recommendations.stream().anyMatch(r -> r.getCode().equals(code));
    }

    /**
     * The gate where the use case stopped, as the verdict rule states it ({@code stoppedAt} of the verdict's
     * recommendation): the first gate that does not pass; null when every gate passes.
     */
    public GateResult stoppedAt() {
        String name = recommendations.stream().filter(Recommendation::isVerdict).map(Recommendation::getStoppedAt)
                .filter(Objects::nonNull).findFirst().orElse(null);
        return name == null ? null : gate(name);
    }

    /** The gate with this name, or null. */
    public GateResult gate(String name) {
        return gates.stream().filter(g -> g.getName().equals(name)).findFirst().orElse(null);
    }
}
