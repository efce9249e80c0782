package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.RuleIndex;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test, diff, check and rules as a domain expert runs them. */
class RuleSafetyCommandsTest {
    private static AdviseCommandTest.Run run(String... args) {
        return AdviseCommandTest.run(args);
    }

    private static Path disabled(Path tmp, String ruleId) throws Exception {
        RuleIndex index = RuleIndex.scan(TestRules.RULES);
        Path copy = Files.createDirectory(tmp.resolve("rules-without-" + ruleId));
        index.writeWithRuleDisabled(TestRules.RULES, copy, index.byId(ruleId).orElseThrow());
        return copy;
    }

    @Test
    void the_bundled_suite_passes_with_full_coverage() {
        AdviseCommandTest.Run r = run("test", "--min-coverage", "100");
        assertEquals(ExitCodes.OK, r.code(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\d+ passed, 0 failed")), r.out());
        assertTrue(r.out().contains("Every rule is fired by some scenario."), r.out());
    }

    @Test
    void a_disabled_rule_fails_the_suite_naming_the_scenario_and_what_changed(@TempDir Path tmp) throws Exception {
        // Given rules/ without the rule that lets the volume gate pass on cost
        Path copy = disabled(tmp, "gate5-cost-wins");
        // When the suite runs against the copy, with JUnit XML
        Path xml = tmp.resolve("junit.xml");
        AdviseCommandTest.Run r = run("test", "--rules", copy.toString(), "--junit", xml.toString());
        // Then it fails, and the thin-data scenario now stops at the volume gate
        assertEquals(ExitCodes.FOUND, r.code());
        assertTrue(r.out().contains("tests/verdicts/thin-data-get-data-first.yaml: verdict: expected GET_DATA_FIRST, got SIMPLER_ARCHITECTURE"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\d+ passed, [1-9]\\d* failed")), r.out());
        String report = Files.readString(xml);
        assertTrue(report.contains("<testsuite name=\"advisor.scenarios\""), report);
        assertTrue(report.contains("<failure"), report);
    }

    @Test
    void a_snapshot_shows_a_readable_diff_of_what_changed(@TempDir Path tmp) throws Exception {
        // Given a scenario with a snapshot only (no hand-written expectations)
        Path tests = Files.createDirectory(tmp.resolve("tests"));
        Files.writeString(tests.resolve("thin.yaml"), "description: \"thin data\"\nuseCase:\n  task: { need: behavior }\n"
                + "  data: { labeledExamples: 400, humanReviewed: true }\n");
        assertEquals(ExitCodes.OK, run("test", "--update", tests.toString()).code());
        assertTrue(Files.isRegularFile(tests.resolve("thin.snapshot.json")));
        assertEquals(ExitCodes.OK, run("test", tests.toString()).code());
        // When the labeling-budget advisory is disabled
        AdviseCommandTest.Run r = run("test", "--rules", disabled(tmp, "advice-labeling-budget").toString(), tests.toString());
        // Then the diff names the code that went and the rule that no longer fires
        assertEquals(ExitCodes.FOUND, r.code());
        assertTrue(r.out().contains("thin.yaml: snapshot: recommendations: - LABELING_BUDGET"), r.out());
        assertTrue(r.out().contains("snapshot: rulesFired: "), r.out());
    }

    @Test
    void a_scenario_that_expects_nothing_fails(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("empty.yaml"), "description: \"nothing\"\nuseCase: { task: { need: behavior } }\n");
        AdviseCommandTest.Run r = run("test", tmp.toString());
        assertEquals(ExitCodes.FOUND, r.code());
        assertTrue(r.out().contains("expects nothing"), r.out());
    }

    @Test
    void filter_runs_a_subset() {
        AdviseCommandTest.Run r = run("test", "--filter", "heldout/");
        assertEquals(ExitCodes.OK, r.code(), r.out());
        assertTrue(r.out().contains("16 passed, 0 failed"), r.out());
    }

    @Test
    void coverage_below_the_minimum_fails(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("one.yaml"), "description: \"one\"\nuseCase: { task: { need: knowledge } }\nexpect: { verdict: USE_RAG }\n");
        AdviseCommandTest.Run r = run("test", "--min-coverage", "90", tmp.toString());
        assertEquals(ExitCodes.FOUND, r.code());
        assertTrue(r.out().contains("Not fired by any scenario:"), r.out());
        assertTrue(r.out().contains("1 passed, 0 failed"), r.out());
    }

    @Test
    void diff_names_exactly_the_use_cases_whose_outcome_changed(@TempDir Path tmp) throws Exception {
        // Given rules/ without the labeling-budget advisory
        Path copy = disabled(tmp, "advice-labeling-budget");
        // and, independently, the use cases of facts/ whose advice includes it today
        FactReader.Batch batch = new FactReader(TestRules.compiled().assumptions().costInputs().keySet()).readAll(List.of(Path.of("facts")));
        Set<String> expected = new TreeSet<>();
        for (FactReader.Loaded c : batch.useCases()) {
            if (TestRules.evaluator().evaluate(c.useCase(), c.file()).hasCode("LABELING_BUDGET")) {
                expected.add(c.useCase().getId());
            }
        }
        assertFalse(expected.isEmpty(), "the portfolio should exercise the rule");
        // When diff compares the two rule sets
        AdviseCommandTest.Run r = run("diff", "--base-rules", "rules", "--rules", copy.toString(), "--format", "json", "--exit-code", "facts");
        // Then exactly those use cases are listed, with the rule responsible
        assertEquals(ExitCodes.FOUND, r.code(), r.err());
        JsonNode report = Json.mapper().readTree(r.out());
        Set<String> changed = new TreeSet<>();
        for (JsonNode c : report.get("changed")) {
            changed.add(c.get("id").asText());
            assertTrue(c.get("rulesNoLongerFiring").toString().contains("advice-labeling-budget"), c.toString());
        }
        assertEquals(expected, changed);
    }

    @Test
    void diff_of_identical_rules_changes_nothing() {
        AdviseCommandTest.Run r = run("diff", "--base-rules", "rules", "--exit-code", "facts");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("no decision changed"), r.out());
        assertEquals(ExitCodes.USAGE, run("diff", "facts").code());
    }

    @Test
    void diff_takes_the_base_rules_from_a_git_revision(@TempDir Path tmp) throws Exception {
        // Given a git repository whose committed rules are the bundled ones, and a working copy where
        // the labeling-budget advisory is disabled
        Path repo = Files.createDirectory(tmp.resolve("repo"));
        Path rules = repo.resolve("rules");
        RuleIndex.copy(TestRules.RULES, rules);
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "rules");
        RuleIndex.copy(disabled(tmp, "advice-labeling-budget"), rules);
        // When diff compares the working rules with HEAD
        AdviseCommandTest.Run r = run("diff", "--rules", rules.toString(), "--base-ref", "HEAD", "--exit-code", "facts");
        // Then the change shows, and an unknown revision is a usage error
        assertEquals(ExitCodes.FOUND, r.code(), r.err());
        assertTrue(r.out().contains("codes: - LABELING_BUDGET"), r.out());
        assertEquals(ExitCodes.USAGE, run("diff", "--rules", rules.toString(), "--base-ref", "no-such-ref", "facts").code());
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
    }

