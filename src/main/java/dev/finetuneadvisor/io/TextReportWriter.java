package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Serving;
import dev.finetuneadvisor.model.Counterfactual;
import dev.finetuneadvisor.model.Fmt;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Provenance;
import dev.finetuneadvisor.model.RangeCheck;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Revisions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text report for people: first a line naming the advisor and the rules' and assumptions' revisions, then per use case the verdict and why, the gate table, the cost comparison with
 * the inputs it rests on that are not the article's numbers (labelled as {@code rules/assumptions.yaml}
 * labels them) and whether the verdict holds across the article's ranges (when checked), what would change the verdict (when computed; the wording is the rules') and every recommendation with
 * its article section; then a one-line summary of the run.
 */
public final class TextReportWriter {
    private static final int WIDTH = 100;

    private TextReportWriter() {
    }

    /** One use case, as a block ending with a blank line. */
    public static void writeResult(Result r, PrintWriter out, Captions captions) {
        out.println("== " + Terminal.oneLine(r.id()) + (r.title() == null ? "" : ": " + Terminal.oneLine(r.title())));
        out.println("   " + Terminal.oneLine(r.file()));
        Recommendation verdict = r.recommendations().get(0);
        out.println("Verdict: " + r.verdict());
        wrap(Terminal.oneLine(verdict.getExplanation()), "  ", out);
        out.println("  § " + verdict.getSection());
        out.println();
        out.println(captions.gatesHeading());
        int nameWidth = r.gates().stream().mapToInt(g -> g.getName().length()).max().orElse(10);
        for (GateResult g : r.gates()) {
            String head = String.format("  %d %-" + nameWidth + "s  %-11s  ", g.getNumber(), g.getName(), g.getStatus());
            wrapHanging(head, Terminal.oneLine(g.getReason()), out);
        }
        if (r.costs() != null) {
            out.println();
            writeCosts(r.costs(), out);
            if (r.ranges() != null) {
                writeRanges(r.verdict(), r.ranges(), out);
            }
        }
        if (r.counterfactuals() != null && !r.counterfactuals().isEmpty()) {
            out.println();
            out.println("What would change this");
            for (Counterfactual cf : r.counterfactuals()) {
                wrap(Terminal.oneLine(cf.getExplanation() == null || cf.getExplanation().isBlank() ? bare(cf) : cf.getExplanation()), "  - ", "    ", out);
            }
        }
        List<Recommendation> advice = r.recommendations().subList(1, r.recommendations().size());
        if (!advice.isEmpty()) {
            out.println();
            out.println("Recommendations");
            for (Recommendation rec : advice) {
                wrap(rec.getCode() + ": " + Terminal.oneLine(rec.getExplanation()), "  - ", "    ", out);
                out.println("    § " + rec.getSection());
            }
        }
        out.println();
    }

    private static void writeCosts(CostEstimate c, PrintWriter out) {
        out.println("Costs per year (" + Fmt.n(c.getCallsPerMonth()) + " calls a month, " + Fmt.n(c.getTokensPerCall())
                + " tokens a call" + (c.isTokensPerCallAssumed() ? ", assumed" : "") + ")");
        out.printf("  %-17s %12s   (%s a day)%n", "frontier API", Fmt.usd(c.getFrontierUsdPerYear()), Fmt.usd(c.getFrontierUsdPerDay()));
        String running = c.getServingPath() == Serving.Path.SELF_SERVED
                ? "GPU hosting " + Fmt.usd(c.getHostingUsdPerYear())
                : "inference " + Fmt.usd(c.getFineTuneInferenceUsdPerYear()) + " (" + Fmt.usd(c.getFineTuneInferenceUsdPerDay()) + " a day)";
        out.printf("  %-17s %12s   = training %s + %s + engineering %s + labeling %s%n", "fine-tuning TCO",
                Fmt.usd(c.getFineTuneUsdPerYear()), Fmt.usd(c.getTrainingUsdPerYear()), running,
                Fmt.usd(c.getEngineeringUsdPerYear()), Fmt.usd(c.getLabelingUsd()));
        out.printf("  %-17s %12s   (%s the %s needed to win on cost)%n", "advantage", Fmt.x(c.getAdvantage()),
                c.isWinsOnCost() ? "at least" : "short of", Fmt.x(c.getRequiredAdvantage()));
        if (!c.getNotTheArticles().isEmpty()) {
            out.println("  Not the article's numbers (give your own in the fact file's costs: section):");
            for (CostEstimate.Input input : c.getNotTheArticles()) {
                Provenance p = input.provenance();
                String what = input.organisation() != null ? p.shown(input.value()) + ", " + input.organisation().source()
                        : p.kind() == Provenance.Kind.RANGE
                        ? p.shown(input.value()) + ", within the article's " + p.format(p.low()) + "-" + p.format(p.high())
                        : "assumed: " + p.shown(input.value());
                wrap(what + " (costs." + input.name() + ")", "    - ", "      ", out);
            }
        }
        if (!c.getUnusedOverrides().isEmpty()) {
            wrap("Given in the fact file but not used on this deployment path (" + c.getServingPath() + "): costs."
                    + String.join(", costs.", c.getUnusedOverrides()), "  ", out);
        }
    }

