package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a use case found by the whole-space check (a counterexample, or a representative of a change) as a
 * scenario of {@code tests/}: its description, the use case inline (only the fields it gives, one section a line,
 * as the hand-written scenarios are), and what it expects. The file is read back by {@link ScenarioReader}.
 */
public final class ScenarioWriter {
    private static final ObjectMapper JSON = FactFormat.json();

    private ScenarioWriter() {
    }

    /**
     * The scenario's text.
     *
     * @param description one sentence: what the case shows
     * @param id the use case's id
     * @param given the fields it gives, by path ({@code data.labeledExamples}), in fact-file order
     * @param expect what it expects: each key of {@code expect:} with its value (a scalar, a list or a mapping)
     */
    public static String text(String description, String id, Map<String, Object> given, Map<String, Object> expect) {
        StringBuilder b = new StringBuilder();
        b.append("description: ").append(jsonOnly(description)).append('\n');
        b.append("useCase:\n");
        b.append("  id: ").append(jsonOnly(id)).append('\n');
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        given.forEach((path, value) -> {
            int dot = path.indexOf('.');
            sections.computeIfAbsent(path.substring(0, dot), k -> new LinkedHashMap<>()).put(path.substring(dot + 1), value);
        });
        sections.forEach((section, fields) -> b.append("  ").append(section).append(": ").append(flow(fields)).append('\n'));
        b.append("expect:\n");
        expect.forEach((key, value) -> b.append("  ").append(key).append(": ").append(flow(value)).append('\n'));
        return b.toString();
    }

    /**
     * Writes a scenario as {@code dir/name.yaml} (creating {@code dir}), replacing a file of that name.
     *
     * @return the file written
     */
    public static Path write(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ScenarioReader.ENDING);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A value in YAML flow style: mappings as {@code { a: 1, b: "x" }}, lists as {@code [A, B]}, scalars as JSON writes them. */
    private static String flow(Object value) {
        if (value instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{ ");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ", ").append(e.getKey()).append(": ").append(flow(e.getValue()));
                first = false;
            }
            return m.isEmpty() ? "{}" : b.append(" }").toString();
        }
        if (value instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(flow(l.get(i)));
            }
            return b.append(']').toString();
        }
        return json(value);
    }

    /** A number as a fact file writes it: whole numbers without decimals, no exponent ({@code 2000}, {@code 0.099}). */
    static String number(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    /** A word YAML reads as the same string when written bare (a choice's value, a model name). */
    private static final Pattern BARE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    /** Words YAML would read as something else. */
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf");

    private static String json(Object value) {
        try {
            String written = JSON.writeValueAsString(value);
            if (written.startsWith("\"")) {
                String text = JSON.readValue(written, String.class);
                if (BARE.matcher(text).matches() && !RESERVED.contains(text.toLowerCase(Locale.ROOT))) {
                    return text;
                }
            }
            return written;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value, e);
        }
    }

    private static String jsonOnly(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value, e);
        }
    }
}
