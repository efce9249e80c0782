package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.io.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sensitivity command as a user runs it. */
class SensitivityCommandTest {
    private static final String KYC = "facts/kyc-document-field-extraction-400-examples.yaml";

    @Test
    void the_verdict_across_a_range_shows_the_exact_edge() throws Exception {
        // When labeled examples are swept from 0 to 2,000
        AdviseCommandTest.Run r = AdviseCommandTest.run("sensitivity", KYC, "--field", "data.labeledExamples",
                "--from", "0", "--to", "2000", "--steps", "4", "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode rows = Json.mapper().readTree(r.out()).get("sensitivity").get(0).get("rows");
        // Then the grid values are there and the edge is 999 / 1,000, one apart
        List<String> edges = new ArrayList<>();
        rows.forEach(row -> {
            if (row.get("edge").asBoolean()) {
                edges.add(row.get("value").asInt() + " " + row.get("verdict").asText());
            }
        });
        assertEquals(List.of("999 GET_DATA_FIRST", "1000 FINE_TUNE"), edges);
        assertEquals(6, rows.size()); // 0, 500, 999, 1,000, 1,500, 2,000
        assertEquals("GET_DATA_FIRST", rows.get(0).get("verdict").asText());
        assertEquals("FINE_TUNE", rows.get(rows.size() - 1).get("verdict").asText());
    }

    @Test
    void a_share_is_swept_to_a_thousandth_and_a_volume_rate_sets_the_other_aside() throws Exception {
        AdviseCommandTest.Run noise = AdviseCommandTest.run("sensitivity", "facts/content-moderation-500k.yaml", "--field", "data.noiseRate",
                "--from", "0", "--to", "0.2", "--steps", "2", "--format", "json");
        assertEquals(ExitCodes.OK, noise.code(), noise.err());
        List<String> edges = new ArrayList<>();
        Json.mapper().readTree(noise.out()).get("sensitivity").get(0).get("rows").forEach(row -> {
            if (row.get("edge").asBoolean()) {
                edges.add(row.get("value").asText() + " " + row.get("verdict").asText());
            }
        });
        assertEquals(List.of("0.099 FINE_TUNE", "0.1 GET_DATA_FIRST"), edges);
        // the case gives calls a day; sweeping calls a month still runs the rules at every value
        AdviseCommandTest.Run monthly = AdviseCommandTest.run("sensitivity", "facts/content-moderation-500k.yaml", "--field",
                "volume.callsPerMonth", "--from", "0", "--to", "20000000", "--format", "json");
        assertEquals(ExitCodes.OK, monthly.code(), monthly.err());
        Json.mapper().readTree(monthly.out()).get("sensitivity").get(0).get("rows")
                .forEach(row -> assertTrue(row.has("verdict"), row.toString()));
    }

    @Test
    void a_range_past_what_the_fact_model_allows_is_a_usage_error_naming_the_bound() {
        AdviseCommandTest.Run r = AdviseCommandTest.run("sensitivity", "facts/b2b-sales-email-intent-classifier.yaml",
                "--field", "volume.callsPerDay", "--from", "0", "--to", "200000000000", "--steps", "4");
        assertEquals(ExitCodes.USAGE, r.code(), r.out());
        assertTrue(r.err().contains("100,000,000,000"), r.err());
        // up to the bound the sweep runs, and the last row is a valid verdict, not an edge made by the bound
        AdviseCommandTest.Run ok = AdviseCommandTest.run("sensitivity", "facts/b2b-sales-email-intent-classifier.yaml",
                "--field", "volume.callsPerDay", "--from", "0", "--to", "100000000000", "--steps", "4", "--format", "json");
        assertEquals(ExitCodes.OK, ok.code(), ok.err());
        assertTrue(ok.out().contains("100000000000") && !ok.out().contains("invalid"), ok.out());
    }

    @Test
    void the_text_table_marks_the_edge() {
        AdviseCommandTest.Run r = AdviseCommandTest.run("sensitivity", KYC, "--field", "data.labeledExamples", "--from", "0", "--to", "2000");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("* 1,000"), r.out());
        assertTrue(r.out().contains("* 999"), r.out());
    }

    @Test
    void a_choice_is_run_at_each_of_its_values() throws Exception {
        AdviseCommandTest.Run r = AdviseCommandTest.run("sensitivity", KYC, "--field", "task.need", "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode rows = Json.mapper().readTree(r.out()).get("sensitivity").get(0).get("rows");
        assertEquals(3, rows.size());
        assertEquals("USE_RAG", rows.get(0).get("verdict").asText());
    }

    @Test
    void usage_errors_exit_with_the_usage_code() {
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("sensitivity", KYC, "--field", "data.nope", "--from", "0", "--to", "1").code());
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("sensitivity", KYC, "--field", "data.labeledExamples").code());
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("sensitivity", KYC, "--field", "data.labeledExamples",
                "--from", "0", "--to", "1", "--steps", "0").code());
    }

    @Test
    void the_same_sweep_gives_the_same_bytes() {
        String[] args = {"sensitivity", KYC, "--field", "volume.callsPerDay", "--from", "0", "--to", "200000", "--format", "json"};
        assertEquals(AdviseCommandTest.run(args).out(), AdviseCommandTest.run(args).out());
    }
}
