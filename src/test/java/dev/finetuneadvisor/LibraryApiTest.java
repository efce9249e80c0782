package dev.finetuneadvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.io.JsonLinesWriter;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.UseCase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Advisor as an embedding program uses it, without the command line: the example in docs/library.md is
 * the code of {@link #the_documented_example_evaluates_streams_and_diffs}, between its two markers, and a
 * test keeps the page equal to it.
 */
class LibraryApiTest {
    static final Path PAGE = Path.of("docs/library.md");
    /** The markers around the example, written here in two parts so that only the example's own lines hold them whole. */
    private static final String START = "// library-example" + ":start";
    private static final String END = "// library-example" + ":end";

    @Test
    void the_documented_example_evaluates_streams_and_diffs() throws RulesInvalidException, IOException {
        Path cacheDir = TestRules.cacheDirectory();
        String json = "{\"id\":\"refunds\",\"task\":{\"need\":\"knowledge\"}}";
        InputStream in = new ByteArrayInputStream((json + "\nnot json\n").getBytes(StandardCharsets.UTF_8));
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        PrintWriter out = new PrintWriter(outText);
        PrintWriter err = new PrintWriter(errText);

        // library-example:start
        // Once per process, or per worker in a distributed job: compile the rules (thread-safe from then on).
        Advisor advisor = Advisor.builder()
                .rules(Path.of("rules"))    // or Advisor.bundledRules(): the rules the jar was built with
                .cache(cacheDir)            // optional: keep compiled rules there; default: no cache, nothing written
                .threads(2)                 // workers of stream(); results still come in input order
                .build();                   // throws RulesInvalidException, every problem at file:line:column

        // One use case, read from a fact file (or built in code)
        UseCase useCase = advisor.read(List.of(Path.of("facts/kyc-document-field-extraction-400-examples.yaml")))
                .useCases().get(0).useCase();
        Result result = advisor.advise(useCase);
        String verdict = result.verdict();                                   // GET_DATA_FIRST

        // One JSON Lines record, as a map step receives it: a result, or a located error rather than an exception
        Advisor.Advice advice = advisor.adviseJsonLine(json, "part-0003.jsonl", 17, AdviceOptions.plain());
        String line = advice.error() == null ? JsonLinesWriter.render(advice.result()) : advice.error().describe();

        // A stream: JSON Lines in, one result line each out in input order; an input or evaluation error
        // goes to the sink's error side and the rest goes on
        RunCounts counts = advisor.stream(Source.jsonLines(in, "portfolio.jsonl", "portfolio"),
                JsonLinesWriter.sink(out, err), AdviceOptions.plain());

        // What an edit to the rules changes across a portfolio
        Advisor base = Advisor.builder().rules(Path.of("rules")).cache(cacheDir).build();
        Advisor.DiffReport diff = advisor.diff(base, List.of(Path.of("facts")));
        // library-example:end

        assertEquals("GET_DATA_FIRST", verdict);
        assertEquals("GET_DATA_FIRST", result.verdict());
        assertNull(advice.error());
        assertTrue(line.startsWith("{\"id\":\"refunds\""), line);
        assertEquals("USE_RAG", advice.result().verdict());
        assertEquals(1, counts.results());
        assertEquals(1, counts.errors());
        assertTrue(outText.toString().startsWith("{\"id\":\"refunds\""), outText.toString());
        assertTrue(errText.toString().contains("portfolio.jsonl:2"), errText.toString());
        assertTrue(diff.useCases() > 20, "every bundled fact file is compared");
        assertEquals(List.of(), diff.changed(), "the same rules change no decision");
        assertEquals(List.of(), diff.errors());
    }

    @Test
    void the_library_page_shows_the_tested_example() throws IOException {
        // Given the example as the test above runs it
        String source = Files.readString(Path.of("src/test/java/dev/finetuneadvisor/LibraryApiTest.java"));
        String example = source.substring(source.indexOf(START) + START.length(), source.indexOf(END));
        String dedented = String.join("\n", example.lines().skip(1).map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).toList()).strip();
        assertTrue(dedented.lines().count() > 15 && dedented.contains("Advisor.builder()") && dedented.contains("advisor.diff("),
                "the example between the markers: " + dedented);
        // When the page is read
        String page = Files.readString(PAGE);
        // Then it shows that code, byte for byte
        assertTrue(page.contains(dedented), "docs/library.md must show the example of LibraryApiTest as it is; expected:\n" + dedented);
    }

    @Test
    void a_json_lines_record_that_does_not_parse_comes_back_as_a_located_error() {
        // Given the advisor of the test run
        Advisor advisor = TestRules.advisor();
        // When a record with a misspelt field is advised
        Advisor.Advice advice = advisor.adviseJsonLine("{\"task\":{\"need\":\"knowledge\",\"nede\":1}}", "part.jsonl", 5, AdviceOptions.plain());
        // Then it is an error at that line naming the field, and no result
        assertNull(advice.result());
        assertEquals(5, advice.error().line());
        assertEquals("part.jsonl", advice.error().file());
        assertTrue(advice.error().field().endsWith("nede"), advice.error().field());
    }

    @Test
    void a_json_lines_record_with_several_mistakes_comes_back_with_each_of_them() {
        // Given the advisor of the test run
        Advisor advisor = TestRules.advisor();
        // When a record with a misspelt value and a misspelt field is advised
        Advisor.Advice advice = advisor.adviseJsonLine("{\"task\":{\"need\":\"knowlege\",\"nede\":1}}", "part.jsonl", 5, AdviceOptions.plain());
        // Then both are errors at that line, in order, and the first is error()
        assertNull(advice.result());
        assertEquals(List.of("task.need", "task.nede"), advice.errors().stream().map(InputError::field).toList());
        assertEquals(advice.errors().get(0), advice.error());
    }

    @Test
    void why_not_a_code_no_rule_concludes_is_refused() {
        // Given the advisor of the test run
        Advisor advisor = TestRules.advisor();
        // When counterfactuals are asked towards a code the rules never conclude
        // Then the call is refused before any evaluation
        try {
            advisor.adviseJsonLine("{}", "x.jsonl", 1, AdviceOptions.plain().whyNot("NO_SUCH_CODE"));
            throw new AssertionError("expected a refusal");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("NO_SUCH_CODE"), e.getMessage());
        }
    }

    static List<Path> listAll(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).sorted().toList();
        }
    }
}
