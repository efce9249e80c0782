package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.Provenance;
import java.util.Map;

/**
 * The numbers of {@code rules/assumptions.yaml} as Markdown tables, one for thresholds, one for cost
 * inputs and one for the numbers about an organisation's own assumptions file: each with its value, where it comes from and the article's sentence or the reason. docs/numbers.md
 * holds this output, and a test keeps it fresh.
 */
public final class NumbersTable {
    private NumbersTable() {
    }

    /** The tables, thresholds first, then cost inputs, then the numbers about an organisation's file. */
    public static String markdown(Assumptions assumptions) {
        StringBuilder md = new StringBuilder();
        md.append("### Thresholds (a use case cannot change them)\n\n");
        table(assumptions, assumptions.thresholds(), false, md);
        md.append("\n### Cost inputs (override any in a fact file's `costs:`, except one a fact file gives as a field of its own)\n\n");
        table(assumptions, assumptions.costInputs(), true, md);
        if (!assumptions.organisation().isEmpty()) {
            md.append("\n### About an organisation's own assumptions file (`--assumptions`; read by the advisor, not by rules)\n\n");
            table(assumptions, assumptions.organisation(), false, md);
        }
        return md.toString();
    }

    private static void table(Assumptions assumptions, Map<String, Double> values, boolean costs, StringBuilder md) {
        md.append("| Name | Value | Source | The article says, or why |\n");
        md.append("|---|---|---|---|\n");
        values.forEach((name, value) -> {
            Provenance p = assumptions.provenance(name);
            String source = switch (p.kind()) {
                case ARTICLE -> "article";
                case RANGE -> "chosen within " + p.format(p.low()) + "-" + p.format(p.high());
                case ASSUMPTION -> "**assumed**";
            };
            StringBuilder why = new StringBuilder();
            if (p.kind() == Provenance.Kind.ASSUMPTION) {
                why.append(p.reason());
            }
            if (p.quote() != null) {
                why.append(why.isEmpty() ? "" : " ").append(p.kind() == Provenance.Kind.ASSUMPTION ? "(Drawn from: " : "")
                        .append('"').append(p.quote()).append('"').append(p.kind() == Provenance.Kind.ASSUMPTION ? ")" : "");
            }
            if (p.note() != null) {
                why.append(" ").append(capitalised(p.note()));
            }
            String givenAs = costs ? assumptions.costKeys().givenAs(name) : null;
            String shownName = givenAs != null ? "`" + name + "` (a fact file gives it as `" + givenAs + "`, not under `costs:`)"
                    : "`" + (costs ? "costs." : "") + name + "`";
            md.append("| ").append(shownName).append(" | ").append(cell(p.shown(value)))
                    .append(" | ").append(source).append(" | ").append(cell(why.toString())).append(" |\n");
        });
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Text safe inside a Markdown table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
