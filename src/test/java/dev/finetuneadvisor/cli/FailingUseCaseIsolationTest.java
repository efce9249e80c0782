package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.RuleIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every subcommand that runs the rules over several use cases reports a use case on which the rules fail
 * and goes on with the rest, with the exit code saying so: advise (see StreamingBatchTest), diff,
 * sensitivity and test.
 */
class FailingUseCaseIsolationTest {
    /** The one fact file of facts/ whose task is an extraction: the use case the planted rule fails on. */
    private static final String FAILING = "facts/kyc-document-field-extraction-400-examples.yaml";

    @TempDir
    static Path tmp;
    private static Path broken;

    @BeforeAll
    static void rulesThatThrowOnExtractionTasks() throws Exception {
        // rules/ with one rule more, whose consequence throws for an extraction task and for nothing else
        broken = Files.createDirectory(tmp.resolve("rules-that-throw"));
        RuleIndex.copy(TestRules.RULES, broken);
        Files.writeString(broken.resolve("gates/zz-throws.drl"), """
                package gates;

                import dev.finetuneadvisor.model.*;

                rule "Throws on an extraction task"
                    @id("test-throws-on-extraction")
                    @section("A Decision Framework: Fine-Tune or Not")
                when
                    Task( kind == TaskKind.EXTRACTION )
                then
                    throw new IllegalStateException("planted fault");
                end
                """);
    }

    @Test
    void diff_reports_the_failing_use_case_and_compares_the_rest() {
        // When the broken rules are compared with rules/ over facts/
        AdviseCommandTest.Run r = AdviseCommandTest.run("diff", "--rules", broken.toString(), "--base-rules", "rules", "facts");
        // Then the failing use case is reported at its file, the rest are compared, and the exit code says the rules failed
        assertEquals(ExitCodes.EVALUATION_FAILED, r.code(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("error: " + FAILING + ":") && l.contains("current rules")), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("error: ")).count(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("1 of \\d+ use cases changed")), r.out());
    }

    @Test
    void sensitivity_reports_the_failing_use_case_and_sweeps_the_rest() {
        // When the broken rules sweep the labeled examples of every bundled use case
        AdviseCommandTest.Run r = AdviseCommandTest.run("sensitivity", "--rules", broken.toString(), "--format", "json",
                "--field", "data.labeledExamples", "--from", "0", "--to", "2000", "--steps", "2", "facts");
        // Then the failing one is an error, every other use case has its sweep, and the exit code says the rules failed
        assertEquals(ExitCodes.EVALUATION_FAILED, r.code(), r.err());
        assertTrue(r.err().contains(FAILING), r.err());
        assertTrue(r.out().contains("\"sensitivity\""), r.out());
        assertTrue(r.out().contains("card-transaction-merchant-categorizer-10m"), "other use cases are still swept");
    }

    @Test
    void test_fails_the_scenarios_the_rules_fail_on_and_runs_the_others() {
        // When the scenarios run against the broken rules
        AdviseCommandTest.Run r = AdviseCommandTest.run("test", "--rules", broken.toString());
        // Then the extraction scenarios fail with the fault, the others still pass, and the exit code says the rules failed
        assertEquals(ExitCodes.EVALUATION_FAILED, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("tests/gates/loosely-defined-task-is-not-a-candidate.yaml: evaluation failed:"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("[1-9]\\d* passed, [1-9]\\d* failed")), r.out());
    }
}
