package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portfolio reports agree with the JSON report: they format what the rules concluded. */
class ReportFormatsTest {
    static JsonNode results() throws Exception {
        return Json.mapper().readTree(AdviseCommandTest.run("advise", "--format", "json", "facts").out()).get("results");
    }

    @Test
    void csv_has_one_row_per_use_case_with_verdict_gates_and_costs() throws Exception {
        // Given the bundled portfolio
        JsonNode results = results();
        // When it is written as CSV
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--format", "csv", "facts");
        // Then there is a header and a row per use case, in order, with the rules' verdict and gate statuses
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> rows = r.out().lines().toList();
        assertEquals(results.size() + 1, rows.size());
        List<String> header = Arrays.asList(rows.get(0).split(","));
        assertEquals(List.of("id", "file", "title", "verdict", "stoppedAt", "knowledge-or-behavior"), header.subList(0, 6));
        String first = rows.get(1);
        JsonNode r0 = results.get(0);
        assertTrue(first.startsWith(r0.get("id").asText() + ","), first);
        assertTrue(first.contains("," + r0.get("verdict").asText() + ","), first);
        for (int i = 0; i < results.size(); i++) {
            JsonNode costs = results.get(i).get("costs");
            if (costs != null) {
                String frontier = String.valueOf(costs.get("frontierUsdPerYear").asDouble()).replaceAll("\\.0$", "");
                assertTrue(rows.get(i + 1).contains("," + frontier + ","), rows.get(i + 1));
            }
        }
    }

    @Test
    void csv_over_no_use_case_has_the_same_columns_as_csv_over_some(@TempDir Path dir) throws Exception {
        // Given an empty JSON Lines file, and the bundled portfolio
        Files.writeString(dir.resolve("none.jsonl"), "");
        String some = AdviseCommandTest.run("advise", "--format", "csv", "facts").out().lines().findFirst().orElseThrow();
        // When the empty file is written as CSV
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--format", "csv", dir.resolve("none.jsonl").toString());
        // Then the output is the header alone, with the gate columns the rules declare
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(List.of(some), r.out().lines().toList());
        assertTrue(some.contains(",enough-good-data,"), some);
    }

    @Test
    void output_that_cannot_be_written_ends_with_exit_code_7() {
        // Given stdout that fails every write (a full disk, say)
        Writer full = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        StringWriter err = new StringWriter();
        // When a report is written to it
        int code = AdvisorCommand.execute(new PrintWriter(full), new PrintWriter(err), "advise", "--format", "markdown", "facts");
        // Then the run says so, instead of exiting 0
        assertEquals(ExitCodes.OUTPUT_FAILED, code, err.toString());
        assertTrue(err.toString().contains("stdout"), err.toString());
    }

    @Test
    void control_characters_from_a_fact_file_are_shown_not_sent_to_the_terminal(@TempDir Path dir) throws Exception {
        // Given an id with an escape sequence that would retitle and clear a terminal, used twice
        String evil = "{\"id\":\"evil\\u001b]0;pwned\\u0007\\u001b[2J\",\"title\":\"t\\u0000x\",\"task\":{\"need\":\"knowledge\"}}\n";
        Files.writeString(dir.resolve("evil.jsonl"), evil + evil);
        for (String format : new String[] {"text", "markdown"}) {
            // When it is reported for people
            AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--format", format, "--no-counterfactuals", dir.toString());
            // Then no control character reaches stdout or stderr, and the id is still recognisable
            assertEquals(ExitCodes.INPUT_REJECTED, r.code(), r.err());
            for (String text : new String[] {r.out(), r.err()}) {
                assertFalse(text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'), format + ": " + text);
                assertTrue(text.contains("evil\\u001b]0;pwned\\u0007"), format + ": " + text);
            }
        }
    }

    @Test
    void a_formula_looking_title_is_defused_and_commas_are_quoted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.yaml"), "id: x\ntitle: '=HYPERLINK(\"http://x\", \"a, b\")'\ntask: { need: knowledge }\n");
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--format", "csv", dir.toString());
        String row = r.out().lines().toList().get(1);
        assertTrue(row.startsWith("x,"), row);
        assertTrue(row.contains("\"'=HYPERLINK(\"\"http://x\"\", \"\"a, b\"\")\""), row);
    }

