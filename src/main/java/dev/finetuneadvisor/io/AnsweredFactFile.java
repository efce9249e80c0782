package dev.finetuneadvisor.io;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.finetuneadvisor.model.FieldType;
import dev.finetuneadvisor.model.Question;
import dev.finetuneadvisor.model.UseCase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the answers of a questionnaire as a commented YAML fact file: each field under the question that asked it,
 * the sections in the fact model's order, and each question not answered as a commented-out field to fill in later
 * (the advisor reads an absent field as unknown). An answer is written as given, so the fact-file reader judges it; only
 * text is quoted when YAML needs it, and a value that would change the document's shape (a colon and space, a
 * comment, a flow collection) is quoted, which the reader then rejects as not a number or flag.
 */
public final class AnsweredFactFile {
    private static final int WIDTH = 100;
    /** A value YAML reads as the one plain scalar it looks like (no mapping, comment, alias or collection). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.+$-][A-Za-z0-9_.+$%,/ -]*");
    /** Text YAML reads as text when written bare. */
    private static final Pattern PLAIN_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9 ._/()-]*");
    /** Words a YAML 1.1 reader may take for a boolean or null, so text that is one of them is quoted. */
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "y", "n", "on", "off", "null");

    private AnsweredFactFile() {
    }

    /**
     * The YAML scalar an answer is written as: text quoted when YAML needs it, a flag's yes or no as true or false,
     * anything else as given when it is one plain scalar, else quoted.
     */
    public static String scalar(Question question, String answer) {
        String a = answer.strip();
        if (question.spec().type() == FieldType.TEXT) {
            return PLAIN_TEXT.matcher(a).matches() && !RESERVED.contains(a.toLowerCase(Locale.ROOT)) && !a.endsWith(" ") ? a : quoted(a);
        }
        if (question.spec().type() == FieldType.FLAG) {
            String yesNo = a.toLowerCase(Locale.ROOT);
            if (yesNo.equals("yes") || yesNo.equals("y")) {
                return "true";
            }
            if (yesNo.equals("no") || yesNo.equals("n")) {
                return "false";
            }
        }
        return PLAIN.matcher(a).matches() && !a.equals("-") && !a.contains(" #") ? a : quoted(a);
    }

    private static String quoted(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /**
     * The fact file.
     *
     * @param header comment lines for the top (without the {@code #})
     * @param questions every question, in the order asked
     * @param answers the YAML scalar of each answered field, by field path; a question without one is written commented out
     */
    public static String render(List<String> header, List<Question> questions, Map<String, String> answers) {
        StringBuilder out = new StringBuilder();
        header.forEach(h -> comment(out, "", h));
        // the fact model's order of sections (id, title, task, prompt, ...), each field in the order asked
        List<String> order = Arrays.asList(UseCase.class.getAnnotation(JsonPropertyOrder.class).value());
        Map<String, List<Question>> bySection = new LinkedHashMap<>();
        order.forEach(s -> bySection.put(s, new ArrayList<>()));
        for (Question q : questions) {
            String section = q.field().contains(".") ? q.field().substring(0, q.field().indexOf('.')) : q.field();
            bySection.computeIfAbsent(section, s -> new ArrayList<>()).add(q);
        }
        for (Map.Entry<String, List<Question>> e : bySection.entrySet()) {
            List<Question> qs = e.getValue();
            if (qs.isEmpty()) {
                continue;
            }
            if (!qs.get(0).field().contains(".")) {
                Question q = qs.get(0);
                out.append('\n');
                comment(out, "", q.ask());
                field(out, "", q.field(), answers.get(q.field()));
                continue;
            }
            boolean any = qs.stream().anyMatch(q -> answers.containsKey(q.field()));
            out.append('\n').append(any ? "" : "# ").append(e.getKey()).append(":\n");
            for (Question q : qs) {
                comment(out, "  ", q.ask());
                field(out, "  ", q.field().substring(q.field().indexOf('.') + 1), answers.get(q.field()));
            }
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String indent, String name, String scalar) {
        if (scalar == null) {
            out.append(indent).append("# ").append(name).append(":\n");
        } else {
            out.append(indent).append(name).append(": ").append(scalar).append('\n');
        }
    }

    /** Comment lines, wrapped at word breaks to the page width. */
    private static void comment(StringBuilder out, String indent, String text) {
        String prefix = indent + "# ";
        StringBuilder line = new StringBuilder(prefix);
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > prefix.length() && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(prefix);
            }
            if (line.length() > prefix.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