    @Test
    void check_passes_the_bundled_rules() {
        AdviseCommandTest.Run r = run("check");
        assertEquals(ExitCodes.OK, r.code(), r.out());
    }

    @Test
    void check_reports_a_syntax_error_and_an_unknown_field_with_file_and_line(@TempDir Path tmp) throws Exception {
        Path copy = disabled(tmp, "gate6-noisy");
        Path gate = copy.resolve("gates/narrow-and-stable.drl");
        Files.writeString(gate, Files.readString(gate).replace("    Task( wellDefined == false )", "    Task( welDefined == false )"));
        AdviseCommandTest.Run unknownField = run("check", "--rules", copy.toString());
        assertEquals(ExitCodes.RULES_INVALID, unknownField.code());
        int line = lineOf(gate, "welDefined");
        assertTrue(unknownField.out().contains("gates/narrow-and-stable.drl:" + line + ":"), unknownField.out());

        Files.writeString(gate, Files.readString(gate).replace("    Task( welDefined == false )", "    Task( wellDefined == false "));
        AdviseCommandTest.Run syntax = run("check", "--rules", copy.toString());
        assertEquals(ExitCodes.RULES_INVALID, syntax.code());
        assertTrue(syntax.out().contains("gates/narrow-and-stable.drl:"), syntax.out());
    }

