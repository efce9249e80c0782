package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Status;
import java.util.List;

/**
 * What a use case should do next, assembled from what the rules wrote (no search, so a report can build
 * it from one result and forget it): the verdict rule's {@code action}, then either the stopping gate (the
 * gate the verdict rule decided from, {@link Result#stoppedAt()}) with its failing checks and, when it cannot be decided, the facts to
 * gather, or, when every gate passed, the codes of the result's advisories. The words are the rules'.
 *
 * @param action the verdict's next step in a few words
 * @param stop the gate the use case stopped at, or null when all pass
 * @param advisories the advisory codes, in the result's order, when no gate stopped the use case; else empty
 */
record NextStep(String action, GateResult stop, List<String> advisories) {

    NextStep {
        advisories = List.copyOf(advisories);
    }

    static NextStep of(Result r) {
        Recommendation verdict = r.recommendations().get(0);
        GateResult stop = r.stoppedAt();
        List<String> advisories = stop != null ? List.of()
                : r.recommendations().stream().skip(1).map(Recommendation::getCode).toList();
        return new NextStep(verdict.getAction() == null ? "" : verdict.getAction(), stop, advisories);
    }

    /** The stopping gate as the reports name it, {@code gate 2 (prompt-first)}; null when none stopped. */
    String gate() {
        return stop == null ? null : "gate " + stop.getNumber() + " (" + stop.getName() + ")";
    }

    /** True when the stopping gate cannot be decided until facts are given. */
    boolean undecided() {
        return stop != null && stop.getStatus() == Status.UNKNOWN;
    }

    /** The facts to gather (fact-file fields) when the stopping gate cannot be decided; else empty. */
    List<String> toGather() {
        return undecided() ? stop.getFields() : List.of();
    }
}
