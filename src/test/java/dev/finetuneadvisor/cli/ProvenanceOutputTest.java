package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reports say about numbers that are not the article's, and about the article's ranges. */
class ProvenanceOutputTest {
    private static final String SCENARIO = "tests/costs/private-data-near-break-even-flips-at-the-top-of-the-hosting-range.yaml";

    /** The use case of the near-break-even scenario as a fact file of its own. */
    private static Path privateCase(Path dir, String extra) throws Exception {
        String scenario = Files.readString(Path.of(SCENARIO));
        String useCase = scenario.substring(scenario.indexOf("useCase:\n") + "useCase:\n".length(), scenario.indexOf("expect:"))
                .replaceAll("(?m)^  ", "");
        Path file = dir.resolve("private.yaml");
        Files.writeString(file, "id: private-near-break-even\n" + useCase + extra);
        return file;
    }

    @Test
    void text_names_each_input_not_from_the_article_and_the_range_end_that_flips_the_verdict(@TempDir Path dir) throws Exception {
        // Given a self-served case near its break-even
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", privateCase(dir, "").toString());
        // Then the costs block lists the assumed and range-chosen inputs with their labels and how to override them
        assertEquals(ExitCodes.OK, r.code(), r.err());
        String out = r.out().replaceAll("\\s+", " ");
        assertTrue(out.contains("give your own in the fact file's costs: section"), out);
        assertTrue(out.contains("assumed: $4,000 per engineer-week (costs.engineerUsdPerWeek)"), out);
        assertTrue(out.contains("assumed: 2 training cycles a year (costs.trainingCyclesPerYear)"), out);
        assertTrue(out.contains("$500 a month of GPU hosting, within the article's $500-$5,000 (costs.hostingUsdPerMonth)"), out);
        assertFalse(out.contains("(costs.frontierUsdPerMillionTokens)"), "the article's own price is not flagged");
        // and says which end of which range flips the verdict
        assertTrue(out.contains("the verdict flips to SIMPLER_ARCHITECTURE at $5,000 a month of GPU hosting"), out);
        assertTrue(out.contains("it holds for 4-8 engineer-weeks a cycle"), out);
    }

    @Test
    void json_says_what_is_assumed_and_whether_the_verdict_holds_and_a_case_own_value_is_not_assumed(@TempDir Path dir)
            throws Exception {
        // Given the same case giving its own engineer-week price
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--format", "json",
                privateCase(dir, "costs: { engineerUsdPerWeek: 3000 }\n").toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode result = Json.mapper().readTree(r.out()).get("results").get(0);
        // Then costs.assumed lists the other assumptions but not the case's own value
        JsonNode assumed = result.get("costs").get("assumed");
        assertTrue(assumed.toString().contains("trainingCyclesPerYear"), assumed.toString());
        assertFalse(assumed.toString().contains("engineerUsdPerWeek"), assumed.toString());
        assertTrue(result.get("costs").get("chosenInRange").toString().contains("hostingUsdPerMonth"));
        // and ranges says the verdict does not hold, at the high end of hosting
        JsonNode ranges = result.get("ranges");
        assertFalse(ranges.get("holds").asBoolean());
        JsonNode hosting = ranges.get("inputs").get(0);
        assertEquals("hostingUsdPerMonth", hosting.get("name").asText());
        assertEquals(5000.0, hosting.get("high").asDouble());
        assertEquals("FINE_TUNE", hosting.get("verdictAtLow").asText());
        assertEquals("SIMPLER_ARCHITECTURE", hosting.get("verdictAtHigh").asText());
    }

    @Test
    void the_range_check_is_on_for_text_and_json_off_for_json_lines_and_can_be_switched(@TempDir Path dir) throws Exception {
        Path file = privateCase(dir, "");
        // json: on by default, off with --no-ranges
        assertTrue(first(AdviseCommandTest.run("advise", "--format", "json", file.toString())).has("ranges"));
        assertFalse(first(AdviseCommandTest.run("advise", "--format", "json", "--no-ranges", file.toString())).has("ranges"));
        // text: off with --no-ranges
        assertFalse(AdviseCommandTest.run("advise", "--no-ranges", file.toString()).out().contains("Across the article's ranges"));
        // jsonl: off by default (batch speed), on with --ranges
        AdviseCommandTest.Run jsonl = AdviseCommandTest.run("advise", "--format", "jsonl", file.toString());
        assertFalse(Json.mapper().readTree(jsonl.out().lines().findFirst().orElseThrow()).has("ranges"));
        AdviseCommandTest.Run asked = AdviseCommandTest.run("advise", "--format", "jsonl", "--ranges", file.toString());
        assertTrue(Json.mapper().readTree(asked.out().lines().findFirst().orElseThrow()).has("ranges"));
        // a format that does not show it refuses the flag
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("advise", "--format", "csv", "--ranges", file.toString()).code());
    }

    private static JsonNode first(AdviseCommandTest.Run r) throws Exception {
        assertEquals(ExitCodes.OK, r.code(), r.err());
        return Json.mapper().readTree(r.out()).get("results").get(0);
    }
}
