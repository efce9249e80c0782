package dev.finetuneadvisor.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.engine.Impact;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.io.Terminal;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Revisions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code advisor diff --base-log FILE}: every decision of a decision log ({@code advise --decision-log}) evaluated
 * again under the current rules, and what would change listed per decision (verdict, gate statuses, codes gained
 * and lost, the rules that fire on one side only) with the counts, in the shapes of the file diff: the regression
 * test a team runs with its real past decisions.
 */
final class LogDiff {
    /** A changed decision in the JSON report: the file diff's impact, with where it is in the log and what decided it then. */
    @JsonPropertyOrder({"line", "time", "advisorVersion", "rulesRevision", "assumptionsRevision"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Change(int line, String time, @JsonUnwrapped Revisions logged, @JsonUnwrapped Impact impact) {
    }

    /** How many decisions changed, and how. */
    record Counts(int decisions, int changed, int verdictChanged, int codesChanged, int errors) {
    }

    /** The JSON report: the file diff's fields ({@code useCases}, {@code changed}, {@code errors}) and the counts. */
    @JsonPropertyOrder({"log", "useCases", "counts", "current", "changed", "errors"})
    record Report(String log, int useCases, Counts counts, Revisions current, List<Change> changed, List<InputError> errors) {
    }

    private LogDiff() {
    }

    /** Replays {@code log} under {@code current} and writes the report; returns the exit code. */
    static int run(Advisor current, Path log, boolean json, boolean exitCode, PrintWriter out, PrintWriter err) {
        Advisor.LogDiffReport report;
        try {
            report = current.diffLog(log);
        } catch (IOException e) {
            err.println("error: --base-log " + log + ": cannot read it (" + e.getMessage() + ")");
            err.flush();
            return ExitCodes.INPUT_REJECTED;
        }
        Counts counts = counts(report);
        if (json) {
            List<Change> changes = report.changed().stream().map(r -> new Change(r.line(), r.time(), r.logged(), r.impact())).toList();
            try {
                out.println(Json.pretty().writeValueAsString(new Report(log.toString().replace('\\', '/'), report.decisions(), counts,
                        current.revisions(), changes, report.errors())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            PrintWriter shown = Terminal.visible(out);
            text(report, counts, current.revisions(), log, shown);
            shown.flush();
        }
        report.errors().forEach(e -> err.println("error: " + Terminal.visible(e.describe())));
        out.flush();
        err.flush();
        if (report.evaluationFailed()) {
            return ExitCodes.EVALUATION_FAILED;
        }
        if (!report.errors().isEmpty()) {
            return ExitCodes.INPUT_REJECTED;
        }
        return exitCode && !report.changed().isEmpty() ? ExitCodes.FOUND : ExitCodes.OK;
    }

    private static Counts counts(Advisor.LogDiffReport report) {
        int verdicts = 0;
        int codes = 0;
        for (Advisor.Replayed r : report.changed()) {
            Impact.Decision b = r.impact().before();
            Impact.Decision a = r.impact().after();
            if (a.verdict() == null || !a.verdict().equals(b.verdict())) {
                verdicts++;
            }
            if (!a.codes().equals(b.codes())) {
                codes++;
            }
        }
        return new Counts(report.decisions(), report.changed().size(), verdicts, codes, report.errors().size());
    }

    private static void text(Advisor.LogDiffReport report, Counts counts, Revisions current, Path log, PrintWriter out) {
        for (Advisor.Replayed r : report.changed()) {
            Impact i = r.impact();
            out.println(i.id() + " (" + log.toString().replace('\\', '/') + ":" + r.line() + "; decided " + (r.time() == null ? "at an unknown time" : r.time())
                    + (r.logged() == null ? "" : " under rules " + r.logged().rulesRevision() + ", assumptions " + r.logged().assumptionsRevision())
                    + "; input from " + i.file() + ")");
            DiffCommand.describe(i, out);
        }
        String under = " under rules " + current.rulesRevision() + ", assumptions " + current.assumptionsRevision();
        if (report.changed().isEmpty()) {
            out.println("no decision changed (" + counts.decisions() + (counts.decisions() == 1 ? " decision)" : " decisions)") + under);
        } else {
            out.println(counts.changed() + " of " + counts.decisions() + " decisions changed (verdict: " + counts.verdictChanged()
                    + ", codes: " + counts.codesChanged() + ")" + under);
            // the input holds the use case's own costs, not the organisation's then: a change under other assumptions
            // may come from the prices, and the reader should be told which changes those are
            long otherAssumptions = report.changed().stream().filter(r -> r.logged() != null
                    && !r.logged().assumptionsRevision().equals(current.assumptionsRevision())).count();
            if (otherAssumptions > 0) {
                out.println("note: " + otherAssumptions + " of the changed decisions were made under other assumptions than "
                        + current.assumptionsRevision() + " (rules/assumptions.yaml or the organisation's file differed):"
                        + " their change may come from those numbers as well as from the rule files");
            }
        }
    }
}