    /**
     * "Across the article's ranges: the verdict holds for 4-8 engineer-weeks a cycle and ..." or which end
     * flips it to which verdict.
     */
    private static void writeRanges(String verdict, RangeCheck check, PrintWriter out) {
        if (check.inputs().isEmpty()) {
            return;
        }
        List<String> holds = new ArrayList<>();
        List<String> flips = new ArrayList<>();
        for (RangeCheck.Input i : check.inputs()) {
            if (i.holds(verdict)) {
                holds.add(i.provenance().shownRange());
                continue;
            }
            if (!verdict.equals(i.verdictAtLow())) {
                flips.add(flip(i.verdictAtLow(), i.provenance().shown(i.low())));
            }
            if (!verdict.equals(i.verdictAtHigh())) {
                flips.add(flip(i.verdictAtHigh(), i.provenance().shown(i.high())));
            }
        }
        StringBuilder text = new StringBuilder("Across the article's ranges: the verdict ");
        if (!flips.isEmpty()) {
            text.append(String.join(", and ", flips));
            if (!holds.isEmpty()) {
                text.append("; it holds for ").append(and(holds));
            }
        } else {
            text.append("holds for ").append(and(holds));
        }
        if (check.verdictAllCostliest() != null) {
            boolean costliest = verdict.equals(check.verdictAllCostliest());
            boolean cheapest = verdict.equals(check.verdictAllCheapest());
            if (costliest && cheapest) {
                text.append(flips.isEmpty() ? ", each alone and all at their costliest or cheapest ends together" : "");
            } else {
                if (!costliest) {
                    text.append("; with all at their costliest ends together it ").append(flip(check.verdictAllCostliest(), null));
                }
                if (!cheapest) {
                    text.append("; with all at their cheapest ends together it ").append(flip(check.verdictAllCheapest(), null));
                }
            }
        }
        wrap(text.append('.').toString(), "  ", "  ", out);
    }

    private static String flip(String to, String at) {
        return "flips to " + (to == null ? "no verdict" : to) + (at == null ? "" : " at " + at);
    }

    /** "a", "a and b", "a, b and c". */
    private static String and(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** A counterfactual as data, for rules that have no words for it: {@code FINE_TUNE: field from -> to; ...}. */
    private static String bare(Counterfactual cf) {
        List<String> changes = new ArrayList<>();
        cf.getChanges().forEach(c -> changes.add(c.getField() + " " + Fmt.value(c.getFrom()) + " -> " + Fmt.value(c.getTo())));
        return cf.getTarget() + (cf.isReached() ? "" : " (not reached)") + ": " + String.join("; ", changes);
    }

    /** The summary line from verdict counts (sorted by verdict) and the number of errors. */
    public static String summary(Map<String, Long> verdicts, long errors) {
        List<String> parts = new ArrayList<>();
        verdicts.forEach((v, n) -> parts.add(v + " " + n));
        long n = verdicts.values().stream().mapToLong(Long::longValue).sum();
        return n + (n == 1 ? " use case" : " use cases") + " evaluated" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts))
                + "; " + errors + (errors == 1 ? " error" : " errors");
    }

    /**
     * Streams the text report: the advisor and revisions first, each use case as it comes, errors to {@code err}, the
     * summary at the end.
     *
     * @param captions the report's captions ({@code rules/reports.yaml}): the gate table's heading
     * @param revisions the advisor and revisions of the run
     */
    public static ResultSink sink(PrintWriter out, PrintWriter err, Captions captions, Revisions revisions) {
        out.println(revisions.line());
        out.println();
        return new StreamingSink(out, err) {
            private final Map<String, Long> verdicts = new TreeMap<>();
            private long errors;

            @Override
            public void result(Result result, String rendered) {
                verdicts.merge(result.verdict(), 1L, Long::sum);
                writeResult(result, out, captions);
            }

            @Override
            public void error(InputError error) {
                errors++;
                super.error(error);
            }

            @Override
            void end() {
                out.println(summary(verdicts, errors));
            }
        };
    }

    /** Errors as {@code error: file:line:column: field: message}, one a line. */
    public static void writeErrors(List<InputError> errors, PrintWriter err) {
        for (InputError e : errors) {
            writeError(e, err);
        }
        err.flush();
    }

    /** One error as {@code error: file:line:column: field: message}. */
    public static void writeError(InputError e, PrintWriter err) {
        err.println("error: " + Terminal.visible(e.describe()));
    }

    private static void wrap(String text, String indent, PrintWriter out) {
        wrap(text, indent, indent, out);
    }

    private static void wrapHanging(String head, String text, PrintWriter out) {
        wrap(text, head, " ".repeat(head.length()), out);
    }

    private static void wrap(String text, String first, String rest, PrintWriter out) {
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(rest);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        out.println(line);
    }
}
