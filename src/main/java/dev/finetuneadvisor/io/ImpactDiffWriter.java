package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.Status;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Writes what a rule change does to a portfolio ({@code advisor diff --format markdown} on fact files) as a
 * pull-request comment: a heading, a summary line, a table of the use cases whose decision changed (verdict, gates,
 * codes), and, folded, the rules that fire on one side only. Same diff, same bytes: use cases in the order the diff
 * gives them, codes and rules sorted.
 */
public final class ImpactDiffWriter {
    private static final String ARROW = " → ";

    private ImpactDiffWriter() {
    }

    /**
     * One side of a use case's decision.
     *
     * @param verdict the verdict, or null when the rules failed on it
     * @param gates each gate's status, in gate order
     * @param codes the advisory codes given
     * @param error why the rules failed on it, or null
     */
    public record Side(String verdict, Map<String, Status> gates, List<String> codes, String error) {
        public Side {
            gates = gates == null ? Map.of() : new LinkedHashMap<>(gates);
            codes = codes == null ? List.of() : List.copyOf(codes);
        }

        private String shown() {
            return error != null ? "failed: " + error : Objects.toString(verdict, "(none)");
        }
    }

    /**
     * A use case whose decision changed.
     *
     * @param id its id
     * @param file the file it was read from
     * @param rulesNowFiring rule ids that fire only under the current rules
     * @param rulesNoLongerFiring rule ids that fire only under the base rules
     */
    public record Change(String id, String file, Side before, Side after, List<String> rulesNowFiring, List<String> rulesNoLongerFiring) {
    }

    /**
     * The base rules compared against.
     *
     * @param name the git revision or the directory, as given
     * @param revision true for a git revision ({@code --base-ref}), false for a directory ({@code --base-rules})
     */
    public record Base(String name, boolean revision) {
    }

    /**
     * The report.
     *
     * @param useCases how many use cases were compared
     * @param changed the use cases whose decision changed
     * @param rejected inputs that could not be read, each as {@code file:line:column: message}
     */
    public record Diff(Base base, int useCases, List<Change> changed, List<String> rejected) {
    }

    /** The Markdown comment. */
    public static void markdown(Diff d, PrintWriter out) {
        out.println("### Rule change across the portfolio");
        out.println();
        String against = "against the rules " + (d.base().revision() ? "at" : "in") + " `" + code(d.base().name()) + "`";
        int n = d.changed().size();
        out.println(n == 0
                ? "No decision changed on " + cases(d.useCases()) + ", " + against + "."
                : "**" + n + " of " + cases(d.useCases()) + " " + (n == 1 ? "changes" : "change") + " decision**, " + against + ".");
        List<String> verdicts = verdictChanges(d.changed());
        if (!verdicts.isEmpty()) {
            out.println();
            out.println("Verdicts: " + String.join("; ", verdicts) + ".");
        }
        if (n > 0) {
            out.println();
            out.println("| use case | file | verdict | gates | codes |");
            out.println("|---|---|---|---|---|");
            for (Change c : d.changed()) {
                String before = c.before().shown();
                String after = c.after().shown();
                String verdict = before.equals(after) ? cell(after) : cell(before + ARROW + after);
                out.println("| " + cell(c.id()) + " | `" + code(c.file()) + "` | " + verdict + " | "
                        + String.join("<br>", gates(c).stream().map(ImpactDiffWriter::cell).toList()) + " | "
                        + String.join("<br>", codes(c).stream().map(ImpactDiffWriter::cell).toList()) + " |");
            }
            List<Change> firing = d.changed().stream().filter(c -> !c.rulesNowFiring().isEmpty() || !c.rulesNoLongerFiring().isEmpty()).toList();
            if (!firing.isEmpty()) {
                out.println();
                out.println("<details><summary>Rules that fire on one side only</summary>");
                for (Change c : firing) {
                    out.println();
                    out.println("**" + cell(c.id()) + "**");
                    out.println();
                    if (!c.rulesNowFiring().isEmpty()) {
                        out.println("- now firing: " + ids(c.rulesNowFiring()));
                    }
                    if (!c.rulesNoLongerFiring().isEmpty()) {
                        out.println("- no longer firing: " + ids(c.rulesNoLongerFiring()));
                    }
                }
                out.println();
                out.println("</details>");
            }
        }
        if (!d.rejected().isEmpty()) {
            out.println();
            int r = d.rejected().size();
            out.println("**" + r + (r == 1 ? " input was" : " inputs were") + " rejected** and not compared:");
            out.println();
            d.rejected().forEach(e -> out.println("- `" + code(e) + "`"));
        }
    }

    /** {@code FROM → TO n}, summed over the use cases whose verdict changed, in order of first appearance. */
    private static List<String> verdictChanges(List<Change> changed) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Change c : changed) {
            String before = c.before().shown();
            String after = c.after().shown();
            if (!before.equals(after) && c.before().error() == null && c.after().error() == null) {
                counts.computeIfAbsent(before + ARROW + after, k -> new int[1])[0]++;
            }
        }
        List<String> out = new ArrayList<>();
        counts.forEach((change, count) -> out.add(cell(change) + " " + count[0]));
        return out;
    }

    /** {@code gate: BEFORE → AFTER} for each gate whose status changed, in gate order (base first, then new gates). */
    private static List<String> gates(Change c) {
        List<String> out = new ArrayList<>();
        Map<String, Status> after = c.after().gates();
        c.before().gates().forEach((name, status) -> {
            Status now = after.get(name);
            if (now != status) {
                out.add(name + ": " + status + ARROW + (now == null ? "(none)" : now));
            }
        });
        after.forEach((name, status) -> {
            if (!c.before().gates().containsKey(name)) {
                out.add(name + ": (none)" + ARROW + status);
            }
        });
        return out;
    }

    /** {@code + CODE} for each code gained, then {@code − CODE} for each lost, sorted. */
    private static List<String> codes(Change c) {
        TreeSet<String> added = new TreeSet<>(c.after().codes());
        added.removeAll(c.before().codes());
        TreeSet<String> removed = new TreeSet<>(c.before().codes());
        removed.removeAll(c.after().codes());
        List<String> out = new ArrayList<>();
        added.forEach(code -> out.add("+ " + code));
        removed.forEach(code -> out.add("− " + code));
        return out;
    }

    private static String ids(List<String> ids) {
        return String.join(", ", new TreeSet<>(ids).stream().map(id -> "`" + code(id) + "`").toList());
    }

    /**
     * Text for a table cell or a line: on one line, pipes escaped, and {@code < > &} as entities, so that a use case's
     * id or a message is shown as written rather than taken for HTML.
     */
    private static String cell(String text) {
        return SpaceDiffWriter.cell(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Text for a code span (where HTML is not read): on one line, with no backtick to end it early. */
    private static String code(String text) {
        return Terminal.oneLine(text).replace('`', '\'').replace("|", "\\|");
    }

    private static String cases(int n) {
        return n + (n == 1 ? " use case" : " use cases");
    }
}