    @Test
    void check_lints_metadata_assumptions_and_review_dates(@TempDir Path tmp) throws Exception {
        Path copy = disabled(tmp, "gate6-noisy");
        Path prompt = copy.resolve("gates/prompt-first.drl");
        Files.writeString(prompt, Files.readString(prompt).replace("@id(\"gate2-no-few-shot\")", "@reviewed(\"2024-01-01\")"));
        Files.writeString(copy.resolve("assumptions.yaml"), Files.readString(copy.resolve("assumptions.yaml"))
                .replace("thresholds:\n", "thresholds:\n  neverRead:\n    value: 7\n    source: assumption\n    reason: read by no rule\n"));
        AdviseCommandTest.Run r = run("check", "--rules", copy.toString(), "--today", "2026-11-28");
        assertEquals(ExitCodes.RULES_INVALID, r.code());
        assertTrue(r.out().contains("has no @id"), r.out());
        assertTrue(r.out().contains("'neverRead' is not read by any rule"), r.out());
        assertTrue(r.out().contains("last reviewed 2024-01-01"), r.out());

        // warnings alone have their own exit code
        Files.writeString(prompt, Files.readString(prompt).replace("@reviewed(\"2024-01-01\")", "@id(\"gate2-no-few-shot\") @reviewed(\"2024-01-01\")"));
        assertEquals(ExitCodes.WARNINGS, run("check", "--rules", copy.toString(), "--today", "2026-11-28").code());
    }

    @Test
    void check_rejects_a_repeated_or_negative_assumption_with_its_line(@TempDir Path tmp) throws Exception {
        Path copy = disabled(tmp, "gate6-noisy");
        Path file = copy.resolve("assumptions.yaml");
        String original = Files.readString(file);
        Files.writeString(file, original.replace("costs:\n", "costs:\n  tokensPerCall:\n    value: 5\n    source: assumption\n"
                + "    reason: given twice\n    label: tokens a call\n"));
        AdviseCommandTest.Run repeated = run("check", "--rules", copy.toString());
        assertEquals(ExitCodes.RULES_INVALID, repeated.code());
        assertTrue(repeated.out().contains("assumptions.yaml:" + lastLineOf(file, "  tokensPerCall:") + ":"), repeated.out());

        Files.writeString(file, original.replace("    value: 500\n", "    value: -500\n"));
        AdviseCommandTest.Run negative = run("check", "--rules", copy.toString());
        assertEquals(ExitCodes.RULES_INVALID, negative.code());
        assertTrue(negative.out().contains("assumptions.yaml:" + lineOf(file, "value: -500") + ":"), negative.out());
        assertEquals(ExitCodes.RULES_INVALID, run("advise", "--rules", copy.toString(), "facts").code());
        assertEquals(ExitCodes.RULES_INVALID, run("check", "--rules", tmp.resolve("no-such-dir").toString()).code());
    }

    @Test
    void check_finds_a_misspelt_name_in_a_rule_that_asks_where_a_number_comes_from(@TempDir Path tmp) throws Exception {
        // Given a rule that asks for the provenance of a number the assumptions file does not have
        Path copy = disabled(tmp, "gate6-noisy");
        Files.writeString(copy.resolve("gates/provenance.drl"), "package gates;\nimport dev.finetuneadvisor.model.*;\n"
                + "rule \"Says where large scale comes from\" @id(\"provenance-probe\") @section(\"A Decision Framework: Fine-Tune or Not\")\n"
                + "when\n  $a : Assumptions()\nthen\n  String why = $a.provenance(\"largeScaleCallsPerMnth\").reason();\nend\n");
        // When the rules are checked
        AdviseCommandTest.Run r = run("check", "--rules", copy.toString());
        // Then the name is an error on its line, as a misspelt num("...") is
        assertEquals(ExitCodes.RULES_INVALID, r.code(), r.out());
        assertTrue(r.out().contains("provenance.drl:7:"), r.out());
        assertTrue(r.out().contains("'largeScaleCallsPerMnth'"), r.out());
    }

