package dev.finetuneadvisor.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.RuleProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** invariants.yaml and unreachable.yaml are held to the rules they are about, each problem at its line and column. */
class InvariantsFileTest {
    private static List<RuleProblem> read(Path dir, String invariants, String unreachable) throws Exception {
        Files.writeString(dir.resolve(Invariants.NAME), invariants);
        if (unreachable != null) {
            Files.writeString(dir.resolve(Invariants.UNREACHABLE), unreachable);
        }
        List<RuleProblem> problems = new ArrayList<>();
        Invariants read = Invariants.read(TestRules.compiled(), dir, TestRules.advisor().gateNames(), problems);
        assertEquals(problems.isEmpty(), read != null);
        return problems;
    }

    @Test
    void the_shipped_invariants_read_without_a_problem() throws Exception {
        List<RuleProblem> problems = new ArrayList<>();
        Invariants read = Invariants.read(TestRules.compiled(), TestRules.advisor().gateNames(), problems);
        assertEquals(List.of(), problems);
        assertNotNull(read.named("no-code-twice"));
        assertEquals(Invariant.Check.MONOTONE, read.named("less-noise-never-hurts").check());
        assertTrue(!read.named("less-noise-never-hurts").up());
    }

    @Test
    void every_name_the_rules_do_not_have_is_an_error_where_it_is_written(@TempDir Path dir) throws Exception {
        // Given invariants naming a verdict, a field, a gate and an assumption the rules do not have
        List<RuleProblem> problems = read(dir, """
                invariants:
                  only:
                    check: onlyWith
                    says: "x"
                    codes: [NOISY_DATA]
                    verdicts: [FINE_TUNES]
                  up:
                    check: monotone
                    says: "x"
                    field: data.labeledExample
                    direction: up
                    gates: [enough-good-dat]
                    steps:
                      - { at: noSuchAssumption, gates: [enough-good-data], because: "x" }
                  again:
                    check: deterministik
                    says: "x"
                """, """
                unreachable:
                  NOPE: { reason: "never" }
                  FINE_TUNE: {}
                """);
        // Then each is reported at its line and column, in file order
        assertEquals(List.of("invariants.yaml:6:16", "invariants.yaml:10:12", "invariants.yaml:12:13", "invariants.yaml:14:15",
                "invariants.yaml:16:12", "unreachable.yaml:2:9", "unreachable.yaml:3:14"),
                problems.stream().map(p -> Path.of(p.file()).getFileName() + ":" + p.line() + ":" + p.column()).toList());
        assertTrue(problems.stream().allMatch(p -> p.severity() == RuleProblem.Severity.ERROR));
        // and a near miss names what was meant
        assertTrue(problems.get(0).message().contains("FINE_TUNE"), problems.get(0).message());
        assertTrue(problems.get(1).message().contains("data.labeledExamples"), problems.get(1).message());
    }

    @Test
    void a_missing_file_unknown_settings_and_a_bad_sample_are_errors(@TempDir Path dir) throws Exception {
        List<RuleProblem> missing = new ArrayList<>();
        assertNull(Invariants.read(TestRules.compiled(), dir, TestRules.advisor().gateNames(), missing));
        assertEquals(1, missing.size());
        List<RuleProblem> problems = read(dir, """
                invariants:
                  twice:
                    check: noCodeTwice
                    says: "x"
                    field: data.noiseRate
                  again:
                    check: deterministic
                    says: "x"
                    sample: 2
                """, null);
        assertEquals(List.of(5, 9), problems.stream().map(RuleProblem::line).toList());
    }

    @Test
    void a_scenario_names_invariants_its_use_case_must_keep(@TempDir Path dir) throws Exception {
        // Given scenarios asking for invariants: kept, asked wrongly, not declared
        Path kept = dir.resolve("kept.yaml");
        Files.writeString(kept, """
                description: "less noise never hurts, no code twice"
                useCase:
                  data: { labeledExamples: 1500, humanReviewed: true, noiseRate: 0.05 }
                expect:
                  invariants: { less-noise-never-hurts: { to: 0.0 }, no-code-twice: {} }
                """);
        Path wrong = dir.resolve("wrong.yaml");
        Files.writeString(wrong, """
                description: "asked wrongly"
                useCase:
                  data: { noiseRate: 0.05 }
                expect:
                  invariants: { less-noise-never-hurts: { to: 0.2 }, no-code-twice: { to: 3 }, no-code-twise: {}, everything-reachable: {} }
                """);
        // When they run
        List<String> keptFailures = TestRules.advisor().testOne(kept, false).failures();
        List<String> wrongFailures = TestRules.advisor().testOne(wrong, false).failures();
        // Then the kept ones pass, and each wrong one fails naming its invariant
        assertEquals(List.of(), keptFailures);
        assertEquals(List.of("invariant everything-reachable:", "invariant less-noise-never-hurts:", "invariant no-code-twice:",
                "invariant no-code-twise:"), wrongFailures.stream().map(f -> f.substring(0, f.indexOf(':') + 1)).toList());
        assertTrue(wrongFailures.get(3).contains("no-code-twice"), "the near name is suggested: " + wrongFailures.get(3));
    }
}
