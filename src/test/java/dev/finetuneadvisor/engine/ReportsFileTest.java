package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.Captions;
import dev.finetuneadvisor.io.MarkdownReportWriter;
import dev.finetuneadvisor.io.ResultSink;
import dev.finetuneadvisor.model.ReportTexts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portfolio reports' captions are read from rules/reports.yaml, each problem at its line and column. */
class ReportsFileTest {
    private static final Path BUNDLED = TestRules.RULES.resolve(ReportsFile.NAME);

    private static List<RuleProblem> problemsOf(Path dir, String text) throws Exception {
        Path file = dir.resolve(ReportsFile.NAME);
        Files.writeString(file, text);
        List<RuleProblem> problems = new ArrayList<>();
        assertNull(ReportsFile.read(file, ReportsFile.NAME, problems));
        return problems;
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + needle);
    }

    private static String markdownOfNoUseCase(ReportTexts texts) {
        StringWriter out = new StringWriter();
        ResultSink sink = MarkdownReportWriter.sink(new PrintWriter(out), new PrintWriter(new StringWriter()), new Captions(texts, "FINE_TUNE"),
                TestRules.REVISIONS);
        sink.finish();
        return out.toString();
    }

    @Test
    void the_bundled_captions_hold_every_caption_the_reports_write() {
        List<RuleProblem> problems = new ArrayList<>();
        ReportTexts texts = ReportsFile.read(BUNDLED, ReportsFile.NAME, problems);
        assertEquals(List.of(), problems);
        assertNotNull(texts);
        assertEquals("1 use case", texts.text("useCases", 1, Map.of("n", "1")));
        assertEquals("2 use cases", texts.text("useCases", 2, Map.of("n", "2")));
    }

    @Test
    void the_report_writes_the_words_of_the_rules_directory(@TempDir Path dir) throws Exception {
        // Given the bundled captions with the headline over no saving and the caveat reworded
        Path file = dir.resolve(ReportsFile.NAME);
        Files.writeString(file, Files.readString(BUNDLED)
                .replace("so no saving is estimated.", "so there is no saving to show.")
                .replace("caveat: \"All figures are estimates", "caveat: \"Every figure is an estimate"));
        ReportTexts texts = ReportsFile.read(file, ReportsFile.NAME, new ArrayList<>());
        // When a report over no use case is written with them
        String md = markdownOfNoUseCase(texts);
        // Then it says what the file says
        assertTrue(md.contains("**No use case with a cost estimate has the verdict FINE_TUNE and wins on cost, so there is no saving to show.**"), md);
        assertTrue(md.contains("\nEvery figure is an estimate from"), md);
        assertTrue(markdownOfNoUseCase(TestRules.captionTexts()).contains("so no saving is estimated."));
    }

    @Test
    void an_unknown_caption_a_missing_form_or_an_unknown_placeholder_is_an_error_at_its_place(@TempDir Path dir) throws Exception {
        // Given a misspelt caption, a counted caption without its 'one:' form, and a placeholder the caption is not given
        String text = Files.readString(BUNDLED)
                .replace("  caveat:", "  caveats:")
                .replace("    one: \"{n} use case\"\n", "")
                .replace("no saving is estimated.", "no saving is estimated for {saving}.");
        // When it is read
        List<RuleProblem> problems = problemsOf(dir, text);
        // Then each is an error on its own line, and the caption renamed away is missing
        assertTrue(problems.stream().anyMatch(p -> p.line() == lineOf(text, "  caveats:") && p.message().contains("unknown caption 'caveats'")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.line() == lineOf(text, "  useCases:") && p.message().contains("'one:' is required")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.line() == lineOf(text, "for {saving}.") && p.column() > 1
                && p.message().contains("unknown placeholder {saving}")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("missing caption caveat")), problems.toString());
    }

    @Test
    void a_caption_in_the_wrong_form_is_an_error_on_its_line(@TempDir Path dir) throws Exception {
        String text = Files.readString(BUNDLED).replace("  notASaving: \"not a saving\"", "  notASaving:\n    one: \"not a saving\"");
        List<RuleProblem> problems = problemsOf(dir, text);
        assertTrue(problems.stream().anyMatch(p -> p.line() == lineOf(text, "  notASaving:") && p.message().startsWith("notASaving: expected one text")),
                problems.toString());
    }
}
