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
    private static VerifyWriter.Space space(long millis) {
        return new VerifyWriter.Space(400, 34, 158, 2, 2, 90, 90, 100, 1, 250, true, 40, 1, 10, 2000, millis);
    }

    private static final VerifyWriter.Space SPACE = space(1000);

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
        return new SpaceDiffWriter.Diff(space(millis), List.of(TO_DATA, TO_DATA_TOO, SAME_VERDICT, FAILS), 7, Path.of("out"));
    }

    private static String render(BiConsumer<SpaceDiffWriter.Diff, PrintWriter> writer, SpaceDiffWriter.Diff d) {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        writer.accept(d, out);
        out.flush();
        return s.toString();
    }

    @Test
    void text_and_markdown_are_the_same_bytes_however_long_the_run_took() {
        // Given the same report, timed differently
        // When written as text and as Markdown
        // Then the bytes are the same: the time taken is not in them (the command prints it on stderr)
        assertEquals(render(SpaceDiffWriter::text, diff(1234)), render(SpaceDiffWriter::text, diff(98765)));
        assertEquals(render(SpaceDiffWriter::markdown, diff(1)), render(SpaceDiffWriter::markdown, diff(2)));
        assertFalse(render(SpaceDiffWriter::text, diff(1234)).contains("evaluations a second"));
    }

    @Test
    void json_keeps_the_timing_in_one_object_and_numbers_as_fact_files_write_them() throws Exception {
        // When the same report is written as JSON twice, timed differently
        ObjectNode a = (ObjectNode) Json.mapper().readTree(SpaceDiffWriter.json(diff(1234)));
        ObjectNode b = (ObjectNode) Json.mapper().readTree(SpaceDiffWriter.json(diff(2000)));
        // Then the timing object differs, the rest is equal
        assertEquals(1234, a.get("timing").get("millis").asLong());
        assertEquals(1620, a.get("timing").get("evaluationsPerSecond").asLong());
        assertEquals(2000, a.get("timing").get("evaluations").asLong());
        // and the space is written as verify writes it
        assertEquals(400, a.get("space").get("cases").asInt());
        assertEquals(2, a.get("space").get("strengthReached").asInt());
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
