package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * What would have to be true for the rules to reach {@code target} (a verdict or advisory code): the
 * changes to the use case's facts, in gate order, found by re-running the rules on changed copies. When
 * {@code reached} is false the changes are as far as the search got and {@code blockedAt} names the gate
 * that no change to its own facts could pass. {@code verdict} and {@code costs} are what the rules
 * conclude with the changes made; {@code explanation} is written by the rules in {@code rules/explain/}.
 * {@code taskFacts} are the facts describing the task that the search met on its way and kept as they are
 * (see {@link TaskFact}): where only they would change the outcome, the explanation says so.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"target", "reached", "verdict", "changes", "blockedAt", "taskFacts", "costs", "breakEven", "explanation"})
public final class Counterfactual {
    private final String target;
    private final boolean reached;
    private final String verdict;
    private final List<Change> changes;
    private final GateResult blockedAt;
    private final CostEstimate costs;
    private final BreakEven breakEven;
    private final String explanation;
    private final List<TaskFact> taskFacts;

    public Counterfactual(String target, boolean reached, String verdict, List<Change> changes, GateResult blockedAt,
                          CostEstimate costs, BreakEven breakEven, String explanation) {
        this(target, reached, verdict, changes, blockedAt, List.of(), costs, breakEven, explanation);
    }

    public Counterfactual(String target, boolean reached, String verdict, List<Change> changes, GateResult blockedAt,
                          List<TaskFact> taskFacts, CostEstimate costs, BreakEven breakEven, String explanation) {
        this.target = Objects.requireNonNull(target, "target");
        this.reached = reached;
        this.verdict = verdict;
        this.changes = List.copyOf(changes);
        this.blockedAt = blockedAt;
        this.costs = costs;
        this.breakEven = breakEven;
        this.explanation = explanation;
        this.taskFacts = List.copyOf(taskFacts);
    }

    /** The same counterfactual with the rules' explanation. */
    public Counterfactual withExplanation(String text) {
        return new Counterfactual(target, reached, verdict, changes, blockedAt, taskFacts, costs, breakEven, text);
    }

    public String getTarget() { return target; }
    public boolean isReached() { return reached; }
    public String getVerdict() { return verdict; }
    public List<Change> getChanges() { return changes; }

    /** The gate no change to its own facts could pass (as the rules judged it at that point), when not reached. */
    @JsonIgnore
    public GateResult getBlockedGate() { return blockedAt; }

    /** The blocking gate as reported: its name and the facts that were varied. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Blocked getBlockedAt() {
        return blockedAt == null ? null : new Blocked(blockedAt.getNumber(), blockedAt.getName(), blockedAt.getFields());
    }

    /** The facts describing the task that the search kept as they are; omitted from JSON when none. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<TaskFact> getTaskFacts() { return taskFacts; }

    public CostEstimate getCosts() { return costs; }
    public BreakEven getBreakEven() { return breakEven; }
    public String getExplanation() { return explanation; }

    /** The gate a search could not pass, with the facts it varied. */
    @JsonPropertyOrder({"number", "gate", "fields"})
    public record Blocked(int number, String gate, List<String> fields) {
    }
}
