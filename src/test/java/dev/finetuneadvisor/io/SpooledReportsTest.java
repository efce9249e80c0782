package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** The portfolio reports are the same bytes whether their parts stayed in memory or went through temporary files. */
// it lowers the spool's in-memory limit for the whole process
@Isolated
class SpooledReportsTest {
    private static String write(BiFunction<PrintWriter, PrintWriter, ResultSink> format, List<Result> results, List<InputError> errors) {
        StringWriter out = new StringWriter();
        ResultSink sink = format.apply(new PrintWriter(out), new PrintWriter(new StringWriter()));
        results.forEach(r -> sink.result(r, null));
        errors.forEach(sink::error);
        sink.finish();
        return out.toString();
    }

    @Test
    void markdown_html_and_json_are_the_same_through_temporary_files(@TempDir Path dir) throws Exception {
        // Given the bundled portfolio, a use case whose title has a character UTF-8 cannot encode, and rejected input
        FactReader reader = new FactReader(TestRules.compiled().assumptions().costKeys());
        Files.writeString(dir.resolve("odd.jsonl"), "{\"id\":\"odd\",\"title\":\"bad \\ud800 title\",\"task\":{\"need\":\"knowledge\"}}\n{\"id\":\n");
        FactReader.Batch batch = reader.readAll(List.of(Path.of("facts"), dir.resolve("odd.jsonl")));
        Evaluator evaluator = new Evaluator(TestRules.compiled());
        List<Result> results = new ArrayList<>();
        batch.useCases().forEach(c -> results.add(evaluator.evaluate(c.useCase(), c.file())));
        assertTrue(results.size() > 20 && !batch.errors().isEmpty());
        List<BiFunction<PrintWriter, PrintWriter, ResultSink>> formats = List.of(
                (o, e) -> MarkdownReportWriter.sink(o, e, TestRules.captions(), TestRules.REVISIONS),
                (o, e) -> HtmlReportWriter.sink(o, e, TestRules.captions(), TestRules.REVISIONS), JsonReportWriter::sink);
        for (BiFunction<PrintWriter, PrintWriter, ResultSink> format : formats) {
            // When each report is written in memory, and again with every part through a temporary file
            String inMemory = write(format, results, batch.errors());
            int before = Spool.memoryChars;
            String spooled;
            try {
                Spool.memoryChars = 16;
                spooled = write(format, results, batch.errors());
            } finally {
                Spool.memoryChars = before;
            }
            // Then the bytes on stdout (UTF-8) are the same
            assertArrayEquals(inMemory.getBytes(StandardCharsets.UTF_8), spooled.getBytes(StandardCharsets.UTF_8));
            assertTrue(inMemory.contains("odd"));
        }
    }
}
