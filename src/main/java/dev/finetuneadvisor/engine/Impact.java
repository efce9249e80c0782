package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a rule change does to one use case: its decision (verdict, gate statuses, codes) under the base
 * rules and under the new ones, and which rules fire only on one side: the rules responsible.
 */
@JsonPropertyOrder({"id", "file", "before", "after", "rulesNowFiring", "rulesNoLongerFiring"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Impact(String id, String file, Decision before, Decision after, List<String> rulesNowFiring,
                     List<String> rulesNoLongerFiring) {

    /**
     * The decision part of a result: what a rule edit must not change by accident. {@code error} is set
     * instead when the rules failed on the use case.
     */
    @JsonPropertyOrder({"verdict", "gates", "codes", "error"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(String verdict, Map<String, Status> gates, List<String> codes, String error) {
        public static Decision of(Result r) {
            Map<String, Status> gates = new LinkedHashMap<>();
            for (GateResult g : r.gates()) {
                gates.put(g.getName(), g.getStatus());
            }
            List<String> codes = List.copyOf(new TreeSet<>(r.recommendations().stream().map(Recommendation::getCode).toList()));
            return new Decision(r.verdict(), gates, codes, null);
        }

        public static Decision failed(String message) {
            return new Decision(null, Map.of(), List.of(), message);
        }
    }

    /**
     * Compares one use case's outcome under two rule sets.
     *
     * @param before the base result, or null when the base rules failed on it ({@code beforeError} says why)
     * @param after the new result, or null when the new rules failed on it
     * @return the impact, or null when the decision is the same
     */
    public static Impact of(String id, String file, Result before, String beforeError, Result after, String afterError) {
        return of(id, file, before == null ? Decision.failed(beforeError) : Decision.of(before), before == null ? List.of() : before.rulesFired(),
                after, afterError);
    }

    /**
     * Compares a decision made earlier (a decision log's) with the outcome under the current rules.
     *
     * @param b the earlier decision
     * @param firedBefore the rules that fired for it
     * @param after the new result, or null when the new rules failed on it ({@code afterError} says why)
     * @return the impact, or null when the decision is the same
     */
    public static Impact of(String id, String file, Decision b, List<String> firedBefore, Result after, String afterError) {
        Decision a = after == null ? Decision.failed(afterError) : Decision.of(after);
        if (b.equals(a)) {
            return null;
        }
        TreeSet<String> now = new TreeSet<>(after == null ? List.of() : after.rulesFired());
        TreeSet<String> gone = new TreeSet<>(firedBefore);
        now.removeAll(firedBefore);
        if (after != null) {
            gone.removeAll(after.rulesFired());
        }
        return new Impact(id, file, b, a, List.copyOf(now), List.copyOf(gone));
    }
}
