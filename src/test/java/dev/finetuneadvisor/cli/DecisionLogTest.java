package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.RuleIndex;
import dev.finetuneadvisor.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code advise --decision-log} records each decision; {@code diff --base-log} replays them under the current rules. */
class DecisionLogTest {
    /** Two use cases that pass every gate, one with 1,500 labeled examples (between 1,000 and 2,000), and one bad file. */
    private static Path portfolio(Path dir) throws Exception {
        Path facts = Files.createDirectories(dir.resolve("facts"));
        Files.writeString(facts.resolve("mid-data.yaml"), "id: mid-data\n"
                + TestRules.PASSES_ALL_GATES.replace("labeledExamples: 3000", "labeledExamples: 1500"));
        Files.writeString(facts.resolve("plenty.yaml"), "id: plenty\n" + TestRules.PASSES_ALL_GATES);
        Files.writeString(facts.resolve("bad.yaml"), "id: bad\ndata: { noiseRate: 2 }\n");
        return facts;
    }

    private static List<JsonNode> lines(Path log) throws Exception {
        List<JsonNode> read = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            read.add(Json.mapper().readTree(line));
        }
        return read;
    }

    @Test
    void each_decision_is_appended_with_its_input_result_revisions_and_time_and_rejected_input_is_not(@TempDir Path tmp) throws Exception {
        // Given a portfolio with two good use cases and a bad one, advised twice with the same log
        Path facts = portfolio(tmp);
        Path log = tmp.resolve("decisions.jsonl");
        Instant before = Instant.now().minusSeconds(1);
        AdviseCommandTest.Run first = AdviseCommandTest.run("advise", "--format", "jsonl", "--decision-log", log.toString(), facts.toString());
        AdviseCommandTest.Run second = AdviseCommandTest.run("advise", "--format", "jsonl", "--decision-log", log.toString(), facts.toString());
        Instant after = Instant.now().plusSeconds(1);
        assertEquals(ExitCodes.INPUT_REJECTED, first.code(), first.err());
        assertEquals(ExitCodes.INPUT_REJECTED, second.code(), second.err());
        // Then the log holds the two decisions of each run, appended, and not the rejected file
        List<JsonNode> logged = lines(log);
        assertEquals(List.of("mid-data", "plenty", "mid-data", "plenty"), logged.stream().map(l -> l.get("id").asText()).toList());
        List<String> results = first.out().lines().toList();
        for (int i = 0; i < logged.size(); i++) {
            JsonNode entry = logged.get(i);
            JsonNode output = Json.mapper().readTree(results.get(i % 2));
            assertEquals("finetune-advisor/decision/1", entry.get("log").asText());
            Instant time = Instant.parse(entry.get("time").asText());
            assertTrue(!time.isBefore(before) && !time.isAfter(after), entry.get("time").asText());
            assertEquals(output.get("file").asText(), entry.get("file").asText());
            assertEquals(1, entry.get("line").asInt());
            // the result as the output gave it, with its revisions, and the input as read
            assertEquals(output, entry.get("result"));
            assertEquals(output.get("rulesRevision"), entry.get("rulesRevision"));
            assertEquals(output.get("assumptionsRevision"), entry.get("assumptionsRevision"));
            assertEquals(output.get("advisorVersion"), entry.get("advisorVersion"));
            assertEquals(entry.get("id"), entry.get("input").get("id"));
        }
        assertEquals(1500, logged.get(0).get("input").get("data").get("labeledExamples").asInt());
    }

    @Test
    void a_log_replayed_under_the_same_rules_changes_nothing(@TempDir Path tmp) throws Exception {
        // Given every bundled fact file advised with a decision log
        Path log = tmp.resolve("decisions.jsonl");
        AdviseCommandTest.Run advised = AdviseCommandTest.run("advise", "--format", "csv", "--decision-log", log.toString(), "facts");
        assertEquals(ExitCodes.OK, advised.code(), advised.err());
        long cases = advised.out().lines().count() - 1;
        // When it is replayed under the same rules
        AdviseCommandTest.Run replay = AdviseCommandTest.run("diff", "--base-log", log.toString(), "--format", "json", "--exit-code");
        // Then every logged input reads back and decides as it did
        assertEquals(ExitCodes.OK, replay.code(), replay.out() + replay.err());
        JsonNode report = Json.mapper().readTree(replay.out());
        assertEquals(cases, report.get("useCases").asLong());
        assertEquals(0, report.get("counts").get("changed").asInt());
        assertEquals(0, report.get("changed").size());
    }

    @Test
    void after_a_threshold_edit_the_replay_reports_the_changed_decisions(@TempDir Path tmp) throws Exception {
        // Given the two good decisions logged under the shipped rules, and a copy of the rules that asks for 2,000 examples
        Path facts = portfolio(tmp);
        Files.delete(facts.resolve("bad.yaml"));
        Path log = tmp.resolve("decisions.jsonl");
        assertEquals(ExitCodes.OK, AdviseCommandTest.run("advise", "--format", "jsonl", "--decision-log", log.toString(), facts.toString()).code());
        Path rules = Files.createDirectory(tmp.resolve("rules"));
        RuleIndex.copy(TestRules.RULES, rules);
        Path assumptions = rules.resolve("assumptions.yaml");
        String text = Files.readString(assumptions);
        String edited = text.replace("  minLabeledExamples:\n    value: 1000", "  minLabeledExamples:\n    value: 2000");
        assertTrue(!edited.equals(text), "assumptions.yaml no longer writes minLabeledExamples as this test expects");
        Files.writeString(assumptions, edited);
        // When the log is replayed under the edited rules
        AdviseCommandTest.Run json = AdviseCommandTest.run("diff", "--base-log", log.toString(), "--rules", rules.toString(), "--format", "json",
                "--exit-code");
        AdviseCommandTest.Run text2 = AdviseCommandTest.run("diff", "--base-log", log.toString(), "--rules", rules.toString());
        // Then the use case with 1,500 examples changes, at its line of the log, and the other does not
        assertEquals(ExitCodes.FOUND, json.code(), json.out() + json.err());
        JsonNode report = Json.mapper().readTree(json.out());
        assertEquals(2, report.get("useCases").asInt());
        assertEquals(1, report.get("counts").get("changed").asInt());
        assertEquals(1, report.get("counts").get("verdictChanged").asInt());
        JsonNode change = report.get("changed").get(0);
        assertEquals("mid-data", change.get("id").asText());
        assertEquals(1, change.get("line").asInt());
        assertEquals("FINE_TUNE", change.get("before").get("verdict").asText());
        assertEquals("GET_DATA_FIRST", change.get("after").get("verdict").asText());
        assertEquals("FAIL", change.get("after").get("gates").get("enough-good-data").asText());
        assertTrue(change.get("after").get("codes").toString().contains("GET_DATA_FIRST"));
        // the decision was made under other assumptions than the replay's
        assertTrue(!change.get("assumptionsRevision").equals(report.get("current").get("assumptionsRevision")), report.toString());
        assertEquals(change.get("rulesRevision"), report.get("current").get("rulesRevision"));
        // and the text says the same, without --exit-code exit 0
        assertEquals(ExitCodes.OK, text2.code(), text2.err());
        assertTrue(text2.out().contains("verdict: FINE_TUNE -> GET_DATA_FIRST"), text2.out());
        assertTrue(text2.out().contains("1 of 2 decisions changed"), text2.out());
    }

    @Test
    void a_broken_line_and_a_line_of_a_newer_format_are_errors_at_their_line_and_the_rest_is_replayed(@TempDir Path tmp) throws Exception {
        // Given a log with one decision, then a line of a newer format, a line that is not JSON, and a second decision
        Path facts = portfolio(tmp);
        Path log = tmp.resolve("decisions.jsonl");
        AdviseCommandTest.run("advise", "--format", "jsonl", "--decision-log", log.toString(), facts.resolve("plenty.yaml").toString());
        Files.writeString(log, "{\"log\":\"finetune-advisor/decision/2\",\"id\":\"future\"}\n{\"log\": \"finetune-advisor/deci\n",
                StandardOpenOption.APPEND);
        AdviseCommandTest.run("advise", "--format", "jsonl", "--decision-log", log.toString(), facts.resolve("mid-data.yaml").toString());
        // When it is replayed
        AdviseCommandTest.Run r = AdviseCommandTest.run("diff", "--base-log", log.toString(), "--format", "json");
        // Then both bad lines are located errors, and the two decisions are still compared
        assertEquals(ExitCodes.INPUT_REJECTED, r.code(), r.err());
        JsonNode report = Json.mapper().readTree(r.out());
        assertEquals(2, report.get("useCases").asInt());
        JsonNode errors = report.get("errors");
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(2, errors.get(0).get("line").asInt());
        assertEquals("log", errors.get(0).get("field").asText());
        assertEquals(3, errors.get(1).get("line").asInt());
        assertTrue(r.err().contains(log.toString().replace('\\', '/') + ":2"), r.err());
        assertTrue(r.err().contains(log.toString().replace('\\', '/') + ":3"), r.err());
    }

    @Test
    void the_log_diff_takes_no_paths_and_a_missing_log_is_a_usage_error(@TempDir Path tmp) {
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("diff", "--base-log", tmp.resolve("none.jsonl").toString()).code());
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("diff", "--base-log", tmp.resolve("none.jsonl").toString(), "facts").code());
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("diff", "--base-log", "x.jsonl", "--base-rules", "rules", "facts").code());
    }

    @Test
    void a_log_kept_in_the_folder_it_logs_is_not_read_as_input(@TempDir Path tmp) throws Exception {
        // Given a folder of one fact file, logged into a file of that same folder (even one named like a fact file)
        Files.copy(Path.of("facts/content-moderation-500k.yaml"), tmp.resolve("content-moderation-500k.yaml"));
        for (String name : List.of("decisions.jsonl", "decisions.yaml")) {
            Path log = tmp.resolve(name);

            // When the folder is advised twice
            AdviseCommandTest.Run first = AdviseCommandTest.run("advise", "--no-counterfactuals", "--decision-log", log.toString(), tmp.toString());
            AdviseCommandTest.Run second = AdviseCommandTest.run("advise", "--no-counterfactuals", "--decision-log", log.toString(), tmp.toString());

            // Then both runs read the fact file only, and the log holds one line per run
            assertEquals(ExitCodes.OK, first.code(), first.err());
            assertEquals(ExitCodes.OK, second.code(), second.err());
            assertEquals(2, Files.readAllLines(log).size(), name);
            Files.delete(log);
        }
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("advise", "--decision-log", "-", "facts").code());
    }

    @Test
    void another_runs_log_among_the_fact_files_is_one_error_naming_it_not_one_a_field(@TempDir Path tmp) throws Exception {
        // Given a folder of one fact file and a log an earlier run wrote there
        Path folder = Files.createDirectory(tmp.resolve("cases"));
        Files.copy(Path.of("facts/content-moderation-500k.yaml"), folder.resolve("content-moderation-500k.yaml"));
        Path log = folder.resolve("decisions.jsonl");
        AdviseCommandTest.run("advise", "--no-counterfactuals", "--decision-log", log.toString(), folder.resolve("content-moderation-500k.yaml").toString());
        AdviseCommandTest.run("advise", "--no-counterfactuals", "--decision-log", log.toString(), folder.resolve("content-moderation-500k.yaml").toString());

        // When the folder is advised without logging
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--no-counterfactuals", "--format", "jsonl", folder.toString());

        // Then the fact file is evaluated and the log is one error at its first line, naming the replay
        assertEquals(ExitCodes.INPUT_REJECTED, r.code(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), r.err());
        assertTrue(errors.get(0).contains("decisions.jsonl:1:1:") && errors.get(0).contains("--base-log"), errors.get(0));
    }

    @Test
    void a_log_that_cannot_be_opened_stops_the_run_before_any_decision(@TempDir Path tmp) {
        // Given a log in a folder that does not exist
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--decision-log", tmp.resolve("no/such/decisions.jsonl").toString(), "facts");
        // Then nothing is decided and the exit code says the output could not be written
        assertEquals(ExitCodes.OUTPUT_FAILED, r.code(), r.err());
        assertTrue(r.err().contains("--decision-log"), r.err());
        assertEquals("", r.out());
        // nor is one that is also an input
        Path log = tmp.resolve("cases.jsonl");
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("advise", "--decision-log", log.toString(), log.toString()).code());
    }
}