    @Test
    void markdown_counts_the_funnel_and_verdicts_from_the_results() throws Exception {
        // Given the bundled portfolio
        JsonNode results = results();
        long passAll = 0;
        long useRag = 0;
        for (JsonNode r : results) {
            passAll += r.get("gates").get(5).get("status").asText().equals("PASS") ? 1 : 0;
            useRag += r.get("verdict").asText().equals("USE_RAG") ? 1 : 0;
        }
        // When it is written as Markdown
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--format", "markdown", "facts");
        // Then the funnel's last gate and the verdict table carry the same counts
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("| 6 | enough-good-data | "), r.out());
        String gate6 = r.out().lines().filter(l -> l.startsWith("| 6 | enough-good-data |")).findFirst().orElseThrow();
        assertEquals(Long.toString(passAll), gate6.split("\\|")[4].trim());
        String rag = r.out().lines().filter(l -> l.startsWith("| USE_RAG |")).findFirst().orElseThrow();
        assertEquals(Long.toString(useRag), rag.split("\\|")[2].trim());
        String table = r.out().substring(r.out().indexOf("## Use cases"), r.out().indexOf("## Next step per use case"));
        assertEquals(results.size() + 1, table.lines().filter(l -> l.startsWith("| ")).count(), "a header and a row per use case");
        assertFalse(r.out().contains("## Rejected input"));
    }

    @Test
    void markdown_saving_is_the_fine_tune_use_cases_alone_and_each_use_case_has_its_next_step() throws Exception {
        // Given the bundled portfolio as JSON: the FINE_TUNE use cases' frontier cost and TCO, and the others' frontier cost, in cents
        JsonNode results = results();
        long fineTunes = 0;
        long frontier = 0;
        long tco = 0;
        long othersFrontier = 0;
        for (JsonNode r : results) {
            JsonNode c = r.get("costs");
            if (c == null) {
                continue;
            }
            if (r.get("verdict").asText().equals("FINE_TUNE") && c.get("winsOnCost").asBoolean()) {
                fineTunes++;
                frontier += Math.round(c.get("frontierUsdPerYear").asDouble() * 100);
                tco += Math.round(c.get("fineTuneUsdPerYear").asDouble() * 100);
            } else if (!r.get("verdict").asText().equals("FINE_TUNE")) {
                othersFrontier += Math.round(c.get("frontierUsdPerYear").asDouble() * 100);
            }
        }
        // When it is written as Markdown
        String md = AdviseCommandTest.run("advise", "--format", "markdown", "facts").out();
        // Then the saving row sums the FINE_TUNE use cases only, and the others' frontier cost stands apart
        String[] row = md.lines().filter(l -> l.startsWith("| verdict FINE_TUNE, winning on cost |")).findFirst().orElseThrow().split("\\|");
        assertEquals(Long.toString(fineTunes), row[2].trim());
        assertEquals(Math.round((frontier - tco) / 100.0), Long.parseLong(row[5].trim().replaceAll("[*$,]", "")), md);
        String[] others = md.lines().filter(l -> l.startsWith("| other verdicts")).findFirst().orElseThrow().split("\\|");
        assertEquals(Math.round(othersFrontier / 100.0), Long.parseLong(others[3].trim().replaceAll("[$,]", "")), md);
        // and every use case has an anchor with its next step under it, in input order
        int at = md.indexOf("## Next step per use case");
        for (JsonNode r : results) {
            at = md.indexOf("<a id=\"" + r.get("id").asText() + "\"></a>", at);
            assertTrue(at > 0, r.get("id").asText());
            assertTrue(md.startsWith("- **Next step:** " + r.get("recommendations").get(0).get("action").asText(),
                    md.indexOf("- **Next step:**", at)), r.get("id").asText());
        }
    }

    @Test
    void reports_list_rejected_input_and_keep_the_exit_code(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "id: a\ntask: { need: knowledge }\n");
        Files.writeString(dir.resolve("b.yaml"), "id: b\ntask: { need: sometimes }\n");
        for (String format : new String[] {"markdown", "html", "csv"}) {
            AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--format", format, dir.toString());
            assertEquals(ExitCodes.INPUT_REJECTED, r.code(), format);
            assertTrue(r.err().contains("b.yaml:2:"), r.err());
        }
        assertTrue(AdviseCommandTest.run("advise", "--format", "html", dir.toString()).out().contains("b.yaml:2:"));
    }

    @Test
    void html_escapes_what_the_fact_files_say_and_fetches_nothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.yaml"), "id: x\ntitle: '<script>alert(1)</script> & <img src=http://example.com/a.png>'\n"
                + "task: { need: knowledge }\n");
        String html = AdviseCommandTest.run("advise", "--format", "html", dir.toString()).out();
        assertFalse(html.contains("<script>alert(1)"), "a title must not become markup");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img"), html);
        assertFalse(html.contains("<img"), "the page loads no images");
        assertFalse(html.matches("(?s).*<(script|link|img)[^>]+(src|href)=\"https?:.*"), "the page fetches nothing");
        assertTrue(html.contains("default-src 'none'"), "a content security policy forbids fetching");
    }
}
