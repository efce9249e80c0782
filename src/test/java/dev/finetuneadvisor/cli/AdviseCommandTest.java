package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advise command as a user runs it: arguments in, exit code and output out. */
class AdviseCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdvisorCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void the_bundled_portfolio_is_evaluated_with_explanations() {
        Run r = run("advise", "facts");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("Verdict: FINE_TUNE"), r.out());
        assertTrue(r.out().contains("§ "), r.out());
        assertTrue(r.out().contains("0 errors"), r.out());
    }

    @Test
    void json_output_keeps_the_contract_and_reproduces_the_worked_example() throws Exception {
        Run r = run("advise", "--format", "json", "facts/content-moderation-500k.yaml");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode result = Json.mapper().readTree(r.out()).get("results").get(0);
        assertEquals("content-moderation-500k", result.get("id").asText());
        assertEquals("facts/content-moderation-500k.yaml", result.get("file").asText());
        assertEquals("FINE_TUNE", result.get("verdict").asText());
        assertEquals(6, result.get("gates").size());
        JsonNode gate = result.get("gates").get(0);
        for (String field : new String[] {"number", "name", "status", "reason"}) {
            assertTrue(gate.has(field), field);
        }
        JsonNode rec = result.get("recommendations").get(0);
        for (String field : new String[] {"code", "rule", "section", "explanation"}) {
            assertTrue(rec.has(field), field);
        }
        JsonNode costs = result.get("costs");
        assertEquals(456250.0, costs.get("frontierUsdPerYear").asDouble(), 0.001);
        assertEquals(72250.0, costs.get("fineTuneUsdPerYear").asDouble(), 0.001);
        assertEquals(18250.0, costs.get("fineTuneInferenceUsdPerYear").asDouble(), 0.001);
        assertEquals(1250.0, costs.get("frontierUsdPerDay").asDouble(), 0.001);
        assertEquals(50.0, costs.get("fineTuneInferenceUsdPerDay").asDouble(), 0.001);
        assertTrue(costs.has("advantage"));
    }

    @Test
    void output_is_the_same_bytes_every_run() {
        assertEquals(run("advise", "--format", "json", "facts").out(), run("advise", "--format", "json", "facts").out());
    }

    @Test
    void rejected_input_is_reported_with_its_place_and_the_rest_still_evaluated(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a-good.yaml"), "id: good\ntask: { need: knowledge }\n");
        Files.writeString(dir.resolve("b-bad.yaml"), "id: bad\ntask:\n  need: sometimes\n");
        Run r = run("advise", "--format", "json", dir.toString());
        assertEquals(ExitCodes.INPUT_REJECTED, r.code());
        JsonNode report = Json.mapper().readTree(r.out());
        assertEquals("USE_RAG", report.get("results").get(0).get("verdict").asText());
        JsonNode error = report.get("errors").get(0);
        assertTrue(error.get("file").asText().endsWith("b-bad.yaml"));
        assertEquals(3, error.get("line").asInt());
        assertTrue(error.get("column").asInt() > 0);
        assertTrue(r.err().contains("b-bad.yaml:3:"), r.err());
    }

    @Test
    void rules_that_do_not_compile_exit_with_their_own_code(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("assumptions.yaml"), "thresholds: {}\ncosts: {}\n");
        Files.writeString(dir.resolve("bad.drl"), "package x;\nrule \"r\"\nwhen\n  Foo(\nthen\nend\n");
        Run r = run("advise", "--rules", dir.toString(), "facts");
        assertEquals(ExitCodes.RULES_INVALID, r.code());
        assertTrue(r.err().contains("bad.drl:"), r.err());
    }

    @Test
    void a_wrong_option_is_a_usage_error() {
        assertEquals(ExitCodes.USAGE, run("advise", "--format", "pdf", "facts").code());
        assertEquals(ExitCodes.USAGE, run("advise").code());
    }
}
