package dev.finetuneadvisor.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.ScenarioOutcome;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.cli.AdvisorCommand;
import dev.finetuneadvisor.cli.ExitCodes;
import dev.finetuneadvisor.engine.RuleIndex;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.io.ScenarioReader;
import dev.finetuneadvisor.model.InputError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-space check on the shipped rules (every invariant holds on the suite's smaller space, the same every
 * run) and on a copy broken three ways at once (a code concluded twice, a fine-tune-only advisory outside
 * FINE_TUNE, a data gate that more examples make fail): each break is found, named and shown with a minimal case,
 * and the scenarios written for them fail on the broken rules and pass on the shipped ones.
 */
class VerifyTest {
    @TempDir
    static Path tmp;
    private static Path broken;
    private static Advisor brokenAdvisor;

    @BeforeAll
    static void breakACopy() throws Exception {
        broken = tmp.resolve("broken-rules");
        RuleIndex.copy(TestRules.RULES, broken);
        // a code concluded twice: NOISY_DATA by a second rule
        append(broken.resolve("advice/data.drl"), """

                rule "Noisy data, said a second time"
                    @id("broken-noisy-twice")
                    @section("The Data Problem Nobody Talks About")
                    @phase("ADVICE")
                    salience -400
                when
                    $a : Assumptions()
                    Data( noiseRate >= $a.num("noiseRate") )
                then
                    insertLogical(Recommendation.advisory(drools, "NOISY_DATA", "Noisy data, said again."));
                end
                """);
        // a fine-tune-only advisory outside FINE_TUNE: guardrails advice without the verdict
        Path deployment = broken.resolve("advice/deployment.drl");
        String text = Files.readString(deployment);
        String guarded = "    Recommendation( verdict, code == \"FINE_TUNE\" )\n    // \"Guardrails at inference time";
        assertTrue(text.contains(guarded), "the guardrails rule has changed; update this test");
        Files.writeString(deployment, text.replace(guarded, "    // \"Guardrails at inference time"));
        // a gate made non-monotone: 10,000 examples or more fail the data gate
        append(broken.resolve("gates/enough-good-data.drl"), """

                rule "Very many examples stop at the enough-good-data gate"
                    @id("broken-too-many-examples")
                    @section("A Decision Framework: Fine-Tune or Not")
                when
                    Data( labeledExamples != null, labeledExamples >= 10000 )
                then
                    insertLogical(Check.fail(drools, "enough-good-data", "data.labeledExamples", "too many examples"));
                end
                """);
        brokenAdvisor = Advisor.builder().rules(broken).cache(TestRules.cacheDirectory()).build();
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, Files.readString(file) + text);
    }

    @Test
    void the_shipped_rules_keep_every_invariant_and_the_same_seed_gives_the_same_space() throws Exception {
        // Given the shipped rules and the suite's smaller space
        Advisor advisor = TestRules.advisor();
        // When the space is checked
        VerifyReport report = advisor.verify(Space.Options.quick());
        // Then every invariant holds, nothing is unreached, pairs of boundary values are all covered
        assertTrue(report.passed(), () -> report.invariants().stream().filter(i -> !i.held())
                .map(i -> i.name() + ": " + i.violations()).collect(Collectors.joining("\n")));
        assertEquals(List.of(), report.unreached());
        assertEquals(2, report.space().achieved());
        assertEquals(report.space().combinations(), report.space().covered());
        assertTrue(report.space().deviationCases() > 0 && report.space().flipCases() > 0, report.space().toString());
        assertTrue(report.space().backgroundPasses());
        // and the same seed gives the same cases, on one thread or two (a small space: the property does not depend on its size)
        Space.Options small = new Space.Options(1, 0, 7, 300, 2, 50_000);
        List<SpaceCase> once = new Verifier(TestRules.evaluator(), 1).space(small).cases();
        assertTrue(once.equals(new Verifier(TestRules.evaluator(), 2).space(small).cases()), "the same seed gave other cases");
    }

    @Test
    void a_copy_broken_three_ways_fails_each_invariant_with_a_minimal_counterexample_written_as_a_failing_scenario() throws Exception {
        // When the broken copy is checked, writing its counterexamples as scenarios
        Path written = tmp.resolve("written");
        StringWriter out = new StringWriter();
        int code = AdvisorCommand.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "verify", "--rules", broken.toString(),
                "--strength", "1", "--deviations", "1", "--random", "0", "--flip-sample", "0", "--format", "json", "--write", written.toString());
        // Then it fails
        assertEquals(ExitCodes.FOUND, code, out.toString());
        JsonNode report = Json.mapper().readTree(out.toString());
        assertFalse(report.get("passed").asBoolean());
        Map<String, JsonNode> byName = new TreeMap<>();
        report.get("invariants").forEach(i -> byName.put(i.get("name").asText(), i));
        // a code concluded twice: NOISY_DATA, in a case that gives little more than its noise
        JsonNode twice = byName.get("no-code-twice").get("violations").get(0);
        assertTrue(twice.get("what").asText().contains("NOISY_DATA"), twice.toString());
        assertTrue(twice.get("counterexample").has("data.noiseRate"), twice.toString());
        assertTrue(twice.get("counterexample").size() <= 2, twice.toString());
        // guardrails advice without the verdict to fine-tune
        JsonNode outside = byName.get("fine-tune-advice-only-with-fine-tune").get("violations").get(0);
        assertTrue(outside.get("what").asText().contains("GUARDRAILS_BEFORE_PRODUCTION"), outside.toString());
        assertTrue(outside.get("counterexample").size() <= 3, outside.toString());
        // the data gate turned by more examples, between 9,999 and 10,000
        JsonNode monotone = byName.get("more-labeled-examples-never-hurt").get("violations").get(0);
        assertEquals("data.labeledExamples", monotone.get("field").asText());
        assertEquals(10_000, monotone.get("to").asInt());
        assertEquals(9_999, monotone.get("counterexample").get("data.labeledExamples").asInt());
        assertTrue(monotone.get("what").asText().contains("enough-good-data"), monotone.toString());
        // the other invariants still hold
        assertTrue(byName.get("one-verdict").get("held").asBoolean());
        assertTrue(byName.get("gates-in-order").get("held").asBoolean());

        // and each counterexample was written as a scenario that reads back without a format error
        List<Path> files;
        try (Stream<Path> s = Files.list(written)) {
            files = s.sorted().toList();
        }
        for (String name : List.of("no-code-twice", "fine-tune-advice-only-with-fine-tune", "more-labeled-examples-never-hurt")) {
            assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().startsWith(name)), name + " in " + files);
        }
        ScenarioReader reader = new ScenarioReader(TestRules.compiled().assumptions().costKeys());
        for (Path f : files) {
            List<InputError> errors = new ArrayList<>();
            assertNotNull(reader.read(f, errors), f.toString());
            assertEquals(List.of(), errors, f.toString());
        }
        // fails on the broken rules, naming the invariant
        for (ScenarioOutcome o : brokenAdvisor.test(written, null, false)) {
            assertFalse(o.passed(), o.file());
            assertTrue(o.failures().stream().anyMatch(m -> m.startsWith("invariant ")), o.failures().toString());
        }
        // and passes on the shipped rules
        for (ScenarioOutcome o : TestRules.advisor().test(written, null, false)) {
            assertTrue(o.passed(), o.file() + ": " + o.failures());
        }
    }
}
