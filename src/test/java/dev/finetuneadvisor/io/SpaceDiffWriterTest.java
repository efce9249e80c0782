package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The reports of {@code diff --space}: the same bytes but for the timing, and scenarios that pin each change. */
class SpaceDiffWriterTest {
    private static final SpaceDiffWriter.SpaceSummary SPACE = new SpaceDiffWriter.SpaceSummary(400, 2, 2, 90, 90, 100, 250, 40, 10, 1, 2000);

    private static Map<String, Object> given() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task.need", "behavior");
        m.put("data.labeledExamples", 1000);
        m.put("data.noiseRate", 0.02);
        m.put("costs.labelingUsdPerExample", 2.0);
        return m;
    }

    private static final SpaceDiffWriter.Group TO_DATA = new SpaceDiffWriter.Group("FINE_TUNE", "GET_DATA_FIRST", List.of("LABELING_BUDGET"),
            List.of("METHOD_LORA"), 30, "space-000240", given(), List.of(new SpaceDiffWriter.Bound("data.labeledExamples", 1000, 1999)));
    private static final SpaceDiffWriter.Group TO_DATA_TOO = new SpaceDiffWriter.Group("FINE_TUNE", "GET_DATA_FIRST", List.of("LABELING_BUDGET"),
            List.of(), 12, "space-000300", given(), List.of());
    private static final SpaceDiffWriter.Group SAME_VERDICT = new SpaceDiffWriter.Group("NEEDS_INFO", "NEEDS_INFO", List.of("LABELING_BUDGET"),
            List.of(), 3, "space-000017", Map.of("data.labeledExamples", 1999), List.of(new SpaceDiffWriter.Bound("data.labeledExamples", null, 1999.0)));
    private static final SpaceDiffWriter.Group FAILS = new SpaceDiffWriter.Group("FINE_TUNE", "failed: RULE_ERROR", List.of(), List.of(),
            1, "space-000001", Map.of(), List.of());

    private static SpaceDiffWriter.Diff diff(long millis) {
        return new SpaceDiffWriter.Diff(SPACE, List.of(TO_DATA, TO_DATA_TOO, SAME_VERDICT, FAILS), 7, Path.of("out"), millis);
    }

    private static String render(BiConsumer<SpaceDiffWriter.Diff, PrintWriter> writer, SpaceDiffWriter.Diff d) {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        writer.accept(d, out);
        out.flush();
        return s.toString();
    }

    private static String withoutTime(String text) {
        assertEquals(1, text.lines().filter(l -> l.contains("evaluations/s")).count(), "the timing is on one line: " + text);
        return String.join("\n", text.lines().filter(l -> !l.contains("evaluations/s")).toList());
    }

    @Test
    void text_and_markdown_differ_between_runs_only_in_their_timing_line() {
        // Given the same report, timed differently
        // When written as text and as Markdown
        // Then only the line of the time and evaluations/s differs
        String a = render(SpaceDiffWriter::text, diff(1234));
        String b = render(SpaceDiffWriter::text, diff(98765));
        assertFalse(a.equals(b));
        assertEquals(withoutTime(a), withoutTime(b));
        assertEquals(withoutTime(render(SpaceDiffWriter::markdown, diff(1))), withoutTime(render(SpaceDiffWriter::markdown, diff(2))));
    }

    @Test
    void json_keeps_the_timing_in_one_object_and_numbers_as_fact_files_write_them() throws Exception {
        // When the same report is written as JSON twice, timed differently
        ObjectNode a = (ObjectNode) Json.mapper().readTree(SpaceDiffWriter.json(diff(1234)));
        ObjectNode b = (ObjectNode) Json.mapper().readTree(SpaceDiffWriter.json(diff(2000)));
        // Then the timing object differs, the rest is equal
        assertEquals(1.2, a.get("timing").get("seconds").asDouble(), 1e-9);
        assertEquals(1621, a.get("timing").get("evaluationsPerSecond").asLong());
        a.remove("timing");
        b.remove("timing");
        assertEquals(a, b);
        // and a group's share, boundary and representative are numbers
        JsonNode g = a.get("groups").get(0);
        assertEquals(7.5, g.get("sharePercent").asDouble(), 1e-9);
        assertEquals(1999, g.get("boundaries").get(0).get("high").asLong());
        assertTrue(a.get("groups").get(2).get("boundaries").get(0).get("low").isNull());
        assertTrue(a.get("groups").get(2).get("boundaries").get(0).get("high").isIntegralNumber(), "1999.0 is written 1999");
        assertTrue(g.get("representative").get("given").get("costs.labelingUsdPerExample").isIntegralNumber());
        assertEquals(42, a.get("verdictChanges").get(0).get("cases").asLong());
        assertTrue(a.get("changed").asBoolean());
        assertEquals(46, a.get("changedCases").asLong());
    }

    @Test
    void scenario_names_are_unique_and_say_the_change() {
        // When the groups are named
        List<String> names = SpaceDiffWriter.scenarioNames(diff(0).groups());
        // Then by verdict before and after, numbered when taken, with the code when the verdict stayed,
        // and none for a group the current rules fail on (no scenario can expect a failure)
        assertEquals("space-fine-tune-to-get-data-first", names.get(0));
        assertEquals("space-fine-tune-to-get-data-first-2", names.get(1));
        assertEquals("space-needs-info-to-needs-info-gains-labeling-budget", names.get(2));
        assertNull(names.get(3));
    }

    @Test
    void a_scenario_expects_the_new_verdict_the_codes_gained_and_the_codes_lost_absent() throws Exception {
        // When the first group's scenario is written
        JsonNode s = FactFormat.yaml().readTree(SpaceDiffWriter.scenario(TO_DATA, SPACE));
        // Then it expects what the current rules conclude, and the use case is the representative's fields
        JsonNode expect = s.get("expect");
        assertEquals("GET_DATA_FIRST", expect.get("verdict").asText());
        assertEquals("LABELING_BUDGET", expect.get("codes").get(0).asText());
        assertEquals("METHOD_LORA", expect.get("absent").get(0).asText());
        assertEquals(1000, s.get("useCase").get("data").get("labeledExamples").asInt());
        assertEquals(2.0, s.get("useCase").get("costs").get("labelingUsdPerExample").asDouble(), 1e-9);
        assertTrue(s.get("description").asText().contains("data.labeledExamples in [1000, 1999]"));
        // and a group with nothing lost expects no absent codes
        assertNull(FactFormat.yaml().readTree(SpaceDiffWriter.scenario(TO_DATA_TOO, SPACE)).get("expect").get("absent"));
    }
}
