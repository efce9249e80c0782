package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.RevisionHashes;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.io.Snapshots;
import dev.finetuneadvisor.model.Revisions;
import dev.finetuneadvisor.model.UseCase;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every result says which advisor, rules and assumptions gave it, in every format; snapshots leave that out. */
class RevisionsOutputTest {
    private static final String FACTS = "facts";

    private static Revisions expected() {
        return TestRules.advisor().revisions();
    }

    private static AdviseCommandTest.Run advise(String format) {
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--format", format, "--no-counterfactuals", "--no-ranges", FACTS);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        return r;
    }

    private static void assertCarries(JsonNode result) {
        Revisions v = expected();
        assertEquals(v.advisorVersion(), result.get("advisorVersion").asText(), result.toString());
        assertEquals(v.rulesRevision(), result.get("rulesRevision").asText());
        assertEquals(v.assumptionsRevision(), result.get("assumptionsRevision").asText());
    }

    @Test
    void each_json_result_and_each_json_lines_line_carries_the_revisions() throws Exception {
        // Given the bundled portfolio, as a JSON report and as JSON Lines
        JsonNode results = Json.mapper().readTree(advise("json").out()).get("results");
        List<String> lines = advise("jsonl").out().lines().toList();
        // Then every result of both says which advisor, rules and assumptions gave it
        assertTrue(results.size() > 1);
        results.forEach(RevisionsOutputTest::assertCarries);
        assertEquals(results.size(), lines.size(), "one line a result, no header line");
        for (String line : lines) {
            assertCarries(Json.mapper().readTree(line));
        }
        assertTrue(expected().rulesRevision().matches("[0-9a-f]{12}"), expected().rulesRevision());
    }

    @Test
    void csv_has_the_revisions_as_the_last_three_columns_of_every_row() {
        // Given the bundled portfolio as CSV
        List<String> rows = advise("csv").out().lines().toList();
        // Then the header ends with the three columns and each row with the values
        assertTrue(rows.get(0).endsWith(",advisorVersion,rulesRevision,assumptionsRevision"), rows.get(0));
        Revisions v = expected();
        String tail = "," + v.advisorVersion() + "," + v.rulesRevision() + "," + v.assumptionsRevision();
        rows.subList(1, rows.size()).forEach(row -> assertTrue(row.endsWith(tail), row));
        int columns = rows.get(0).split(",", -1).length;
        assertEquals(columns, rows.get(1).split(",", -1).length - commasInQuotes(rows.get(1)), rows.get(1));
    }

    private static int commasInQuotes(String row) {
        int n = 0;
        boolean quoted = false;
        for (char c : row.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && quoted) {
                n++;
            }
        }
        return n;
    }

    @Test
    void text_markdown_and_html_reports_name_them_in_their_head() {
        // Given the three reports for people
        String line = expected().line();
        String text = advise("text").out();
        String markdown = advise("markdown").out();
        String html = advise("html").out();
        // Then each names the advisor and both revisions before any use case
        assertEquals(line, text.lines().findFirst().orElseThrow());
        assertTrue(markdown.indexOf(line) > 0 && markdown.indexOf(line) < markdown.indexOf("## "), markdown.substring(0, 300));
        assertTrue(html.indexOf(line) > 0 && html.indexOf(line) < html.indexOf("<table"), html.substring(0, 300));
    }

    @Test
    void the_advisor_hashes_the_assumption_files_it_holds_apart_from_the_rule_files() {
        // Given the advisor on rules/ and the assumption files it names
        List<Path> sources = TestRules.advisor().assumptionSources();
        // Then they are rules/assumptions.yaml, hashed for the assumptions revision and left out of the rules revision
        assertEquals(List.of(TestRules.RULES.resolve("assumptions.yaml")), sources);
        assertEquals(RevisionHashes.assumptions(sources), expected().assumptionsRevision());
        assertEquals(RevisionHashes.rules(TestRules.RULES, Set.of("assumptions.yaml")), expected().rulesRevision());
    }

    @Test
    void a_snapshot_leaves_the_revisions_out() throws Exception {
        // Given a result from the advisor, which carries the revisions
        UseCase useCase = TestRules.useCase("id: snap\n" + TestRules.PASSES_ALL_GATES);
        JsonNode result = Json.mapper().valueToTree(TestRules.advisor().advise(useCase));
        assertCarries(result);
        // When it is taken as a snapshot
        JsonNode snapshot = Snapshots.of(TestRules.advisor().advise(useCase));
        // Then the revisions are not in it, so a rule edit does not rewrite every golden file
        for (String field : List.of("advisorVersion", "rulesRevision", "assumptionsRevision")) {
            assertFalse(snapshot.has(field), field);
        }
        assertEquals(result.get("verdict"), snapshot.get("verdict"));
    }
}
