package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.model.CostKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
    static List<JsonLines.Line> lines(InputStream in) throws IOException {
        JsonLines.LineReader reader = new JsonLines.LineReader(in);
        List<JsonLines.Line> lines = new ArrayList<>();
        for (JsonLines.Line l = reader.next(); l != null; l = reader.next()) {
            lines.add(l);
        }
        return lines;
    }

    static String text(JsonLines.Line l) {
        return new String(l.bytes(), 0, l.length(), StandardCharsets.UTF_8);
    }

    @Test
    void lines_keep_their_numbers_across_blank_lines_crlf_and_a_missing_last_line_end() throws Exception {
        // Given text with CRLF ends, blank lines and no final line end
        byte[] input = "a\r\n\r\n  \nb\n\nc".getBytes(StandardCharsets.UTF_8);
        // When it is read
        List<JsonLines.Line> lines = lines(new ByteArrayInputStream(input));
        // Then blank lines are skipped and numbers count every line
        assertEquals(List.of("a", "b", "c"), lines.stream().map(JsonLinesTest::text).toList());
        assertEquals(List.of(1L, 4L, 6L), lines.stream().map(JsonLines.Line::number).toList());
    }

    @Test
    void a_line_longer_than_the_limit_is_skipped_without_being_held() throws Exception {
        // Given a 5 MiB line between two short ones, arriving in small reads
        byte[] huge = new byte[5 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        byte[] input = concat("first\n".getBytes(StandardCharsets.UTF_8), huge, "\nlast\n".getBytes(StandardCharsets.UTF_8));
        InputStream trickle = new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
        // When it is read
        List<JsonLines.Line> lines = lines(trickle);
        // Then the long line is marked, not kept, and the next line is intact
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).tooLong());
        assertEquals(0, lines.get(1).bytes().length);
        assertEquals("last", text(lines.get(2)));
        assertEquals(3, lines.get(2).number());
    }

    @Test
    void a_parse_error_carries_the_line_number_and_the_field() {
        JsonLines parser = new JsonLines(CostKeys.of(Set.of("engineerUsdPerWeek")));
        byte[] bytes = "{\"data\":{\"noiseRate\":1.5}}".getBytes(StandardCharsets.UTF_8);
        JsonLines.Parsed parsed = parser.parse(new JsonLines.Line(42, bytes, bytes.length, false), "f.jsonl", "f#42");
        assertNull(parsed.loaded());
        assertEquals(42, parsed.errors().get(0).line());
        assertEquals("f.jsonl", parsed.errors().get(0).file());
        assertTrue(parsed.errors().get(0).describe().contains("data.noiseRate"), parsed.errors().get(0).describe());
    }

    @Test
    void what_json_cannot_hold_is_said_as_what_is_allowed_not_as_parser_settings() {
        JsonLines parser = new JsonLines(CostKeys.of(Set.of()));
        String[] lines = {
            "{\"data\":{\"noiseRate\":NaN}}",
            "{\"id\":\"x\"} // a comment",
            "{\"volume\":{\"tokensPerCall\":9223372036854775807}}",
            "{\"volume\":{\"callsPerDay\":99999999999999999999}}",
            "{\"data\":{\"labeledExamples\":" + "1".repeat(401) + "}}"};
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            JsonLines.Parsed parsed = parser.parse(new JsonLines.Line(1, bytes, bytes.length, false), "f.jsonl", "f#1");
            assertNull(parsed.loaded(), line);
            messages.add(parsed.errors().get(0).describe());
        }
        for (String m : messages) {
            assertFalse(m.matches("(?s).*(Feature|StreamReadConstraints|JsonReadFeature|ALLOW_|out of range of).*"), m);
        }
        assertTrue(messages.get(2).contains("volume.tokensPerCall") && messages.get(2).contains("10,000,000"), messages.get(2));
        assertTrue(messages.get(3).contains("volume.callsPerDay") && messages.get(3).contains("100,000,000,000"), messages.get(3));
    }

    @Test
    void a_line_with_several_mistakes_reports_each_with_its_column() {
        // Given one line with three independent mistakes
        JsonLines parser = new JsonLines(CostKeys.of(Set.of("engineerUsdPerWeek")));
        String json = "{\"data\":{\"noiseRate\":\"8%\",\"labeledExamples\":1.5},\"task\":{\"need\":\"x\"}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        // When it is parsed
        JsonLines.Parsed parsed = parser.parse(new JsonLines.Line(9, bytes, bytes.length, false), "f.jsonl", "f#9");
        // Then each is reported on the line, at its own column, in order
        assertNull(parsed.loaded());
        assertEquals(List.of("data.noiseRate", "data.labeledExamples", "task.need"),
                parsed.errors().stream().map(e -> e.field()).toList());
        assertEquals(List.of(9, 9, 9), parsed.errors().stream().map(e -> e.line()).toList());
        assertEquals(List.of(json.indexOf("\"8%\"") + 1, json.indexOf("1.5") + 1, json.indexOf("\"x\"") + 1),
                parsed.errors().stream().map(e -> e.column()).toList());
        assertTrue(parsed.errors().get(0).message().contains("0.08"), parsed.errors().get(0).message());
    }

    @Test
    void a_use_case_without_an_id_is_named_for_its_line() {
        JsonLines parser = new JsonLines(CostKeys.of(Set.of()));
        byte[] bytes = "{\"task\":{\"need\":\"behavior\"}}".getBytes(StandardCharsets.UTF_8);
        JsonLines.Parsed parsed = parser.parse(new JsonLines.Line(7, bytes, bytes.length, false), "f.jsonl", "f#7");
        assertEquals("f#7", parsed.loaded().useCase().getId());
        assertEquals(7, parsed.loaded().line());
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
