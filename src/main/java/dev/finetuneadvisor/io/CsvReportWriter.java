package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Revisions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The CSV report: one row per use case for spreadsheets (RFC 4180, "\n" line ends), streamed as results
 * come. Columns: id, file, title, verdict, stoppedAt (the gate the verdict rule decided from: the first that does not pass), one column per
 * gate with its status, the yearly costs and advantage (empty when not estimated), the codes of every
 * recommendation, and last the advisor's version and the rules' and assumptions' revisions (columns rather than a
 * comment line, so every spreadsheet and CSV reader loads the file, and each row says what decided it). Errors go
 * to stderr. Text cells that a spreadsheet would run as a formula are prefixed
 * with {@code '}.
 */
public final class CsvReportWriter {
    private static final String[] FIXED = {"id", "file", "title", "verdict", "stoppedAt"};
    private static final String[] COSTS = {"frontierUsdPerYear", "fineTuneUsdPerYear", "advantage", "codes"};
    private static final String[] REVISIONS = {"advisorVersion", "rulesRevision", "assumptionsRevision"};

    private CsvReportWriter() {
    }

    /** The header for results with these gates (by name, in order). */
    static String header(List<String> gates) {
        List<String> cells = new ArrayList<>(List.of(FIXED));
        cells.addAll(gates);
        cells.addAll(List.of(COSTS));
        cells.addAll(List.of(REVISIONS));
        return String.join(",", cells);
    }

    /** One row, without the line end. Thread-safe. */
    public static String render(Result r) {
        List<String> cells = new ArrayList<>();
        cells.add(text(r.id()));
        cells.add(text(r.file()));
        cells.add(text(r.title()));
        cells.add(r.verdict());
        String stopped = Portfolio.stoppedAt(r);
        cells.add(stopped == null ? "" : stopped);
        for (GateResult g : r.gates()) {
            cells.add(g.getStatus().name());
        }
        CostEstimate c = r.costs();
        cells.add(c == null ? "" : number(c.getFrontierUsdPerYear()));
        cells.add(c == null ? "" : number(c.getFineTuneUsdPerYear()));
        cells.add(c == null ? "" : number(c.getAdvantage()));
        cells.add(String.join(" ", r.recommendations().stream().map(Recommendation::getCode).toList()));
        Revisions v = r.revisions();
        cells.add(v == null ? "" : text(v.advisorVersion()));
        cells.add(v == null ? "" : v.rulesRevision());
        cells.add(v == null ? "" : v.assumptionsRevision());
        return String.join(",", cells);
    }

    /**
     * @param gates the gates the rules declare, by name in order: the header's gate columns when no use
     *     case came (otherwise the first result names them)
     */
    public static ResultSink sink(PrintWriter out, PrintWriter err, Supplier<List<String>> gates) {
        return new StreamingSink(out, err) {
            private boolean headed;

            @Override
            public void result(Result result, String rendered) {
                if (!headed) {
                    out.write(header(result.gates().stream().map(GateResult::getName).toList()));
                    out.write('\n');
                    headed = true;
                }
                out.write(rendered != null ? rendered : render(result));
                out.write('\n');
            }

            @Override
            void end() {
                if (!headed) {
                    // the same columns as a run with results, so files from any run line up
                    List<String> names;
                    try {
                        names = gates.get();
                    } catch (RuntimeException e) {
                        names = List.of();
                        err.println("warning: the rules failed to name their gates (" + e.getMessage() + "); the CSV header has no gate columns");
                    }
                    out.write(header(names) + "\n");
                }
            }
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A text cell: formula-looking text defused, quoted when it holds a comma, quote or line end. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
