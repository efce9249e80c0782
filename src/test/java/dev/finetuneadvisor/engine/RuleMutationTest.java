package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.ScenarioOutcome;
import dev.finetuneadvisor.io.ScenarioReader;
import dev.finetuneadvisor.model.InputError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The suite is strong enough to notice any single rule going missing: for every rule in rules/, the rules
 * with that one rule never firing ({@link Advisor#without}) make some scenario fail on what a team would
 * see (verdict, gates, codes, explanations, costs, counterfactuals, ranges), not merely on the list of
 * rules that fired.
 *
 * <p>One failing scenario is enough, so each rule's scenarios are tried in order of promise: first those in
 * which the rule fired (or worded a counterfactual) on the real rules, the rest after, and the search stops
 * at the first failure. A rule no scenario notices is still tried against every scenario before it is
 * reported.
 */
class RuleMutationTest {
    @Test
    void disabling_any_single_rule_makes_some_scenario_fail() throws Exception {
        // Given the suite's scenarios and, for each, the rules that fire in it on the real rules
        RuleIndex index = RuleIndex.scan(TestRules.RULES);
        assertEquals(TestRules.compiled().allRules().size(), index.rules().size(), "the rule index must see every compiled rule");
        List<InputError> errors = new ArrayList<>();
        List<Path> scenarios = ScenarioReader.files(Path.of("tests"), errors);
        assertTrue(errors.isEmpty(), errors.toString());
        Advisor real = TestRules.advisor();
        Map<Path, Set<String>> firedIn = new HashMap<>();
        for (Path file : scenarios) {
            ScenarioOutcome o = real.testOne(file, true);
            assertTrue(o.passed(), () -> "the suite must pass on the real rules: " + o.file() + " " + o.failures());
            Set<String> fired = new HashSet<>(o.result().rulesFired());
            if (o.result().wordedBy() != null) {
                fired.addAll(o.result().wordedBy());
            }
            firedIn.put(file, fired);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<String>> survivors = new ArrayList<>();
            for (RuleIndex.Entry rule : index.rules()) {
                survivors.add(pool.submit(() -> {
                    // When the suite runs with this one rule never firing
                    // (snapshots compared without the list of rules fired: the change must be visible)
                    Advisor mutant = real.without(Set.of(rule.id()));
                    List<Path> order = new ArrayList<>(scenarios);
                    order.sort(Comparator.comparing(f -> !firedIn.get(f).contains(rule.id())));
                    for (Path file : order) {
                        if (!mutant.testOne(file, false).passed()) {
                            return null;
                        }
                    }
                    // Then at least one scenario fails (else the rule's absence would go unnoticed)
                    return rule.id() + " (" + rule.file() + ":" + rule.line() + ")";
                }));
            }
            List<String> unnoticed = new ArrayList<>();
            for (Future<String> f : survivors) {
                String s = f.get();
                if (s != null) {
                    unnoticed.add(s);
                }
            }
            assertTrue(index.rules().size() >= 50, "expected the whole framework");
            assertEquals(List.of(), unnoticed, "rules whose absence no scenario notices");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_disabled_rule_changes_what_the_suite_sees() {
        // Given the rule that decides USE_RAG, never firing
        Advisor mutant = TestRules.advisor().without(Set.of("verdict-use-rag"));
        // When the scenario of a product-catalog question runs
        ScenarioOutcome o = mutant.testOne(Path.of("tests/verdicts/product-catalog-questions-use-rag.yaml"), false);
        // Then it fails: without its verdict rule the case reaches no verdict
        assertTrue(!o.passed(), "a missing verdict rule must fail its scenario");
    }
}
