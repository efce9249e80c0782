package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.FieldCatalogue;
import dev.finetuneadvisor.model.FieldSpec;
import dev.finetuneadvisor.model.Fmt;
import java.util.stream.Collectors;

/**
 * The catalogue of fact fields ({@code rules/fields.yaml}) as a Markdown table, one row a field in catalogue
 * order, for {@code docs/fact-fields.md} (a test keeps the page's copy fresh).
 */
public final class FieldsMarkdown {
    private FieldsMarkdown() {
    }

    /** The table, ending with a newline. */
    public static String table(FieldCatalogue catalogue) {
        StringBuilder sb = new StringBuilder();
        sb.append("| field | kind | type | unit | range | gates | meaning |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (FieldSpec f : catalogue.fields()) {
            String type = f.type().label() + (f.values().isEmpty() ? ""
                    : ": " + f.values().stream().map(v -> "`" + v + "`").collect(Collectors.joining(" \\| ")));
            String range = f.min() == null ? "" : Fmt.value(f.min()) + " to " + Fmt.value(f.max());
            String gates = f.gates().isEmpty() ? "(advisories only)" : String.join(", ", f.gates());
            sb.append("| `").append(f.path()).append("` | ").append(f.kind().label()).append(" | ").append(type)
                    .append(" | ").append(cell(f.unit())).append(" | ").append(range).append(" | ").append(gates)
                    .append(" | ").append(cell(f.means())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
