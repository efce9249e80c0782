package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advise command as a user runs it: arguments in, exit code and output out. */
class AdviseCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdvisorCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void the_bundled_portfolio_is_evaluated_with_explanations() {
        Run r = run("advise", "facts");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("Verdict: FINE_TUNE"), r.out());
        assertTrue(r.out().contains("§ "), r.out());
        assertTrue(r.out().contains("0 errors"), r.out());
    }

    @Test
    void json_output_keeps_the_contract_and_reproduces_the_worked_example() throws Exception {
        Run r = run("advise", "--format", "json", "facts/content-moderation-500k.yaml");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode result = Json.mapper().readTree(r.out()).get("results").get(0);
        assertEquals("content-moderation-500k", result.get("id").asText());
        assertEquals("facts/content-moderation-500k.yaml", result.get("file").asText());
        assertEquals("FINE_TUNE", result.get("verdict").asText());
        assertEquals(6, result.get("gates").size());
        JsonNode gate = result.get("gates").get(0);
        for (String field : new String[] {"number", "name", "status", "reason"}) {
            assertTrue(gate.has(field), field);
        }
        JsonNode rec = result.get("recommendations").get(0);
        for (String field : new String[] {"code", "rule", "section", "explanation"}) {
            assertTrue(rec.has(field), field);
        }
        JsonNode costs = result.get("costs");
        assertEquals(456250.0, costs.get("frontierUsdPerYear").asDouble(), 0.001);
        // the TCO is the sum of its terms (their defaults are CostModelTest's business)
        double terms = 0;
        for (String term : new String[] {"trainingUsdPerYear", "fineTuneInferenceUsdPerYear", "hostingUsdPerYear",
            "engineeringUsdPerYear", "labelingUsd"}) {
            terms += costs.get(term).asDouble();
        }
        assertEquals(terms, costs.get("fineTuneUsdPerYear").asDouble(), 0.001);
        assertEquals(18250.0, costs.get("fineTuneInferenceUsdPerYear").asDouble(), 0.001);
        assertEquals(1250.0, costs.get("frontierUsdPerDay").asDouble(), 0.001);
        assertEquals(50.0, costs.get("fineTuneInferenceUsdPerDay").asDouble(), 0.001);
        assertTrue(costs.has("advantage"));
        // and it names the inputs that are not the article's, and checks the article's ranges
        assertTrue(costs.get("assumed").isArray());
        assertTrue(costs.get("chosenInRange").isArray());
        assertTrue(result.get("ranges").get("holds").asBoolean());
    }

    @Test
    void output_is_the_same_bytes_every_run() {
        assertEquals(run("advise", "--format", "json", "facts").out(), run("advise", "--format", "json", "facts").out());
    }

    @Test
    void rejected_input_is_reported_with_its_place_and_the_rest_still_evaluated(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a-good.yaml"), "id: good\ntask: { need: knowledge }\n");
        Files.writeString(dir.resolve("b-bad.yaml"), "id: bad\ntask:\n  need: sometimes\n");
        Run r = run("advise", "--format", "json", dir.toString());
        assertEquals(ExitCodes.INPUT_REJECTED, r.code());
        JsonNode report = Json.mapper().readTree(r.out());
        assertEquals("USE_RAG", report.get("results").get(0).get("verdict").asText());
        JsonNode error = report.get("errors").get(0);
        assertTrue(error.get("file").asText().endsWith("b-bad.yaml"));
        assertEquals(3, error.get("line").asInt());
        assertTrue(error.get("column").asInt() > 0);
        assertTrue(r.err().contains("b-bad.yaml:3:"), r.err());
    }

    @Test
    void a_file_with_five_mistakes_gets_five_located_errors_in_one_run(@TempDir Path dir) throws Exception {
        // Given a fact file with five independent field-level mistakes, and a good one beside it
        Files.writeString(dir.resolve("a-good.yaml"), "id: good\ntask: { need: knowledge }\n");
        Files.writeString(dir.resolve("b-five.yaml"), """
                id: five
                task:
                  need: knowlege
                data: { labeledExamples: 3,000, humanReviewed: true }
                evals:
                  goldenExamples: lots
                  baselineScore: 1.5
                costs:
                  tokensPerCall: 500
                """);
        // When it is advised on
        Run r = run("advise", dir.toString());
        // Then every mistake is on stderr with file:line:column, in order, the good file is evaluated, and the run is rejected
        assertEquals(ExitCodes.INPUT_REJECTED, r.code());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(5, errors.size(), r.err());
        String[] places = {"b-five.yaml:3:9: task.need", "b-five.yaml:4:26: data.labeledExamples", "b-five.yaml:6:19: evals.goldenExamples",
            "b-five.yaml:7:18: evals.baselineScore", "b-five.yaml:9:3: costs.tokensPerCall"};
        for (int i = 0; i < places.length; i++) {
            assertTrue(errors.get(i).contains(places[i]), errors.get(i));
        }
        assertTrue(errors.get(1).contains("3000") && errors.get(4).contains("volume"), r.err());
        assertTrue(r.out().contains("1 use case evaluated: USE_RAG 1; 5 errors"), r.out());
    }

    @Test
    void rules_that_do_not_compile_exit_with_their_own_code(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("assumptions.yaml"), "thresholds: {}\ncosts: {}\n");
        Files.copy(Path.of("rules/fields.yaml"), dir.resolve("fields.yaml"));
        Files.writeString(dir.resolve("bad.drl"), "package x;\nrule \"r\"\nwhen\n  Foo(\nthen\nend\n");
        Run r = run("advise", "--rules", dir.toString(), "facts");
        assertEquals(ExitCodes.RULES_INVALID, r.code());
        assertTrue(r.err().contains("bad.drl:"), r.err());
    }

    @Test
    void a_wrong_option_is_a_usage_error() {
        assertEquals(ExitCodes.USAGE, run("advise", "--format", "pdf", "facts").code());
        assertEquals(ExitCodes.USAGE, run("advise").code());
    }

    @Test
    void a_usage_error_is_its_message_without_the_help_after_it() {
        // Given a code no rule concludes, a value of the wrong type and a value outside a list
        Run whyNot = run("advise", "--why-not", "NOT_A_CODE", "facts");
        Run seed = run("verify", "--seed", "abc");
        Run format = run("advise", "--format", "xml", "facts");

        // Then each is one line: the error (the codes the rules conclude, for --why-not), not the options list
        for (Run r : List.of(whyNot, seed, format)) {
            assertEquals(ExitCodes.USAGE, r.code());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(r.err().contains("--threads"), r.err());
        }
        assertTrue(whyNot.err().contains("GET_DATA_FIRST"), whyNot.err());
    }

    @Test
    void every_command_names_the_version_its_results_carry() throws Exception {
        // Given the version a result names
        Run result = run("advise", "--format", "jsonl", "--no-counterfactuals", "facts/kyc-document-field-extraction-400-examples.yaml");
        String version = Json.mapper().readTree(result.out()).get("advisorVersion").asText();

        // Then advisor -V and a subcommand's -V name the same
        assertEquals("finetune-advisor " + version, run("-V").out().strip());
        assertEquals("finetune-advisor " + version, run("advise", "-V").out().strip());
    }

    @Test
    void a_mistyped_option_is_answered_with_the_option_it_resembles() {
        Run r = run("advise", "--formt", "json", "facts");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().lines().anyMatch(l -> l.contains("--format")), r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
    }

    @Test
    void json_results_carry_the_counterfactual_the_engine_found() throws Exception {
        Run r = run("advise", "--format", "json", "facts/kyc-document-field-extraction-400-examples.yaml");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode cf = Json.mapper().readTree(r.out()).get("results").get(0).get("counterfactuals").get(0);
        assertEquals("FINE_TUNE", cf.get("target").asText());
        JsonNode change = cf.get("changes").get(0);
        assertEquals("data.labeledExamples", change.get("field").asText());
        assertEquals(400, change.get("from").asInt());
        assertEquals(1000, change.get("to").asInt());
    }

    @Test
    void text_output_says_what_would_change_the_verdict() {
        Run r = run("advise", "facts/kyc-document-field-extraction-400-examples.yaml");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("What would change this"), r.out());
        assertTrue(r.out().contains("1,000"), r.out());
    }

    @Test
    void why_not_takes_any_code_the_rules_conclude_and_rejects_others() throws Exception {
        Run r = run("advise", "--format", "json", "--why-not", "GET_DATA_FIRST", "facts/content-moderation-500k.yaml");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode found = Json.mapper().readTree(r.out()).get("results").get(0).get("counterfactuals");
        assertTrue(found.size() > 0);
        found.forEach(cf -> assertEquals("GET_DATA_FIRST", cf.get("target").asText()));
        assertEquals(ExitCodes.USAGE, run("advise", "--why-not", "NOT_A_CODE", "facts").code());
    }

    @Test
    void counterfactuals_can_be_skipped() throws Exception {
        Run r = run("advise", "--format", "json", "--no-counterfactuals", "facts/kyc-document-field-extraction-400-examples.yaml");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertFalse(Json.mapper().readTree(r.out()).get("results").get(0).has("counterfactuals"));
    }

    @Test
    void the_wording_of_a_counterfactual_comes_from_the_rules(@TempDir Path dir) throws Exception {
        // Given a copy of the rules whose explanation rules say it differently
        Path rules = dir.resolve("rules");
        try (var files = Files.walk(Path.of("rules"))) {
            for (Path p : files.toList()) {
                Path target = rules.resolve(Path.of("rules").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(p).replace("the verdict becomes ", "the advisor would then say "));
                }
            }
        }
        // When the advisor runs with them
        Run r = run("advise", "--rules", rules.toString(), "facts/kyc-document-field-extraction-400-examples.yaml");
        // Then the sentence is the rules' new one
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("the advisor would then say FINE_TUNE"), r.out());
    }

    @Test
    void a_report_caption_with_an_unknown_placeholder_stops_the_report_at_its_line(@TempDir Path rules) throws Exception {
        // Given the bundled rules whose reports.yaml gives the caveat a placeholder no report fills
        try (var files = Files.walk(Path.of("rules"))) {
            for (Path p : files.toList()) {
                Path target = rules.resolve(Path.of("rules").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(p).replace("not measurements:", "not measurements {today}:"));
                }
            }
        }
        // When a Markdown report is asked for
        Run r = run("advise", "--rules", rules.toString(), "--format", "markdown", "facts/kyc-document-field-extraction-400-examples.yaml");
        // Then the rules are invalid, the error names the caption's line, and no report is written
        assertEquals(ExitCodes.RULES_INVALID, r.code(), r.err());
        int line = Files.readString(rules.resolve("reports.yaml")).lines().toList().indexOf(
                Files.readString(rules.resolve("reports.yaml")).lines().filter(l -> l.contains("{today}")).findFirst().orElseThrow()) + 1;
        assertTrue(r.err().contains("reports.yaml:" + line + ":") && r.err().contains("unknown placeholder {today}"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void watch_re_evaluates_when_a_fact_file_changes(@TempDir Path dir) throws Exception {
        // Given a fact file being watched
        Path facts = dir.resolve("case.yaml");
        Files.writeString(facts, "id: watched\ntask: { need: knowledge }\n");
        StringWriter out = new StringWriter();
        Thread watcher = new Thread(() -> AdvisorCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "advise", "--watch", "--threads", "1", facts.toString()));
        watcher.start();
        try {
            awaitOutput(out, "Verdict: USE_RAG");
            // When the team edits it, Then the advice is given again for the new facts
            Files.writeString(facts, "id: watched\ntask: { need: behavior }\nprompt: { engineered: false }\n");
            awaitOutput(out, "Verdict: FIX_PROMPT_FIRST");
        } finally {
            watcher.interrupt();
            watcher.join(10_000);
        }
        assertFalse(watcher.isAlive());
        assertEquals(ExitCodes.USAGE, run("advise", "--watch", "-").code());
    }

    private static void awaitOutput(StringWriter out, String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!out.toString().contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no '" + text + "' in: " + out);
            }
            Thread.sleep(100);
        }
    }
}
