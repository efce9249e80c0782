package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.finetuneadvisor.model.ReportTexts;
import dev.finetuneadvisor.model.ReportTexts.Form;
import dev.finetuneadvisor.model.ReportTexts.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code reports.yaml}, the captions the portfolio reports put around their totals, and holds it to
 * what the reports fill in ({@link ReportTexts#CAPTIONS}): every caption is there once, in its form (one
 * sentence; {@code one:} and {@code other:}; {@code label:} and {@code text:}), and uses only the placeholders
 * the report gives it. Each problem is reported with its line and column, like {@link FieldsFile}.
 */
public final class ReportsFile {
    /** The file's name inside a rules directory. */
    public static final String NAME = "reports.yaml";

    private ReportsFile() {
    }

    /** Reads the captions of a rules directory ({@value #NAME} in it, named in problems by its path), adding any problem. */
    public static ReportTexts readIn(Path directory, List<RuleProblem> problems) {
        Path file = directory.resolve(NAME);
        return read(file, file.toString().replace('\\', '/'), problems);
    }

    /**
     * Reads the captions, adding any problem to {@code problems}.
     *
     * @param displayPath how the file is named in problems
     * @return the captions, or null when the file is unusable
     */
    public static ReportTexts read(Path file, String displayPath, List<RuleProblem> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 0, 0,
                    "missing: the rules directory needs " + NAME + ", the captions of the portfolio reports ('captions:' mapping)"));
            return null;
        }
        List<RuleProblem> found = new ArrayList<>();
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        boolean seen = false;
        boolean parsed = false;
        try (JsonParser p = RulesYaml.open(file)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                found.add(error(displayPath, p.currentTokenLocation(), "expected a mapping with 'captions:'"));
            } else {
                for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                    JsonLocation at = p.currentTokenLocation();
                    JsonToken t = p.nextToken();
                    if (!key.equals("captions") || t != JsonToken.START_OBJECT) {
                        found.add(error(displayPath, at, key.equals("captions") ? "'captions:' must be a mapping of caption names to texts"
                                : "unknown section '" + key + "'; allowed: captions"));
                        p.skipChildren();
                        continue;
                    }
                    seen = true;
                    readCaptions(p, displayPath, texts, found);
                }
                parsed = true;
            }
        } catch (IOException e) {
            JsonLocation at = e instanceof JacksonException je ? je.getLocation() : null;
            String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            found.add(error(displayPath, at, message));
        }
        // a caption written wrongly is reported where it is, not again as missing
        if (parsed) {
            List<String> missing = ReportTexts.CAPTIONS.keySet().stream().filter(k -> !texts.containsKey(k)).toList();
            if (!seen || !missing.isEmpty()) {
                found.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 1, 1, "missing caption"
                        + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + ": the reports write every caption of 'captions:'"));
            }
        }
        problems.addAll(found);
        return found.isEmpty() ? new ReportTexts(texts) : null;
    }

    private static void readCaptions(JsonParser p, String shown, Map<String, Map<String, String>> texts, List<RuleProblem> found)
            throws IOException {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonLocation at = p.currentTokenLocation();
            JsonToken t = p.nextToken();
            Spec spec = ReportTexts.CAPTIONS.get(name);
            if (spec == null) {
                found.add(error(shown, at, "unknown caption '" + name + "'; the reports write "
                        + String.join(", ", ReportTexts.CAPTIONS.keySet())));
                p.skipChildren();
                continue;
            }
            List<String> forms = switch (spec.form()) {
                case PLAIN -> List.of("text");
                case COUNTED -> List.of("one", "other");
                case LABELLED -> List.of("label", "text");
            };
            Map<String, String> read = new LinkedHashMap<>();
            if (spec.form() == Form.PLAIN && t == JsonToken.VALUE_STRING) {
                checkText(shown, name, p.getText(), p.currentTokenLocation(), spec, found);
                read.put("text", p.getText());
            } else if (spec.form() != Form.PLAIN && t == JsonToken.START_OBJECT) {
                for (String form = p.nextFieldName(); form != null; form = p.nextFieldName()) {
                    JsonLocation formAt = p.currentTokenLocation();
                    JsonToken v = p.nextToken();
                    if (!forms.contains(form)) {
                        found.add(error(shown, formAt, name + ": unknown form '" + form + "'; allowed: " + String.join(", ", forms)));
                        p.skipChildren();
                    } else if (v != JsonToken.VALUE_STRING) {
                        found.add(error(shown, formAt, name + "." + form + ": expected a text in quotes"));
                        p.skipChildren();
                    } else {
                        // a label is bold words, filled with nothing
                        checkText(shown, name + "." + form, p.getText(), p.currentTokenLocation(),
                                form.equals("label") ? new Spec(Form.PLAIN, List.of()) : spec, found);
                        read.put(form, p.getText());
                    }
                }
                String why = spec.form() == Form.COUNTED ? "one: for a count of 1, other: for any other count" : "label: in bold, text: after it";
                for (String f : forms) {
                    if (!read.containsKey(f)) {
                        found.add(error(shown, at, name + ": '" + f + ":' is required (" + why + ")"));
                    }
                }
            } else {
                found.add(error(shown, at, name + ": expected " + (spec.form() == Form.PLAIN ? "one text in quotes"
                        : "a mapping with " + String.join(" and ", forms.stream().map(f -> f + ":").toList()))));
                p.skipChildren();
            }
            texts.put(name, read);
        }
    }

    private static void checkText(String shown, String name, String text, JsonLocation at, Spec spec, List<RuleProblem> found) {
        for (String placeholder : ReportTexts.placeholders(text)) {
            if (!spec.placeholders().contains(placeholder)) {
                found.add(error(shown, at, name + ": unknown placeholder {" + placeholder + "}; "
                        + (spec.placeholders().isEmpty() ? "this caption has none" : "allowed: "
                        + String.join(", ", spec.placeholders().stream().map(s -> "{" + s + "}").toList()))));
            }
        }
    }

    private static RuleProblem error(String shown, JsonLocation at, String message) {
        return RulesYaml.error(shown, at, message);
    }
}
