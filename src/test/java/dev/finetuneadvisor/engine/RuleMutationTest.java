package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.cli.SuiteRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite is strong enough to notice any single rule going missing: for every rule in rules/, a copy
 * of rules/ with that rule's conditions made impossible ({@code eval(false)}) makes some scenario fail on
 * what a team would see (verdict, gates, codes, explanations, costs, counterfactuals), not merely on the
 * list of rules that fired.
 */
class RuleMutationTest {
    @Test
    void disabling_any_single_rule_makes_some_scenario_fail(@TempDir Path tmp) throws Exception {
        RuleIndex index = RuleIndex.scan(TestRules.RULES);
        int compiledRules = TestRules.compiled().allRules().size();
        assertEquals(compiledRules, index.rules().size(), "the rule index must see every compiled rule");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<String>> survivors = new ArrayList<>();
            int n = 0;
            for (RuleIndex.Entry rule : index.rules()) {
                Path copy = Files.createDirectory(tmp.resolve("mutant-" + (n++)));
                survivors.add(pool.submit(() -> {
                    // Given rules/ with this one rule disabled
                    index.writeWithRuleDisabled(TestRules.RULES, copy, rule);
                    CompiledRules mutant = CompiledRules.load(copy);
                    // When the whole suite runs against it
                    // (snapshots compared without the list of rules fired: the change must be visible)
                    List<SuiteRunner.Outcome> outcomes = new SuiteRunner(mutant).run(Path.of("tests"), null, false, false);
                    // Then at least one scenario fails (else the rule's absence would go unnoticed)
                    return outcomes.stream().anyMatch(o -> !o.passed()) ? null : rule.id() + " (" + rule.file() + ":" + rule.line() + ")";
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
}
