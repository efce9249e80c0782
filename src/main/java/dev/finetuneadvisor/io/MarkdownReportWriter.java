package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Fmt;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The Markdown portfolio report: the gate funnel, the verdict distribution, the portfolio's yearly frontier
 * cost against fine-tuning TCO, a table of use cases and the errors. The totals come first, so the table is
 * spooled as results come and written after them: memory stays flat for any portfolio size.
 */
public final class MarkdownReportWriter {
    private MarkdownReportWriter() {
    }

    /** Streams the report: rows are spooled as results come (see {@link Spool}), the totals written first at the end. */
    public static ResultSink sink(PrintWriter out, PrintWriter err) {
        return new Portfolio.Sink(err) {
            private final Spool rows = spool();
            private final Spool errors = spool();

            @Override
            void row(long index, Result r) {
                CostEstimate c = r.costs();
                String stopped = Portfolio.stoppedAt(r);
                rows.append("| " + cell(r.id()) + " | " + cell(r.title()) + " | " + r.verdict() + " | " + (stopped == null ? "" : stopped)
                        + " | " + (c == null ? "" : Fmt.usd(c.getFrontierUsdPerYear())) + " | " + (c == null ? "" : Fmt.usd(c.getFineTuneUsdPerYear()))
                        + " | " + (c == null ? "" : Fmt.x(c.getAdvantage())) + " |\n");
            }

            @Override
            void rejected(InputError e) {
                errors.append("- `" + e.describe().replace("`", "'") + "`\n");
            }

            @Override
            void write(Portfolio p) {
                head(p, out);
                rows.writeTo(out);
                if (!errors.isEmpty()) {
                    out.print("\n## Rejected input\n\n");
                    errors.writeTo(out);
                }
                out.flush();
            }

            @Override
            void discard() {
                rows.close();
                errors.close();
            }
        };
    }

    /** Everything above the table's rows: the counts, the funnel, the verdicts, the costs, the table's heading. */
    private static void head(Portfolio p, PrintWriter out) {
        long n = p.useCases();
        out.print("# Fine-tuning portfolio\n\n");
        out.print(Fmt.n(n) + (n == 1 ? " use case" : " use cases") + " evaluated, " + Fmt.n(p.errors()) + " rejected.\n\n");
        out.print("## Gate funnel\n\nThe six gates in order; a use case reaches a gate only when every gate before it passed.\n\n");
        out.print("| # | gate | reached | passed | passed, share of all |\n|---:|---|---:|---:|---:|\n");
        for (Portfolio.Step s : p.funnel()) {
            out.print("| " + s.number() + " | " + s.name() + " | " + Fmt.n(s.reached()) + " | " + Fmt.n(s.passed()) + " | "
                    + share(s.passed(), n) + " |\n");
        }
        out.print("\n## Verdicts\n\n| verdict | use cases | share |\n|---|---:|---:|\n");
        p.verdicts().forEach((v, c) -> out.print("| " + v + " | " + Fmt.n(c) + " | " + share(c, n) + " |\n"));
        out.print("\n## Costs per year\n\nAcross the " + Fmt.n(p.costed()) + " use cases whose volume is known.\n\n");
        out.print("| | per year |\n|---|---:|\n");
        out.print("| frontier API | " + Fmt.usd(p.frontierUsdPerYear()) + " |\n");
        out.print("| fine-tuning TCO | " + Fmt.usd(p.fineTuneUsdPerYear()) + " |\n");
        out.print("\n## Use cases\n\n| id | title | verdict | stopped at | frontier / year | fine-tuning TCO / year | advantage |\n"
                + "|---|---|---|---|---:|---:|---:|\n");
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "" : String.format(Locale.US, "%.1f%%", 100.0 * part / whole);
    }

    /** Table cell text: pipes escaped, line ends flattened. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
