package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Fmt;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Revisions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Markdown portfolio report: under its title the advisor and the rules' and assumptions' revisions that
 * decided it, then the estimated yearly saving (over the use cases whose verdict is
 * FINE_TUNE only, with the others' frontier cost apart; see {@link Captions}), the verdict distribution,
 * the gate funnel, a table of use cases with each one's next step, then every use case's next step in full
 * (the stopping gate and its failing checks, or the advisories) under an anchor named by its id (see
 * {@link Anchors}), and the errors. The totals come first, so the table and the next steps are spooled as
 * results come and written after them: memory stays flat for any portfolio size.
 */
public final class MarkdownReportWriter {
    private MarkdownReportWriter() {
    }

    /**
     * Streams the report: rows are spooled as results come (see {@link Spool}), the totals written first at the end.
     *
     * @param revisions the advisor and revisions of the run, for the report's head
     */
    public static ResultSink sink(PrintWriter out, PrintWriter err, Captions captions, Revisions revisions) {
        Objects.requireNonNull(revisions, "revisions");
        return new Portfolio.Sink(err, captions) {
            private final Spool rows = spool();
            private final Spool steps = spool();
            private final Spool errors = spool();

            @Override
            void row(long index, Result r) {
                CostEstimate c = r.costs();
                NextStep next = NextStep.of(r);
                String slug = Anchors.slug(r.id());
                String stopped = next.stop() == null ? "" : next.stop().getName();
                rows.append("| [" + code(r.id()).replace("|", "\\|") + "](#" + slug + ") | " + cell(r.title()) + " | " + r.verdict() + " | "
                        + cell(next.action()) + " | " + stopped
                        + " | " + (c == null ? "" : Fmt.usd(c.getFrontierUsdPerYear())) + " | " + (c == null ? "" : Fmt.usd(c.getFineTuneUsdPerYear()))
                        + " | " + (c == null ? "" : Fmt.x(c.getAdvantage())) + " |\n");
                steps.append(step(r, next, slug, fineTune(r) ? captions : null));
            }

            @Override
            void rejected(InputError e) {
                errors.append("- `" + e.describe().replace("`", "'") + "`\n");
            }

            @Override
            void write(Portfolio p) {
                head(p, captions, revisions, out);
                rows.writeTo(out);
                if (p.useCases() > 0) {
                    out.print("\n## Next step per use case\n\n");
                    steps.writeTo(out);
                }
                if (!errors.isEmpty()) {
                    out.print("\n## Rejected input\n\n");
                    errors.writeTo(out);
                }
                out.flush();
            }

            @Override
            void discard() {
                rows.close();
                steps.close();
                errors.close();
            }
        };
    }

    /** Everything above the table's rows: the counts, the saving, the verdicts, the funnel, the table's heading. */
    private static void head(Portfolio p, Captions captions, Revisions revisions, PrintWriter out) {
        long n = p.useCases();
        out.print("# Fine-tuning portfolio\n\n");
        out.print(revisions.line() + "\n\n");
        out.print(captions.useCases(n) + " evaluated, " + Fmt.n(p.errors()) + " rejected.\n\n");
        out.print("## Estimated yearly saving\n\n**" + captions.headline(p) + "**\n\n");
        out.print("| use cases | count | frontier API / year | fine-tuning TCO / year | estimated saving / year |\n|---|---:|---:|---:|---:|\n");
        out.print("| " + captions.row("rowSaving") + " | " + Fmt.n(p.fineTunes()) + " | " + Fmt.usd(p.fineTuneFrontierUsdPerYear()) + " | "
                + Fmt.usd(p.fineTuneTcoUsdPerYear()) + " | **" + Captions.usd(p.savingUsdPerYear()) + "** |\n");
        out.print("| " + captions.row("rowLatency") + " | " + Fmt.n(p.latencyFineTunes()) + " | "
                + Fmt.usd(p.latencyFrontierUsdPerYear()) + " | " + Fmt.usd(p.latencyTcoUsdPerYear()) + " | " + captions.notASaving() + " |\n");
        out.print("| " + captions.row("rowOthers") + " | " + Fmt.n(p.others()) + " | " + Fmt.usd(p.othersFrontierUsdPerYear())
                + " | | " + captions.notASaving() + " |\n");
        out.print("| " + captions.row("rowUncosted") + " | " + Fmt.n(p.uncosted()) + " | | | |\n\n");
        for (String note : captions.notes(p)) {
            out.print(note + "\n\n");
        }
        out.print("## Verdicts\n\n| verdict | use cases | share |\n|---|---:|---:|\n");
        p.verdicts().forEach((v, c) -> out.print("| " + v + " | " + Fmt.n(c) + " | " + share(c, n) + " |\n"));
        out.print("\n## Gate funnel\n\n" + captions.funnel("funnel") + "\n\n");
        out.print("| # | gate | reached | passed | passed, share of all |\n|---:|---|---:|---:|---:|\n");
        for (Portfolio.Step s : p.funnel()) {
            out.print("| " + s.number() + " | " + s.name() + " | " + Fmt.n(s.reached()) + " | " + Fmt.n(s.passed()) + " | "
                    + share(s.passed(), n) + " |\n");
        }
        out.print("\n## Use cases\n\nEach id links to the use case's next step in full, below the table.\n\n"
                + "| id | title | verdict | next step | stopped at | frontier / year | fine-tuning TCO / year | advantage |\n"
                + "|---|---|---|---|---|---:|---:|---:|\n");
    }

    /**
     * One use case's next step in full, under its anchor: the action, then the stopping gate with its
     * failing checks (and the facts to gather when it cannot be decided), or the advisories when no gate
     * stopped it; for FINE_TUNE (the use cases the saving counts: {@code captions} given) its own estimated saving.
     * An inline anchor, not a heading, so that no viewer makes a second anchor from the id's text.
     */
    private static String step(Result r, NextStep next, String slug, Captions captions) {
        StringBuilder b = new StringBuilder(512);
        b.append("<a id=\"").append(slug).append("\"></a>**").append(code(flat(r.id()))).append("**");
        if (r.title() != null) {
            b.append(" — ").append(text(r.title()));
        }
        b.append("  \nVerdict: **").append(r.verdict()).append("**\n\n");
        b.append("- **Next step:** ").append(text(next.action())).append('\n');
        if (next.stop() != null) {
            b.append("- **Stopped at ").append(next.gate()).append(next.undecided() ? ", not decided yet" : "").append(":** ")
                    .append(text(next.stop().getReason())).append('\n');
        }
        if (!next.toGather().isEmpty()) {
            b.append("- **Facts to gather:** ").append(codes(next.toGather())).append('\n');
        }
        if (!next.advisories().isEmpty()) {
            b.append("- **Advisories:** ").append(codes(next.advisories())).append('\n');
        }
        CostEstimate c = r.costs();
        if (c != null && captions != null) {
            b.append("- **").append(captions.entryLabel(c)).append(":** ").append(captions.entryText(c)).append("\n");
        }
        return b.append('\n').toString();
    }

    private static String codes(List<String> codes) {
        StringBuilder b = new StringBuilder();
        for (String c : codes) {
            b.append(b.length() == 0 ? "" : ", ").append(code(flat(c)));
        }
        return b.toString();
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "" : String.format(Locale.US, "%.1f%%", 100.0 * part / whole);
    }

    /** Table cell text: pipes escaped, line ends flattened. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /**
     * A code span that shows {@code s} as it is (fact-file ids may hold any character): fenced by one
     * backtick more than its longest run of backticks, padded where it starts or ends with one. In a
     * table the pipes still need {@link #cell}'s escape, which the table removes again.
     */
    private static String code(String s) {
        String t = flat(s);
        int longest = 0;
        int run = 0;
        for (int i = 0; i < t.length(); i++) {
            run = t.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = t.startsWith("`") || t.endsWith("`") || t.isBlank() ? " " : "";
        return fence + pad + t + pad + fence;
    }

    /** Running text from the rules or a fact file: Markdown's inline marks escaped, line ends flattened. */
    private static String text(String s) {
        StringBuilder b = new StringBuilder(flat(s).length() + 8);
        for (char ch : flat(s).toCharArray()) {
            if ("\\`*_[]<>".indexOf(ch) >= 0) {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }

    private static String flat(String s) {
        return s == null ? "" : s.replace("\r", " ").replace("\n", " ");
    }
}
