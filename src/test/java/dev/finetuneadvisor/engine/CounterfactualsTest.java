package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Change;
import dev.finetuneadvisor.model.Counterfactual;
import dev.finetuneadvisor.model.FieldKind;
import dev.finetuneadvisor.model.Need;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Status;
import dev.finetuneadvisor.model.TaskFact;
import dev.finetuneadvisor.model.TaskKind;
import dev.finetuneadvisor.model.UseCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counterfactuals are found by the real rules: every value found is checked here by evaluating the use
 * case with it (the outcome flips) and with one step less (it does not).
 */
class CounterfactualsTest {
    private static final String GOOD = TestRules.PASSES_ALL_GATES;
    private static final String LOW_VOLUME = GOOD.replace("callsPerDay: 500000", "callsPerMonth: 300000");

    private static final Counterfactuals SEARCH = new Counterfactuals(TestRules.evaluator());

    private static List<Counterfactual> find(String yaml, String target) {
        Result r = TestRules.evaluate(yaml);
        return SEARCH.find(useCase(yaml), r, target == null ? SEARCH.defaultTarget(r) : target);
    }

    private static UseCase useCase(String yaml) {
        UseCase uc = TestRules.useCase(yaml);
        uc.setId("test");
        return uc;
    }

    /** The use case evaluated with some fields set. */
    private static Result with(String yaml, Object... pathsAndValues) {
        UseCase uc = useCase(yaml);
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            FactField.find(SEARCH.fields(), (String) pathsAndValues[i]).set(uc, pathsAndValues[i + 1]);
        }
        return TestRules.evaluator().evaluate(uc, "test.yaml");
    }

    private static Result with(String yaml, List<Change> changes) {
        Object[] args = new Object[changes.size() * 2];
        for (int i = 0; i < changes.size(); i++) {
            args[2 * i] = changes.get(i).getField();
            args[2 * i + 1] = changes.get(i).getTo();
        }
        return with(yaml, args);
    }

    private static Change only(Counterfactual cf) {
        assertEquals(1, cf.getChanges().size(), () -> "changes: " + cf.getChanges().stream().map(Change::getField).toList());
        return cf.getChanges().get(0);
    }

    private static Counterfactual onField(List<Counterfactual> found, String field) {
        return found.stream().filter(cf -> cf.getChanges().stream().anyMatch(c -> c.getField().equals(field))).findFirst()
                .orElseThrow(() -> new AssertionError("no counterfactual changes " + field + ": " + found.stream()
                        .map(Counterfactual::getExplanation).toList()));
    }

    @Test
    void four_hundred_reviewed_examples_need_exactly_one_thousand() {
        // Given a case that passes every gate but has 400 reviewed examples
        String yaml = GOOD.replace("labeledExamples: 3000", "labeledExamples: 400");
        // When the engine searches for what reaches FINE_TUNE
        List<Counterfactual> found = find(yaml, null);
        // Then the one change is data.labeledExamples 400 -> 1000
        assertEquals(1, found.size());
        Counterfactual cf = found.get(0);
        assertTrue(cf.isReached());
        assertEquals("FINE_TUNE", cf.getTarget());
        Change c = only(cf);
        assertEquals("data.labeledExamples", c.getField());
        assertEquals(400, c.getFrom());
        assertEquals(1000, c.getTo());
        assertEquals(Change.Bound.AT_LEAST, c.getBound());
        assertEquals("enough-good-data", c.getGate());
        assertEquals(FieldKind.LEVER, c.getKind());
        // and the boundary is exact: 1,000 flips the verdict, 999 does not
        assertEquals("FINE_TUNE", with(yaml, "data.labeledExamples", 1000).verdict());
        assertEquals("GET_DATA_FIRST", with(yaml, "data.labeledExamples", 999).verdict());
        assertFalse(cf.getExplanation().isBlank());
    }

    @Test
    void a_small_golden_set_needs_the_exact_minimum() {
        String yaml = GOOD.replace("goldenExamples: 300", "goldenExamples: 60");
        Change c = only(find(yaml, null).get(0));
        assertEquals("evals.goldenExamples", c.getField());
        assertEquals(100, c.getTo());
        assertEquals("FINE_TUNE", with(yaml, "evals.goldenExamples", 100).verdict());
        assertEquals("BUILD_EVALS_FIRST", with(yaml, "evals.goldenExamples", 99).verdict());
    }

    @Test
    void noisy_data_needs_the_greatest_noise_rate_that_passes_to_a_thousandth() {
        String yaml = GOOD.replace("noiseRate: 0.02", "noiseRate: 0.12");
        Change c = only(find(yaml, null).get(0));
        assertEquals("data.noiseRate", c.getField());
        assertEquals(Change.Bound.AT_MOST, c.getBound());
        assertEquals(0.099, (Double) c.getTo(), 1e-9);
        assertEquals("FINE_TUNE", with(yaml, "data.noiseRate", 0.099).verdict());
        assertEquals("GET_DATA_FIRST", with(yaml, "data.noiseRate", 0.100).verdict());
    }

    @Test
    void low_volume_gets_the_calls_a_month_at_which_the_volume_gate_passes_and_one_percent_less_fails() {
        // Given a case that passes every gate but the volume one, at 300k calls a month
        assertEquals("SIMPLER_ARCHITECTURE", TestRules.evaluate(LOW_VOLUME).verdict());
        // When the engine searches
        Counterfactual cf = onField(find(LOW_VOLUME, null), "volume.callsPerMonth");
        Change c = only(cf);
        long calls = (Long) c.getTo();
        assertEquals(300000L, c.getFrom());
        // Then the engine's own volume gate passes there and fails 1% lower
        Result at = with(LOW_VOLUME, "volume.callsPerMonth", calls);
        Result below = with(LOW_VOLUME, "volume.callsPerMonth", (long) Math.floor(calls * 0.99));
        assertEquals(Status.PASS, at.gate("volume-or-latency").getStatus());
        assertEquals("FINE_TUNE", at.verdict());
        assertEquals(Status.FAIL, below.gate("volume-or-latency").getStatus());
        // and the cost figures at that point are the engine's, winning by the required margin
        assertNotNull(cf.getCosts());
        assertEquals(calls, cf.getCosts().getCallsPerMonth());
        assertTrue(cf.getCosts().getAdvantage() >= cf.getCosts().getRequiredAdvantage());
        // and break-even is where the frontier first costs as much as owning the fine-tune, to 1%
        long even = (Long) cf.getBreakEven().value();
        assertTrue(even < calls);
        Result atEven = with(LOW_VOLUME, "volume.callsPerMonth", even);
        Result belowEven = with(LOW_VOLUME, "volume.callsPerMonth", (long) Math.floor(even * 0.99));
        assertTrue(atEven.costs().getFrontierUsdPerYear() >= atEven.costs().getFineTuneUsdPerYear());
        assertTrue(belowEven.costs().getFrontierUsdPerYear() < belowEven.costs().getFineTuneUsdPerYear());
    }

    @Test
    void a_case_that_gives_calls_a_day_is_searched_in_calls_a_day() {
        String yaml = GOOD.replace("callsPerDay: 500000", "callsPerDay: 10000");
        Change c = only(onField(find(yaml, null), "volume.callsPerDay"));
        long calls = (Long) c.getTo();
        assertEquals(Status.PASS, with(yaml, "volume.callsPerDay", calls).gate("volume-or-latency").getStatus());
        assertEquals(Status.FAIL, with(yaml, "volume.callsPerDay", (long) Math.floor(calls * 0.99)).gate("volume-or-latency").getStatus());
    }

    @Test
    void a_latency_budget_is_never_proposed_though_it_would_pass_the_volume_gate() {
        // Given a low-volume case whose 1,000 ms budget is no hard latency requirement (199 ms would be)
        assertEquals("FINE_TUNE", with(LOW_VOLUME, "latency.p95BudgetMs", 199).verdict());
        // When the engine searches
        List<Counterfactual> found = find(LOW_VOLUME, null);
        // Then no counterfactual changes the budget, which describes the task, and the volume is a condition
        assertTrue(found.stream().flatMap(cf -> cf.getChanges().stream()).noneMatch(c -> c.getField().startsWith("latency.")));
        Change c = only(onField(found, "volume.callsPerMonth"));
        assertEquals(FieldKind.CONDITION, c.getKind());
        assertEquals("latency.p95BudgetMs", onField(found, "volume.callsPerMonth").getTaskFacts().get(0).getField());
    }

    @Test
    void a_frontier_that_already_meets_a_hard_budget_leaves_only_the_volume() {
        // Given a 150 ms budget the frontier already meets at 120 ms
        String yaml = LOW_VOLUME.replace("p95BudgetMs: 1000", "p95BudgetMs: 150, frontierP95Ms: 120");
        assertEquals("FINE_TUNE", with(yaml, "latency.frontierP95Ms", 151).verdict());
        // When the engine searches
        List<Counterfactual> found = find(yaml, null);
        // Then the measured latency is kept as a fact of the task, and only the volume is proposed
        assertEquals(List.of("volume.callsPerMonth"), found.stream().flatMap(cf -> cf.getChanges().stream()).map(Change::getField).toList());
        Counterfactual cf = found.get(0);
        assertEquals(List.of("latency.frontierP95Ms"), cf.getTaskFacts().stream().map(TaskFact::getField).toList());
        assertEquals(120, cf.getTaskFacts().get(0).getValue());
        assertTrue(cf.getExplanation().contains("only the volume"), cf.getExplanation());
    }

    @Test
    void when_no_single_change_suffices_the_to_do_list_goes_gate_by_gate() {
        // Given a prompt without few-shot examples and too few examples
        String yaml = GOOD.replace("fewShot: true", "fewShot: false").replace("labeledExamples: 3000", "labeledExamples: 400");
        List<Counterfactual> found = find(yaml, null);
        // Then one plan, in gate order
        assertEquals(1, found.size());
        Counterfactual cf = found.get(0);
        assertTrue(cf.isReached());
        assertEquals(List.of("prompt.fewShot", "data.labeledExamples"), cf.getChanges().stream().map(Change::getField).toList());
        assertEquals(List.of("prompt-first", "enough-good-data"), cf.getChanges().stream().map(Change::getGate).toList());
        // that reaches FINE_TUNE with every change made, and not with any one of them alone
        assertEquals("FINE_TUNE", with(yaml, cf.getChanges()).verdict());
        for (Change c : cf.getChanges()) {
            assertNotEquals("FINE_TUNE", with(yaml, List.of(c)).verdict(), c.getField());
        }
    }

    @Test
    void unknown_deciding_facts_are_named_with_the_value_that_passes() {
        String yaml = GOOD.replace("data: { labeledExamples: 3000, humanReviewed: true, noiseRate: 0.02 }", "data: {}");
        assertEquals("NEEDS_INFO", TestRules.evaluate(yaml).verdict());
        Counterfactual cf = find(yaml, null).get(0);
        Map<String, Change> byField = new LinkedHashMap<>();
        cf.getChanges().forEach(c -> byField.put(c.getField(), c));
        assertEquals(List.of("data.labeledExamples", "data.humanReviewed"), List.copyOf(byField.keySet()));
        assertNull(byField.get("data.labeledExamples").getFrom());
        assertEquals(1000, byField.get("data.labeledExamples").getTo());
        assertEquals(true, byField.get("data.humanReviewed").getTo());
        assertEquals("FINE_TUNE", with(yaml, cf.getChanges()).verdict());
        assertEquals("GET_DATA_FIRST", with(yaml, "data.humanReviewed", true, "data.labeledExamples", 999).verdict());
    }

    @Test
    void a_knowledge_task_is_told_it_stays_one_and_shown_no_costs() {
        // Given a knowledge task that passes every other gate
        String yaml = GOOD.replace("need: behavior", "need: knowledge");
        // When the engine searches for FINE_TUNE
        Counterfactual cf = find(yaml, null).get(0);
        // Then nothing is proposed, the knowledge need is named as what the task is, and no costs are shown
        assertFalse(cf.isReached());
        assertTrue(cf.getChanges().isEmpty());
        assertEquals("knowledge-or-behavior", cf.getBlockedAt().gate());
        assertEquals("task.need", cf.getTaskFacts().get(0).getField());
        assertEquals(Need.KNOWLEDGE, cf.getTaskFacts().get(0).getValue());
        assertNull(cf.getCosts());
        assertNull(cf.getBreakEven());
        assertTrue(cf.getExplanation().contains("no amount of data makes fine-tuning the answer"), cf.getExplanation());
        // and indeed no number on its own moves a knowledge task off USE_RAG
        for (FactField f : SEARCH.fields()) {
            if (f.isNumber() && !f.path().equals("volume.callsPerMonth")) { // the case gives calls a day
                Object now = f.get(useCase(yaml));
                long units = now == null ? 0 : f.toUnits(now);
                for (long u : new long[] {0, units / 2, units * 4 + 1000}) {
                    assertEquals("USE_RAG", with(yaml, f.path(), f.fromUnits(Math.min(u, f.maxUnits()))).verdict(), f.path());
                }
            }
        }
    }

    @Test
    void a_general_reasoning_task_is_not_told_to_become_another_kind() {
        // Given a general-reasoning kind of task
        String yaml = GOOD.replace("kind: classification", "kind: general-reasoning");
        assertEquals("FINE_TUNE", with(yaml, "task.kind", TaskKind.CLASSIFICATION).verdict());
        // When the engine searches
        Counterfactual cf = find(yaml, null).get(0);
        // Then it is not reached, and the kind is reported as what the task is
        assertFalse(cf.isReached());
        assertTrue(cf.getChanges().isEmpty());
        assertEquals(List.of("task.kind"), cf.getTaskFacts().stream().map(TaskFact::getField).toList());
        assertTrue(cf.getExplanation().contains("what the task is"), cf.getExplanation());
    }

    @Test
    void levers_set_before_a_gate_that_a_description_blocks_are_not_proposed() {
        // Given a broad task (a description) that is also loosely defined (a lever) and not settled (a condition)
        String yaml = GOOD.replace("narrow: true", "narrow: false").replace("wellDefined: true", "wellDefined: false");
        // When the engine searches
        Counterfactual cf = find(yaml, null).get(0);
        // Then writing the task down is not proposed: the gate would still fail on what the task is
        assertFalse(cf.isReached());
        assertTrue(cf.getChanges().isEmpty(), cf.getChanges().stream().map(Change::getField).toList().toString());
        assertEquals(List.of("task.narrow"), cf.getTaskFacts().stream().map(TaskFact::getField).toList());
    }

    @Test
    void why_not_a_fine_tuning_advisory_for_a_knowledge_task_says_it_is_one() {
        // When a knowledge task asks why not hosted fine-tuning
        Counterfactual cf = find(GOOD.replace("need: behavior", "need: knowledge"), "HOSTED_FINE_TUNING").get(0);
        // Then nothing is proposed, no costs are shown, and the knowledge need that stopped the walk is named
        assertFalse(cf.isReached());
        assertTrue(cf.getChanges().isEmpty());
        assertNull(cf.getCosts());
        assertEquals(List.of("task.need"), cf.getTaskFacts().stream().map(TaskFact::getField).toList());
        assertTrue(cf.getExplanation().contains("This is a knowledge task"), cf.getExplanation());
    }

    @Test
    void why_not_rag_for_a_behavior_task_names_the_need_without_proposing_it() {
        // When a behavior task asks why not USE_RAG
        Counterfactual cf = find(GOOD, "USE_RAG").get(0);
        // Then nothing is proposed, and the need is named as the fact of the task that would have to differ
        assertFalse(cf.isReached());
        assertTrue(cf.getChanges().isEmpty());
        assertEquals(List.of("task.need"), cf.getTaskFacts().stream().map(TaskFact::getField).toList());
        assertNull(cf.getTaskFacts().get(0).getGate());
    }

    @Test
    void a_flag_flips_when_that_is_what_the_gate_needs() {
        String yaml = GOOD.replace("humanReviewed: true", "humanReviewed: false");
        Change c = only(find(yaml, null).get(0));
        assertEquals("data.humanReviewed", c.getField());
        assertEquals(false, c.getFrom());
        assertEquals(true, c.getTo());
    }

    @Test
    void why_not_another_verdict_lists_every_single_change_that_reaches_it() {
        List<Counterfactual> found = find(GOOD, "GET_DATA_FIRST");
        for (Counterfactual cf : found) {
            assertTrue(cf.isReached());
            assertEquals("GET_DATA_FIRST", with(GOOD, cf.getChanges()).verdict(), cf.getExplanation());
        }
        Change fewer = only(onField(found, "data.labeledExamples"));
        assertEquals(999, fewer.getTo());
        assertEquals(Change.Bound.AT_MOST, fewer.getBound());
        assertEquals("FINE_TUNE", with(GOOD, "data.labeledExamples", 1000).verdict());
        Change noisier = only(onField(found, "data.noiseRate"));
        assertEquals(0.1, (Double) noisier.getTo(), 1e-9);
        assertEquals("FINE_TUNE", with(GOOD, "data.noiseRate", 0.099).verdict());
    }

    @Test
    void why_not_an_advisory_is_found_by_the_same_search() {
        // Given a fine-tuning case without guardrails advice (it has guardrails)
        Result r = TestRules.evaluate(GOOD);
        assertFalse(r.hasCode("GUARDRAILS_BEFORE_PRODUCTION"));
        Change c = only(find(GOOD, "GUARDRAILS_BEFORE_PRODUCTION").get(0));
        assertEquals("deployment.guardrails", c.getField());
        assertTrue(with(GOOD, "deployment.guardrails", c.getTo()).hasCode("GUARDRAILS_BEFORE_PRODUCTION"));
    }

    @Test
    void a_target_that_already_holds_needs_no_change_and_fine_tune_has_no_default_target() {
        Counterfactual cf = find(GOOD, "FINE_TUNE").get(0);
        assertTrue(cf.isReached());
        assertTrue(cf.getChanges().isEmpty());
        assertNull(SEARCH.defaultTarget(TestRules.evaluate(GOOD)));
        assertEquals(List.of(), find(GOOD, null));
    }

    @Test
    void a_target_no_searched_change_reaches_is_reported_as_not_reached() {
        // Given a case that states its tokens per call, the "assumed" advisory cannot come back by changing a value
        Counterfactual cf = find(GOOD, "TOKENS_PER_CALL_ASSUMED").get(0);
        assertFalse(cf.isReached());
        assertFalse(cf.getExplanation().isBlank());
    }

    @Test
    void a_gate_no_value_of_its_facts_can_pass_is_reported_with_the_to_do_list_so_far(@TempDir Path dir) throws Exception {
        // Given rules whose golden-set minimum no whole number of examples reaches
        Path rules = dir.resolve("rules");
        try (var files = Files.walk(TestRules.RULES)) {
            for (Path p : files.toList()) {
                Path target = rules.resolve(TestRules.RULES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(p).replace("minGoldenExamples:\n    value: 100\n", "minGoldenExamples:\n    value: 1.0e12\n"));
                }
            }
        }
        Evaluator evaluator = new Evaluator(CompiledRules.load(rules));
        String yaml = GOOD.replace("fewShot: true", "fewShot: false");
        UseCase uc = useCase(yaml);
        Result r = evaluator.evaluate(uc, "test.yaml");
        // When the engine searches for FINE_TUNE
        Counterfactual cf = new Counterfactuals(evaluator).find(uc, r, "FINE_TUNE").get(0);
        // Then it is not reached, the prompt fix is kept and the eval gate is named as the one in the way
        assertFalse(cf.isReached());
        assertEquals(List.of("prompt.fewShot"), cf.getChanges().stream().map(Change::getField).toList());
        assertEquals("eval-harness", cf.getBlockedAt().gate());
        assertEquals(List.of("evals.goldenExamples"), cf.getBlockedAt().fields());
        assertTrue(cf.getExplanation().contains("eval-harness"), cf.getExplanation());
    }

    @Test
    void the_search_gives_the_same_answer_every_time() {
        String yaml = GOOD.replace("fewShot: true", "fewShot: false").replace("callsPerDay: 500000", "callsPerDay: 20000");
        assertEquals(describe(find(yaml, null)), describe(find(yaml, null)));
    }

    private static String describe(List<Counterfactual> found) {
        StringBuilder sb = new StringBuilder();
        found.forEach(cf -> {
            sb.append(cf.getExplanation());
            cf.getChanges().forEach(c -> sb.append(c.getField()).append(c.getFrom()).append(c.getTo()));
        });
        return sb.toString();
    }
}
