package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.io.Scenario;
import dev.finetuneadvisor.io.ScenarioReader;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Apply this in order. Stop when you hit a No." Every verdict rule names the gate the use case stopped at, so
 * that reports, the search and the sweep read it rather than work it out again; it is the first gate that does
 * not pass, and there is none when every gate passes.
 */
class VerdictStoppedAtTest {
    @Test
    void every_scenarios_verdict_names_the_first_gate_that_does_not_pass() {
        // Given every scenario of tests/
        List<InputError> errors = new ArrayList<>();
        List<Scenario> scenarios = new ScenarioReader(TestRules.compiled().assumptions().costKeys()).readAll(Path.of("tests"), errors);
        assertTrue(errors.isEmpty() && scenarios.size() >= 50, () -> "unreadable: " + errors);
        int stopped = 0;
        for (Scenario s : scenarios) {
            // When it is evaluated
            Result r = TestRules.evaluator().evaluate(s.useCase().useCase(), s.useCase().file());
            // Then the gate its verdict names is the first whose status is not PASS (none when all pass)
            GateResult first = r.gates().stream().filter(g -> g.getStatus() != Status.PASS).findFirst().orElse(null);
            assertEquals(first, r.stoppedAt(), s.file().toString());
            stopped += first == null ? 0 : 1;
        }
        assertTrue(stopped > 0 && stopped < scenarios.size(), "expected scenarios that stop and scenarios that pass every gate");
    }

    @Test
    void the_json_result_carries_where_the_use_case_stopped_on_its_verdict() throws Exception {
        // Given a use case without few-shot examples, and one that passes every gate
        Result stops = TestRules.evaluate(TestRules.PASSES_ALL_GATES.replace("fewShot: true", "fewShot: false"));
        Result passes = TestRules.evaluate(TestRules.PASSES_ALL_GATES);
        // When they are written as JSON
        var stopsJson = Json.mapper().valueToTree(stops).get("recommendations").get(0);
        var passesJson = Json.mapper().valueToTree(passes).get("recommendations").get(0);
        // Then the verdict says it stopped at the prompt gate, and the other verdict names no gate
        assertEquals("FIX_PROMPT_FIRST", stopsJson.get("code").asText());
        assertEquals("prompt-first", stopsJson.get("stoppedAt").asText());
        assertNull(passesJson.get("stoppedAt"));
    }
}
