package dev.finetuneadvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.io.Scenario;
import dev.finetuneadvisor.io.ScenarioReader;
import dev.finetuneadvisor.model.InputError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every scenario in tests/ against the real rules/: a rule change that breaks one fails the build. */
class ScenarioSuiteTest {
    private static final Path TESTS = Path.of("tests");

    private static List<Scenario> scenarios() {
        List<InputError> errors = new ArrayList<>();
        List<Scenario> scenarios = new ScenarioReader(TestRules.compiled().assumptions().costKeys())
                .readAll(TESTS, errors);
        assertTrue(errors.isEmpty(), () -> "unreadable scenarios: " + errors);
        return scenarios;
    }

    @TestFactory
    Stream<DynamicTest> every_scenario_gets_the_outcome_it_expects_and_matches_its_snapshot() {
        // Given every scenario in tests/, When the suite runner evaluates them against rules/
        List<ScenarioOutcome> outcomes = TestRules.advisor().test(TESTS, null, false);
        assertTrue(outcomes.size() >= 50, "expected the whole suite, found " + outcomes.size());
        // Then each meets its expectations and its snapshot
        return outcomes.stream().map(o -> DynamicTest.dynamicTest(o.file(),
                () -> assertTrue(o.passed(), () -> o.file() + ":\n  " + String.join("\n  ", o.failures()))));
    }

    @Test
    void every_verdict_and_advisory_code_in_the_rules_has_a_scenario_expecting_it() {
        // Given every code the rules can conclude
        Set<String> codes = new TreeSet<>(TestRules.compiled().codes());
        assertTrue(codes.size() > 20, "expected the rules to name their codes: " + codes);
        // When the scenarios' expectations are gathered
        Set<String> expected = new TreeSet<>();
        for (Scenario s : scenarios()) {
            if (s.expect().verdict() != null) {
                expected.add(s.expect().verdict());
            }
            expected.addAll(s.expect().codes());
        }
        // Then none is left without a scenario
        codes.removeAll(expected);
        assertEquals(Set.of(), codes, "codes no scenario expects");
    }
}
