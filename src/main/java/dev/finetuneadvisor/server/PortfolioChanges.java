package dev.finetuneadvisor.server;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.finetuneadvisor.engine.Impact;
import java.util.List;

/**
 * {@code GET /v1/portfolio/changes}: which decisions of the server's portfolio changed with the last reload of the
 * rules, each as {@code advisor diff --format json} writes a changed use case ({@link Impact}).
 *
 * @param revision the rules' revision now
 * @param previousRevision the rules' revision the portfolio was decided under before the reload
 * @param assumptionsRevision the assumptions' revision now (an edit of {@code assumptions.yaml} changes only this one)
 * @param previousAssumptionsRevision the assumptions' revision before the reload
 * @param useCases how many use cases were decided under the new rules
 * @param changed each use case whose verdict, gate statuses or codes differ, in the portfolio's order
 */
@JsonPropertyOrder({"revision", "previousRevision", "assumptionsRevision", "previousAssumptionsRevision", "useCases", "changed"})
public record PortfolioChanges(String revision, String previousRevision, String assumptionsRevision, String previousAssumptionsRevision,
                               int useCases, List<Impact> changed) {
    public PortfolioChanges {
        changed = List.copyOf(changed);
    }

    /** What changed from one run of the portfolio to the next. */
    public static PortfolioChanges between(PortfolioRun before, PortfolioRun after) {
        return new PortfolioChanges(after.revisions().rulesRevision(), before.revisions().rulesRevision(),
                after.revisions().assumptionsRevision(), before.revisions().assumptionsRevision(), after.results().size(),
                after.changesSince(before));
    }

    /** Nothing compared yet: the portfolio's first run, under {@code run}'s rules. */
    public static PortfolioChanges first(PortfolioRun run) {
        return new PortfolioChanges(run.revisions().rulesRevision(), null, run.revisions().assumptionsRevision(), null,
                run.results().size(), List.of());
    }
}
