package dev.finetuneadvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.cli.AdvisorCommand;
import dev.finetuneadvisor.cli.ExitCodes;
import dev.finetuneadvisor.engine.RuleIndex;
import dev.finetuneadvisor.io.JsonLinesWriter;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON Lines in and out, in parallel and in order, with hostile input: as a user runs it. */
class StreamingBatchTest {
    record Run(int code, String out, String err) {
        List<JsonNode> lines() {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    try {
                        nodes.add(Json.mapper().readTree(line));
                    } catch (IOException e) {
                        throw new AssertionError("not a JSON line: " + line, e);
                    }
                }
            }
            return nodes;
        }

        List<String> ids() {
            return lines().stream().map(n -> n.get("id").asText()).toList();
        }

        /** The line numbers of the errors on stderr, in order. */
        List<Integer> errorLines() {
            List<Integer> lines = new ArrayList<>();
            Matcher m = Pattern.compile("^error: [^:]+:(\\d+)", Pattern.MULTILINE).matcher(err);
            while (m.find()) {
                lines.add(Integer.parseInt(m.group(1)));
            }
            return lines;
        }
    }

    static Run run(InputStream in, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdvisorCommand.execute(in, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    /** The bundled fact files as JSON Lines, repeated with fresh ids: a portfolio of every kind of verdict. */
    static String portfolio(int copies) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.list(Path.of("facts"))) {
            walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            new FactReader(TestRules.compiled().assumptions().costKeys()).readFile(file, loaded -> {
                try {
                    lines.add(Json.compact().writeValueAsString(loaded.useCase()));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }, error -> {
                throw new AssertionError(error.describe());
            });
        }
        StringBuilder sb = new StringBuilder();
        for (int copy = 1; copy <= copies; copy++) {
            for (String line : lines) {
                JsonNode node = Json.mapper().readTree(line);
                ((ObjectNode) node).put("id", node.get("id").asText() + "-" + copy);
                sb.append(Json.compact().writeValueAsString(node)).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void jsonl_output_is_one_result_per_line_in_input_order(@TempDir Path dir) throws Exception {
        // Given a JSON Lines portfolio
        Path file = dir.resolve("portfolio.jsonl");
        Files.writeString(file, portfolio(2));
        // When it is evaluated to JSON Lines
        Run r = run("advise", "--format", "jsonl", "--threads", "2", file.toString());
        // Then every line is a result with the JSON report's fields, in input order
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(Files.readAllLines(file).size(), lines.size());
        assertTrue(lines.get(0).get("id").asText().endsWith("-1"));
        assertTrue(lines.get(lines.size() - 1).get("id").asText().endsWith("-2"));
        for (JsonNode n : lines) {
            for (String field : new String[] {"id", "file", "verdict", "gates", "recommendations", "rulesFired"}) {
                assertTrue(n.has(field), field);
            }
        }
        assertEquals("", r.err());
    }

    @Test
    void the_output_is_the_same_bytes_for_any_number_of_threads(@TempDir Path dir) throws Exception {
        // Given the bundled portfolio once (every kind of verdict, with counterfactuals and range checks in text
        // and json) and three times over (streamed formats)
        Path once = dir.resolve("portfolio.jsonl");
        Files.writeString(once, portfolio(1));
        Path thrice = dir.resolve("portfolio-3.jsonl");
        Files.writeString(thrice, portfolio(3));
        // When it is evaluated on 1 and 3 threads (more workers than cores here, so results finish out of
        // order), in every format
        for (String format : new String[] {"jsonl", "json", "csv", "text"}) {
            Path file = format.equals("json") || format.equals("text") ? once : thrice;
            Run one = run("advise", "--format", format, "--threads", "1", file.toString());
            Run three = run("advise", "--format", format, "--threads", "3", file.toString());
            // Then the output is identical
            assertEquals(ExitCodes.OK, one.code(), one.err());
            assertEquals(one.out(), three.out(), format);
        }
    }

    @Test
    void a_portfolio_larger_than_the_window_in_flight_comes_out_whole_and_in_order(@TempDir Path dir) throws Exception {
        // Given a portfolio of some seventy use cases, and an advisor on 3 threads that reads only 4 use cases
        // ahead per thread (the command line reads 256 ahead: the same code, a window the test can overflow)
        Path file = dir.resolve("portfolio.jsonl");
        Files.writeString(file, portfolio(3));
        int cases = Files.readAllLines(file).size();
        Advisor narrow = TestRules.advisor().streaming(3, 4);
        assertTrue(cases > 3 * 4 * 4, "the portfolio must overflow the window several times over");
        // When it is streamed through the narrow window and through one thread with no window to speak of
        StringWriter windowed = new StringWriter();
        StringWriter single = new StringWriter();
        RunCounts counts = narrow.stream(Source.paths(List.of(file)), JsonLinesWriter.sink(new PrintWriter(windowed), new PrintWriter(new StringWriter())),
                AdviceOptions.plain());
        TestRules.advisor().stream(Source.paths(List.of(file)), JsonLinesWriter.sink(new PrintWriter(single), new PrintWriter(new StringWriter())),
                AdviceOptions.plain());
        // Then every use case comes out once, in input order, the same bytes as one thread gives
        assertEquals(cases, counts.results());
        assertEquals(single.toString(), windowed.toString());
        assertEquals(cases, windowed.toString().lines().count());
    }

    @Test
    void a_dash_reads_json_lines_from_stdin() throws Exception {
        // Given use cases on stdin
        byte[] input = ("{\"id\":\"a\",\"task\":{\"need\":\"knowledge\"}}\n"
                + "{\"task\":{\"need\":\"behavior\"},\"prompt\":{\"engineered\":false}}\n").getBytes(StandardCharsets.UTF_8);
        // When '-' is the path
        Run r = run(new ByteArrayInputStream(input), "advise", "--format", "jsonl", "-");
        // Then both are evaluated; the second gets an id from its line number
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(List.of("a", "stdin#2"), r.ids());
        assertEquals("USE_RAG", r.lines().get(0).get("verdict").asText());
        assertEquals("FIX_PROMPT_FIRST", r.lines().get(1).get("verdict").asText());
        assertEquals("<stdin>", r.lines().get(0).get("file").asText());
    }

    @Test
    void a_result_is_written_before_the_advisor_waits_for_the_next_line() throws Exception {
        // Given stdin that has one line, and only hands over the second once asked again
        StringWriter out = new StringWriter();
        List<Boolean> firstWasOutWhenAskedAgain = new ArrayList<>();
        byte[][] chunks = {"{\"id\":\"first\",\"task\":{\"need\":\"knowledge\"}}\n".getBytes(StandardCharsets.UTF_8),
            "{\"id\":\"second\",\"task\":{\"need\":\"knowledge\"}}\n".getBytes(StandardCharsets.UTF_8)};
        InputStream slow = new InputStream() {
            private int chunk;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int available() {
                return 0;   // a producer that has nothing more yet
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (chunk == 1) {
                    firstWasOutWhenAskedAgain.add(out.toString().contains("\"first\""));
                }
                if (chunk >= chunks.length) {
                    return -1;
                }
                byte[] c = chunks[chunk++];
                System.arraycopy(c, 0, b, off, c.length);
                return c.length;
            }
        };
        // When it is read as JSON Lines on two threads
        int code = AdvisorCommand.execute(slow, new PrintWriter(out), new PrintWriter(new StringWriter()),
                "advise", "--format", "jsonl", "--threads", "2", "-");
        // Then the first result was out before the second line was asked for, and both came out in order
        assertEquals(ExitCodes.OK, code);
        assertEquals(List.of(true), firstWasOutWhenAskedAgain);
        assertEquals(List.of("first", "second"), new Run(code, out.toString(), "").ids());
    }

    @Test
    void a_named_pipe_of_json_lines_is_read_as_its_producer_writes(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("live.jsonl");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        Thread producer = new Thread(() -> {
            try {
                Files.writeString(fifo, "{\"id\":\"p1\",\"task\":{\"need\":\"knowledge\"}}\n{\"id\":\"p2\"}\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        producer.start();
        Run r = run("advise", "--format", "jsonl", "--threads", "2", fifo.toString());
        producer.join(10_000);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(List.of("p1", "p2"), r.ids());
    }

    @Test
    void a_device_or_pipe_that_is_not_json_lines_is_refused_with_what_to_do_instead() {
        Run r = run(new ByteArrayInputStream(new byte[0]), "advise", "--format", "jsonl", "/dev/null");
        assertEquals(ExitCodes.INPUT_REJECTED, r.code(), r.err());
        assertTrue(r.err().contains("/dev/null") && r.err().contains("'-'"), r.err());
    }

    @Test
    void hostile_lines_are_reported_one_by_one_and_every_good_line_is_evaluated(@TempDir Path dir) throws Exception {
        // Given a JSON Lines file with broken, huge, deeply nested, duplicate and wrongly shaped lines among good ones
        String good = "{\"id\":\"%s\",\"task\":{\"need\":\"knowledge\"}}";
        List<String> lines = List.of(
                good.formatted("first"),                                             // 1 good
                "{\"id\": \"broken\", \"task\": {",                                   // 2 broken JSON
                "{\"title\":\"" + "x".repeat(1_200_000) + "\"}",                     // 3 longer than 1 MiB
                "{\"task\":".repeat(40) + "{}" + "}".repeat(40),                     // 4 nested 40 deep
                good.formatted("first"),                                             // 5 duplicate id
                good.formatted("second"),                                            // 6 good
                "[1, 2, 3]",                                                         // 7 not an object
                "",                                                                  // 8 blank: skipped
                good.formatted("third") + " {\"id\":\"glued\"}",                     // 9 two objects on a line
                "{\"id\":\"bad-value\",\"data\":{\"noiseRate\":1.5}}",               // 10 out of range
                "{\"id\":\"unknown-field\",\"task\":{\"nead\":\"behavior\"}}",       // 11 unknown field
                good.formatted("last"));                                             // 12 good
        Path file = dir.resolve("hostile.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        for (String threads : new String[] {"1", "2"}) {
            // When it is evaluated (what would change each verdict is beside the point here)
            Run r = run("advise", "--format", "jsonl", "--no-counterfactuals", "--threads", threads, file.toString());
            // Then each bad line is reported with its line number, and every good line comes out, in order
            assertEquals(ExitCodes.INPUT_REJECTED, r.code(), r.err());
            assertEquals(List.of("first", "second", "last"), r.ids());
            assertEquals(List.of(2, 3, 4, 5, 7, 9, 10, 11), r.errorLines(), r.err());
            assertTrue(r.err().contains("hostile.jsonl:10:"), r.err());
            assertTrue(r.err().contains("data.noiseRate"), r.err());
            assertTrue(r.err().contains("task.nead"), r.err());
        }
    }

    @Test
    void the_json_report_lists_jsonl_errors_with_their_line(@TempDir Path dir) throws Exception {
        // Given a JSON Lines file with one bad line
        Path file = dir.resolve("two.jsonl");
        Files.writeString(file, "{\"id\":\"ok\",\"task\":{\"need\":\"knowledge\"}}\n{\"id\":\"bad\",\"task\":{\"need\":\"sometimes\"}}\n");
        // When it is evaluated to the JSON report
        Run r = run("advise", "--format", "json", file.toString());
        // Then the contract holds: results and errors, the error with file, line, field
        assertEquals(ExitCodes.INPUT_REJECTED, r.code());
        JsonNode report = Json.mapper().readTree(r.out());
        assertEquals(1, report.get("results").size());
        JsonNode error = report.get("errors").get(0);
        assertEquals(2, error.get("line").asInt());
        assertEquals("task.need", error.get("field").asText());
        assertTrue(error.get("column").asInt() > 0);
    }

    @Test
    void a_looping_rule_is_stopped_for_its_use_case_and_the_batch_goes_on(@TempDir Path dir) throws Exception {
        // Given the bundled rules plus a rule that loops forever on one use case
        Path rules = dir.resolve("rules");
        RuleIndex.copy(TestRules.RULES, rules);
        Files.writeString(rules.resolve("loop.drl"), """
                package loop;
                import dev.finetuneadvisor.model.UseCase;
                rule "Re-fires forever for the looping use case"
                    @id("test-loop") @section("test")
                when
                    $u : UseCase( id == "looping" )
                then
                    update($u);
                end
                """);
        Path file = dir.resolve("batch.jsonl");
        Files.writeString(file, "{\"id\":\"before\",\"task\":{\"need\":\"knowledge\"}}\n{\"id\":\"looping\"}\n"
                + "{\"id\":\"after\",\"task\":{\"need\":\"knowledge\"}}\n");
        // When the batch runs
        Run r = run("advise", "--rules", rules.toString(), "--format", "jsonl", "--threads", "2", file.toString());
        // Then the loop is stopped by the firing limit for that use case only
        assertEquals(ExitCodes.EVALUATION_FAILED, r.code(), r.err());
        assertEquals(List.of("before", "after"), r.ids());
        assertEquals(List.of(2), r.errorLines(), r.err());
        assertTrue(r.err().contains("looping"), r.err());
    }

    @Test
    void directories_include_jsonl_files_and_ids_must_be_unique_across_files(@TempDir Path dir) throws Exception {
        // Given a YAML fact file and a JSON Lines file that repeats its id
        Files.writeString(dir.resolve("a.yaml"), "id: same\ntask: { need: knowledge }\n");
        Files.writeString(dir.resolve("b.jsonl"), "{\"id\":\"same\"}\n{\"id\":\"other\",\"task\":{\"need\":\"knowledge\"}}\n");
        // When the directory is evaluated
        Run r = run("advise", "--format", "jsonl", dir.toString());
        // Then the later duplicate is rejected and the rest evaluated
        assertEquals(ExitCodes.INPUT_REJECTED, r.code());
        assertEquals(List.of("same", "other"), r.ids());
        assertTrue(r.err().contains("b.jsonl:1:"), r.err());
        assertTrue(r.err().contains("duplicate id 'same'"), r.err());
    }

    @Test
    void no_progress_line_when_stderr_is_not_a_terminal(@TempDir Path dir) throws Exception {
        // Given a clean portfolio
        Path file = dir.resolve("portfolio.jsonl");
        Files.writeString(file, portfolio(1));
        // When it runs with stderr captured (not a terminal), with and without --quiet
        Run plain = run("advise", "--format", "jsonl", file.toString());
        Run quiet = run("advise", "--format", "jsonl", "--quiet", file.toString());
        // Then stderr stays empty
        assertEquals("", plain.err());
        assertEquals("", quiet.err());
    }

    @Test
    void zero_threads_is_a_usage_error() {
        assertEquals(ExitCodes.USAGE, run("advise", "--threads", "0", "facts").code());
    }
}
