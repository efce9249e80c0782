package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Revisions;
import dev.finetuneadvisor.model.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a decision log ({@link DecisionLogWriter}) one line at a time, so a log of any length is replayed in flat
 * memory. Each line becomes an {@link Entry}, or an {@link InputError} at {@code file:line}: a line that is not
 * JSON, not a decision, or written in a newer version of the format than this advisor reads. Blank lines are
 * skipped.
 */
public final class DecisionLogReader {
    /** What every {@code log} field starts with; the version follows. */
    static final String FORMAT_PREFIX = "finetune-advisor/decision/";
    /** The newest version of the format this advisor writes and reads. */
    static final int VERSION = 1;
    private static final Pattern FORMAT = Pattern.compile(Pattern.quote(FORMAT_PREFIX) + "([0-9]{1,9})");

    /**
     * The decision part of a logged result: what a replay compares.
     *
     * @param gates each gate's status by name, in the gates' order
     * @param codes every recommendation's code, sorted, each once
     */
    public record Logged(String verdict, Map<String, Status> gates, List<String> codes, List<String> rulesFired) {
    }

    /**
     * One logged decision.
     *
     * @param line the line of the log it is on
     * @param file where its input was read when it was decided
     * @param revisions the advisor and revisions that decided it (null in a line that does not give them)
     * @param input the use case as read, as one line of JSON (a JSON Lines fact file's line)
     */
    public record Entry(int line, String time, String file, String id, Revisions revisions, String input, Logged result) {
    }

    private DecisionLogReader() {
    }

    /**
     * Reads every line of {@code log}, handing on each decision and each error in the log's order.
     *
     * @param shown how errors name the log file
     * @throws IOException when the file cannot be read
     */
    public static void read(Path log, String shown, Consumer<Entry> entries, Consumer<InputError> errors) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            JsonLines.LineReader lines = new JsonLines.LineReader(in);
            for (JsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                int number = (int) Math.min(line.number(), Integer.MAX_VALUE);
                if (line.tooLong()) {
                    errors.accept(new InputError(shown, number, 0, null, null, "line is longer than " + JsonLines.MAX_LINE_BYTES
                            + " bytes; a decision is one JSON object on one line"));
                    continue;
                }
                Object parsed = parse(line.bytes(), line.length(), shown, number);
                if (parsed instanceof Entry e) {
                    entries.accept(e);
                } else {
                    errors.accept((InputError) parsed);
                }
            }
        }
    }

    /** One line: an {@link Entry} or the {@link InputError} that rejects it. */
    private static Object parse(byte[] bytes, int length, String shown, int number) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(bytes, 0, length);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new InputError(shown, number, at == null ? 0 : Math.max(0, at.getColumnNr()), null, null,
                    "not a line of JSON (" + e.getOriginalMessage() + "); each line of a decision log is one JSON object");
        } catch (IOException e) {
            return new InputError(shown, number, 0, null, null, "cannot read the line: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return new InputError(shown, number, 1, null, null, "expected a decision (a JSON object)");
        }
        String id = text(node, "id");
        String format = text(node, "log");
        Matcher m = format == null ? null : FORMAT.matcher(format);
        if (m == null || !m.matches()) {
            return new InputError(shown, number, 0, "log", id, "not a decision: 'log' must name the format, "
                    + FORMAT_PREFIX + VERSION + (format == null ? "" : ", not '" + format + "'"));
        }
        int version = Integer.parseInt(m.group(1));
        if (version > VERSION) {
            return new InputError(shown, number, 0, "log", id, "written in " + format + ", newer than this advisor reads ("
                    + FORMAT_PREFIX + VERSION + "); replay it with the advisor that wrote it or a later one");
        }
        JsonNode input = node.get("input");
        if (input == null || !input.isObject()) {
            return new InputError(shown, number, 0, "input", id, "missing: a decision gives the use case as read (a JSON object)");
        }
        JsonNode result = node.get("result");
        if (result == null || !result.isObject() || text(result, "verdict") == null) {
            return new InputError(shown, number, 0, "result", id, "missing: a decision gives its result, with its verdict");
        }
        Map<String, Status> gates = new LinkedHashMap<>();
        for (JsonNode g : result.path("gates")) {
            String name = text(g, "name");
            String status = text(g, "status");
            try {
                gates.put(name, Status.valueOf(status));
            } catch (IllegalArgumentException | NullPointerException e) {
                return new InputError(shown, number, 0, "result.gates", id, "gate '" + name + "' has status '" + status
                        + "'; a status is one of PASS, FAIL, UNKNOWN, NOT_REACHED");
            }
        }
        TreeSet<String> codes = new TreeSet<>();
        result.path("recommendations").forEach(r -> codes.add(r.path("code").asText()));
        List<String> fired = new ArrayList<>();
        result.path("rulesFired").forEach(r -> fired.add(r.asText()));
        String advisor = text(node, "advisorVersion");
        String rules = text(node, "rulesRevision");
        String assumptions = text(node, "assumptionsRevision");
        Revisions revisions = advisor == null || rules == null || assumptions == null ? null : new Revisions(advisor, rules, assumptions);
        String inputLine;
        try {
            inputLine = Json.compact().writeValueAsString(input);
        } catch (JsonProcessingException e) {
            return new InputError(shown, number, 0, "input", id, "cannot be written back as JSON: " + e.getOriginalMessage());
        }
        return new Entry(number, text(node, "time"), text(node, "file"), id, revisions, inputLine,
                new Logged(text(result, "verdict"), gates, List.copyOf(codes), List.copyOf(fired)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
