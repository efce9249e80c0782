package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.ArticleFile;
import dev.finetuneadvisor.engine.RuleIndex;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        FactReader.Batch batch = new FactReader(TestRules.compiled().assumptions().costKeys()).readAll(List.of(Path.of("facts")));
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
        // and as a pull-request comment, the same use cases are the rows of its table, each losing the code
        AdviseCommandTest.Run md = run("diff", "--base-rules", "rules", "--rules", copy.toString(), "--format", "markdown", "--exit-code", "facts");
        assertEquals(ExitCodes.FOUND, md.code(), md.err());
        assertTrue(md.out().contains("**" + expected.size() + " of " + report.get("useCases").asInt() + " use cases change"), md.out());
        Set<String> rows = new TreeSet<>();
        md.out().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| use case ")).forEach(l -> {
            rows.add(l.substring(2, l.indexOf(" |")));
            assertTrue(l.contains("− LABELING_BUDGET"), l);
        });
        assertEquals(expected, rows);
        assertTrue(md.out().lines().anyMatch(l -> l.startsWith("- no longer firing: ") && l.contains("`advice-labeling-budget`")), md.out());
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
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
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
        // at the entry's own line, where the author removes it
        int neverRead = lineOf(copy.resolve("assumptions.yaml"), "  neverRead:");
        assertTrue(r.out().contains("assumptions.yaml:" + neverRead + ": warning: assumption 'neverRead'"), r.out());
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

    /** A plain copy of the bundled rules, to break one thing in. */
    private static Path copyOfRules(Path tmp) throws Exception {
        Path copy = Files.createDirectory(tmp.resolve("rules-copy"));
        RuleIndex.copy(TestRules.RULES, copy);
        return copy;
    }

    /** Replaces the first @section of a rule file; returns the line it is on. */
    private static int replaceFirstSection(Path drl, String section) throws Exception {
        String text = Files.readString(drl);
        Matcher m = Pattern.compile("@section\\(\"[^\"]*\"\\)").matcher(text);
        assertTrue(m.find(), "no @section in " + drl);
        Files.writeString(drl, text.substring(0, m.start()) + "@section(\"" + section + "\")" + text.substring(m.end()));
        return lineOf(drl, "@section(\"" + section + "\")");
    }

    @Test
    void check_reports_a_section_the_article_does_not_have_at_its_rule_with_the_closest_heading(@TempDir Path tmp) throws Exception {
        // Given a copy of the rules in which one gate rule cites a heading the article does not have
        Path copy = copyOfRules(tmp);
        Path prompt = copy.resolve("gates/prompt-first.drl");
        int line = replaceFirstSection(prompt, "Hidden costs FAQ");
        // When the rules are checked
        AdviseCommandTest.Run r = run("check", "--rules", copy.toString());
        // Then it is an error at that file and line, naming the closest heading path
        assertEquals(ExitCodes.RULES_INVALID, r.code(), r.out());
        String finding = r.out().lines().filter(l -> l.startsWith(copy.resolve("gates/prompt-first.drl").toString().replace('\\', '/') + ":" + line + ":"))
                .findFirst().orElseThrow(() -> new AssertionError("no finding at line " + line + ": " + r.out()));
        assertTrue(finding.contains(": error: "), finding);
        assertTrue(finding.contains("Hidden costs FAQ"), finding);
        assertTrue(finding.contains("\"Frequently Asked Questions / What are the hidden costs of fine-tuning in production?\""), finding);
        assertTrue(r.out().contains(": 1 error, 0 warnings"), r.out());
    }

    @Test
    void check_reports_a_wording_rule_whose_section_lacks_its_parent_heading(@TempDir Path tmp) throws Exception {
        // Given a wording rule (rules/explain/) citing a sub-heading without the heading above it
        Path copy = copyOfRules(tmp);
        Path words = copy.resolve("explain/counterfactuals.drl");
        int line = replaceFirstSection(words, "Latency-Critical Narrow Tasks");
        // When checked, Then it is an error there, suggesting the full path
        AdviseCommandTest.Run r = run("check", "--rules", copy.toString());
        assertEquals(ExitCodes.RULES_INVALID, r.code(), r.out());
        assertTrue(r.out().contains("explain/counterfactuals.drl:" + line + ":"), r.out());
        assertTrue(r.out().contains("\"The Narrow Cases Where Fine-Tuning Actually Pays / Latency-Critical Narrow Tasks\""), r.out());
    }

    @Test
    void check_passes_a_section_changed_to_another_heading_path_of_the_article(@TempDir Path tmp) throws Exception {
        // Given a rule moved to another real heading path, a sub-heading under its top heading
        Path copy = copyOfRules(tmp);
        replaceFirstSection(copy.resolve("gates/prompt-first.drl"),
                "Frequently Asked Questions / What are the hidden costs of fine-tuning in production?");
        // When checked, Then nothing is found
        AdviseCommandTest.Run r = run("check", "--rules", copy.toString());
        assertEquals(ExitCodes.OK, r.code(), r.out());
    }

    @Test
    void check_reports_a_missing_or_broken_article_file_at_its_place(@TempDir Path tmp) throws Exception {
        // Given rules whose article file repeats a heading
        Path copy = copyOfRules(tmp);
        Path article = copy.resolve("article.yaml");
        String original = Files.readString(article);
        Files.writeString(article, original.replace("      - heading: \"Guardrails\"\n", "      - heading: \"Guardrails\"\n      - heading: \"Guardrails\"\n"));
        // When checked, Then the second one is an error at its line
        AdviseCommandTest.Run repeated = run("check", "--rules", copy.toString());
        assertEquals(ExitCodes.RULES_INVALID, repeated.code(), repeated.out());
        int second = lineOf(article, "- heading: \"Guardrails\"") + 1;
        assertTrue(repeated.out().contains("article.yaml:" + second + ":"), repeated.out());
        // an unknown key is located too
        Files.writeString(article, original.replace("author:", "writer:"));
        AdviseCommandTest.Run unknown = run("check", "--rules", copy.toString());
        assertEquals(ExitCodes.RULES_INVALID, unknown.code(), unknown.out());
        assertTrue(unknown.out().contains("article.yaml:" + lineOf(article, "writer:") + ":"), unknown.out());
        // and a missing file is an error naming it, for check and for rules --by-section
        Files.delete(article);
        AdviseCommandTest.Run missing = run("check", "--rules", copy.toString());
        assertEquals(ExitCodes.RULES_INVALID, missing.code(), missing.out());
        assertTrue(missing.out().lines().anyMatch(l -> l.startsWith(article.toString().replace('\\', '/') + ": error: ")), missing.out());
        AdviseCommandTest.Run listing = run("rules", "--by-section", "--rules", copy.toString());
        assertEquals(ExitCodes.RULES_INVALID, listing.code());
        assertTrue(listing.err().contains("article.yaml"), listing.err());
    }

    @Test
    void rules_by_section_lists_each_heading_in_article_order_with_its_rules_and_marks_the_uncited(@TempDir Path tmp) throws Exception {
        // Given a copy of the rules whose article has one more heading, which no rule cites
        Path copy = copyOfRules(tmp);
        Path article = copy.resolve("article.yaml");
        Files.writeString(article, Files.readString(article).replace("      - heading: \"Guardrails\"\n",
                "      - heading: \"Guardrails\"\n      - heading: \"A heading no rule cites\"\n"));
        String uncited = "Evals, Guardrails, and Observability: Non-Negotiable Infrastructure / A heading no rule cites";
        String prompts = "The 4 Times Fine-Tuning Is Not Worth It / 2. You Have Not Fixed Your Prompts Yet";
        // When the rules are listed by section, as JSON
        AdviseCommandTest.Run r = run("rules", "--by-section", "--format", "json", "--rules", copy.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode json = Json.mapper().readTree(r.out());
        // Then every heading of the article is there, in article order
        List<String> paths = new ArrayList<>();
        Map<String, JsonNode> byPath = new HashMap<>();
        collect(json.get("sections"), paths, byPath);
        assertEquals(ArticleFile.load(copy).paths(), paths);
        // the new heading is marked as cited by no rule, and listed as such
        assertFalse(byPath.get(uncited).get("cited").asBoolean());
        assertEquals(0, byPath.get(uncited).get("rules").size());
        assertTrue(json.get("uncited").toString().contains(uncited), json.get("uncited").toString());
        // and a rule sits under the heading its @section names
        assertTrue(byPath.get(prompts).get("rules").toString().contains("\"gate2-no-few-shot\""), byPath.get(prompts).toString());
        // every rule is listed exactly once
        int listed = json.get("notInArticle").size();
        for (JsonNode h : byPath.values()) {
            listed += h.get("rules").size();
        }
        assertEquals(RuleIndex.scan(copy).rules().size(), listed);

        // The text form marks the heading, and lists the rule under its heading
        List<String> text = run("rules", "--by-section", "--rules", copy.toString()).out().lines().toList();
        assertTrue(text.contains("  A heading no rule cites  (no rule)"), String.join("\n", text));
        int heading = text.indexOf(text.stream().filter(l -> l.startsWith("  2. You Have Not Fixed Your Prompts Yet  (")).findFirst().orElseThrow());
        int rule = text.indexOf(text.stream().filter(l -> l.startsWith("      gate2-no-few-shot: ")).findFirst().orElseThrow());
        assertTrue(rule > heading && text.subList(heading + 1, rule).stream().allMatch(l -> l.startsWith("      ")), String.join("\n", text));

        // The Markdown form says so under the heading
        String md = run("rules", "--by-section", "--format", "markdown", "--rules", copy.toString()).out();
        assertTrue(md.contains("### A heading no rule cites\n\n*No rule cites this heading.*"), md);
        assertTrue(md.contains("- `gate2-no-few-shot`: "), md);
    }

    @Test
    void rules_by_section_keeps_a_rule_whose_section_is_not_a_heading_apart(@TempDir Path tmp) throws Exception {
        // Given a rule citing a heading the article does not have
        Path copy = copyOfRules(tmp);
        replaceFirstSection(copy.resolve("gates/prompt-first.drl"), "Hidden costs FAQ");
        // When listed by section, Then it is listed apart with its section, not lost
        JsonNode json = Json.mapper().readTree(run("rules", "--by-section", "--format", "json", "--rules", copy.toString()).out());
        assertEquals(1, json.get("notInArticle").size(), json.toString());
        assertEquals("Hidden costs FAQ", json.get("notInArticle").get(0).get("section").asText());
    }

    private static void collect(JsonNode sections, List<String> paths, Map<String, JsonNode> byPath) {
        for (JsonNode h : sections) {
            paths.add(h.get("path").asText());
            byPath.put(h.get("path").asText(), h);
            collect(h.get("sections"), paths, byPath);
        }
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
            if (out.toString().split(Pattern.quote(text), -1).length - 1 >= times) {
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
