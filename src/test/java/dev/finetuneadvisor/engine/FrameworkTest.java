package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Status;
import dev.finetuneadvisor.model.UseCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framework's order: the first gate that does not pass decides, later gates are NOT_REACHED. */
class FrameworkTest {
    private static final String GOOD = TestRules.PASSES_ALL_GATES;

    @Test
    void a_case_passing_all_six_gates_gets_fine_tune() {
        Result r = TestRules.evaluate(GOOD);
        assertEquals("FINE_TUNE", r.verdict());
        assertTrue(r.gates().stream().allMatch(g -> g.getStatus() == Status.PASS));
        assertEquals(6, r.gates().size());
    }

    @Test
    void the_first_failing_gate_decides_and_later_gates_are_not_reached_but_still_judged() {
        // Given a good case whose prompt has no few-shot examples and whose data is too thin
        Result r = TestRules.evaluate(GOOD.replace("fewShot: true", "fewShot: false").replace("labeledExamples: 3000", "labeledExamples: 300"));
        // Then the prompt gate decides
        assertEquals("FIX_PROMPT_FIRST", r.verdict());
        assertEquals(Status.FAIL, r.gate("prompt-first").getStatus());
        // and the data gate is not reached, yet its own finding is kept for the to-do list
        assertEquals(Status.NOT_REACHED, r.gate("enough-good-data").getStatus());
        assertEquals(Status.FAIL, r.gate("enough-good-data").getFinding());
        assertEquals(Status.NOT_REACHED, r.gate("eval-harness").getStatus());
        assertEquals(Status.PASS, r.gate("eval-harness").getFinding());
    }

    @Test
    void an_unknown_first_stop_asks_for_the_missing_facts() {
        // Given a good case that does not say whether its golden examples are human-rated
        Result r = TestRules.evaluate(GOOD.replace("humanRated: true, ", ""));
        assertEquals("NEEDS_INFO", r.verdict());
        assertEquals(Status.UNKNOWN, r.gate("eval-harness").getStatus());
        assertEquals(List.of("evals.humanRated"), r.gate("eval-harness").getFields());
        assertTrue(r.recommendations().get(0).getExplanation().contains("evals.humanRated"));
    }

    @Test
    void a_known_failure_beats_an_unknown_in_the_same_gate() {
        Result r = TestRules.evaluate(GOOD.replace("humanRated: true, ", "").replace("baselineRecorded: true", "baselineRecorded: false"));
        assertEquals("BUILD_EVALS_FIRST", r.verdict());
    }

    @Test
    void a_hard_latency_requirement_passes_the_volume_gate_without_the_volume() {
        Result r = TestRules.evaluate(GOOD.replace("volume: { callsPerDay: 500000, tokensPerCall: 1000 }", "volume: {}")
                .replace("p95BudgetMs: 1000", "p95BudgetMs: 80, frontierP95Ms: 600"));
        assertEquals("FINE_TUNE", r.verdict());
        assertTrue(r.hasCode("SMALL_OPEN_MODEL"));
        assertTrue(r.hasCode("OPEN_SOURCE_FINE_TUNING"));
    }

    @Test
    void an_empty_use_case_needs_information_at_the_first_gate() {
        Result r = TestRules.evaluate("id: empty");
        assertEquals("NEEDS_INFO", r.verdict());
        assertEquals(Status.UNKNOWN, r.gate("knowledge-or-behavior").getStatus());
        assertEquals(List.of("task.need"), r.gate("knowledge-or-behavior").getFields());
    }

    @Test
    void a_rule_that_loops_is_stopped_by_the_firing_limit(@TempDir Path dir) throws Exception {
        // Given the bundled rules plus one that re-fires forever
        RuleIndex.copy(TestRules.RULES, dir);
        Files.writeString(dir.resolve("loop.drl"), """
                package loop;
                import dev.finetuneadvisor.model.*;
                rule "Loops forever"
                    @id("loop") @section("none")
                when
                    $t : Task()
                then
                    update($t);
                end
                """);
        Evaluator evaluator = new Evaluator(CompiledRules.load(dir), 500);
        UseCase uc = TestRules.useCase("id: x");
        // When it runs, Then the evaluation stops with an error instead of hanging
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluator.evaluate(uc, "x.yaml"));
        assertTrue(e.getMessage().contains("500"), e.getMessage());
    }

    @Test
    void a_syntax_error_in_a_drl_is_reported_with_its_file_and_line(@TempDir Path dir) throws Exception {
        RuleIndex.copy(TestRules.RULES, dir);
        Files.writeString(dir.resolve("broken.drl"), "package broken;\n\nrule \"Broken\"\nwhen\n    Task( need == )\nthen\nend\n");
        RulesInvalidException e = assertThrows(RulesInvalidException.class, () -> CompiledRules.load(dir));
        RuleProblem p = e.problems().get(0);
        assertTrue(p.file().endsWith("broken.drl"), p.describe());
        assertEquals(5, p.line(), p.describe());
    }
}