    @Test
    void a_rule_that_loops_fails_the_search_commands_instead_of_being_read_as_a_no(@TempDir Path tmp) throws Exception {
        // Given rules that loop on every use case with a large golden set
        Path copy = disabled(tmp, "gate6-noisy");
        Files.writeString(copy.resolve("gates/loop.drl"), "package gates;\nimport dev.finetuneadvisor.model.*;\n"
                + "rule \"Loops\" @id(\"loop\") @section(\"none\")\nwhen\n  $e : Evals( goldenExamples > 5000 )\nthen\n  update($e);\nend\n");
        // When sensitivity sweeps into that range, Then the run says the rules failed (exit 5)
        AdviseCommandTest.Run r = run("sensitivity", "--rules", copy.toString(), "facts/content-moderation-500k.yaml",
                "--field", "evals.goldenExamples", "--from", "0", "--to", "10000", "--steps", "2");
        assertEquals(ExitCodes.EVALUATION_FAILED, r.code(), r.out() + r.err());
    }

    @Test
    void check_finds_an_assumption_a_rule_reads_that_does_not_exist(@TempDir Path tmp) throws Exception {
        Path copy = disabled(tmp, "gate6-noisy");
        Path data = copy.resolve("advice/data.drl");
        Files.writeString(data, Files.readString(data).replace("num(\"labelingUsdPerExample\")", "num(\"labelingUsdPerExampel\")"));
        AdviseCommandTest.Run r = run("check", "--rules", copy.toString());
        assertEquals(ExitCodes.RULES_INVALID, r.code());
        assertTrue(r.out().contains("'labelingUsdPerExampel'"), r.out());
    }

    @Test
    void the_catalog_lists_every_rule_in_every_format() throws Exception {
        int rules = RuleIndex.scan(TestRules.RULES).rules().size();
        JsonNode json = Json.mapper().readTree(run("rules", "--format", "json").out());
        assertEquals(rules, json.get("rules").size());
        JsonNode first = json.get("rules").get(0);
        for (String field : new String[] {"id", "name", "file", "line", "section", "concludes"}) {
            assertTrue(first.has(field), field);
        }
        String md = run("rules", "--format", "markdown").out();
        assertEquals(rules, md.lines().filter(l -> l.startsWith("| `")).count());
        assertTrue(run("rules").out().contains(rules + " rules in "));
    }

    @Test
    void watch_runs_again_when_a_scenario_changes(@TempDir Path tmp) throws Exception {
        Path tests = Files.createDirectory(tmp.resolve("tests"));
        Path scenario = tests.resolve("one.yaml");
        Files.writeString(scenario, "description: \"one\"\nuseCase: { task: { need: knowledge } }\nexpect: { verdict: USE_RAG }\n");
        StringWriter out = new StringWriter();
        Thread watcher = new Thread(() -> AdvisorCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter()),
                "test", "--watch", tests.toString()));
        watcher.start();
        try {
            waitFor(out, "1 passed, 0 failed", 1);
            Files.writeString(scenario, "description: \"one\"\nuseCase: { task: { need: knowledge } }\nexpect: { verdict: FINE_TUNE }\n");
            waitFor(out, "0 passed, 1 failed", 1);
        } finally {
            watcher.interrupt();
            watcher.join(10_000);
        }
        assertFalse(watcher.isAlive());
    }

    private static void waitFor(StringWriter out, String text, int times) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (out.toString().split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in: " + out);
    }

    private static int lastLineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        return -1;
    }
}
