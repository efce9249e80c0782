package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Article;
import dev.finetuneadvisor.model.FieldCatalogue;
import dev.finetuneadvisor.model.FieldSpec;
import dev.finetuneadvisor.model.FieldType;
import dev.finetuneadvisor.model.Question;
import dev.finetuneadvisor.model.Questionnaire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** advisor init's questions are read from rules/questionnaire.yaml and held to fields.yaml and the gates, each problem at its line. */
class QuestionnaireFileTest {
    private static final Path BUNDLED = TestRules.RULES.resolve(QuestionnaireFile.NAME);

    private static Questionnaire bundled() throws RulesInvalidException {
        return TestRules.advisor().questions();
    }

    private static List<RuleProblem> problemsOf(Path dir, String text) throws Exception {
        Path file = dir.resolve(QuestionnaireFile.NAME);
        Files.writeString(file, text);
        List<RuleProblem> problems = new ArrayList<>();
        assertNull(QuestionnaireFile.read(file, QuestionnaireFile.NAME, TestRules.compiled().fields(),
                TestRules.advisor().gateNames(), problems));
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

    @Test
    void every_field_a_gate_reads_is_asked_or_left_out_with_a_reason() throws Exception {
        // Given the bundled questionnaire and the catalogue of fields
        Questionnaire q = bundled();
        FieldCatalogue fields = TestRules.compiled().fields();
        Set<String> asked = q.questions().stream().map(Question::field).collect(Collectors.toSet());
        // When every field some gate reads is looked for among the questions and the fields not asked
        List<String> missing = new ArrayList<>();
        for (FieldSpec spec : fields.fields()) {
            boolean left = q.notAsked().stream().anyMatch(n -> n.field().equals(spec.path()) && !n.why().isBlank());
            if (!spec.gates().isEmpty() && !asked.contains(spec.path()) && !left) {
                missing.add(spec.path() + " (read by " + spec.gates() + ")");
            }
        }
        // Then none is missing, and the questions come in the gates' order, id and title first
        assertEquals(List.of(), missing);
        List<Integer> order = q.parts().stream().filter(p -> p.gate() != null).map(Questionnaire.Part::gateNumber).toList();
        assertEquals(List.of(1, 2, 3, 4, 5, 6), order);
        assertEquals(List.of("id", "title"), q.questions().subList(0, 2).stream().map(Question::field).toList());
    }

    @Test
    void the_allowed_answers_are_the_catalogues() throws Exception {
        // Given the bundled questionnaire
        Questionnaire q = bundled();
        FieldCatalogue fields = TestRules.compiled().fields();
        for (Question question : q.questions()) {
            FieldSpec spec = fields.get(question.field());
            if (spec == null) {
                continue;   // id and title: text
            }
            // When a question's answers are listed / Then a choice offers exactly the catalogue's values, a flag yes and no
            assertEquals(spec.type(), question.spec().type(), question.field());
            if (spec.type() == FieldType.CHOICE) {
                assertEquals(spec.values(), question.choices(), question.field());
            } else if (spec.type() == FieldType.FLAG) {
                assertEquals(List.of("yes", "no"), question.choices(), question.field());
            } else {
                assertEquals(List.of(), question.choices(), question.field());
            }
        }
    }

    @Test
    void every_quote_is_in_the_article_word_for_word() throws Exception {
        // Given the article's text
        Article article = ArticleFile.load(TestRules.RULES);
        Path source = Path.of(article.sourceFile());
        assumeTrue(Files.isRegularFile(source), "the article's text is not on this machine: " + source);
        String text = normal(Files.readString(source, StandardCharsets.UTF_8));
        // When each question's quote is looked up
        List<String> notFound = new ArrayList<>();
        int quotes = 0;
        for (Question question : bundled().questions()) {
            if (question.quote() != null) {
                quotes++;
                if (!text.contains(normal(question.quote()))) {
                    notFound.add(question.field() + ": \"" + question.quote() + "\"");
                }
            }
        }
        // And each gate's part, the framework's own question for the gate
        for (Questionnaire.Part part : bundled().parts()) {
            if (part.gate() != null && (part.framework() == null || !text.contains(normal(part.framework())))) {
                notFound.add(part.gate() + ": framework \"" + part.framework() + "\"");
            }
        }
        // Then each is there, and every gate's question quotes the article
        assertTrue(quotes >= 30, "the questions should quote the article: " + quotes);
        assertEquals(List.of(), notFound);
    }

    private static String normal(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    @Test
    void an_unknown_field_is_an_error_at_its_line(@TempDir Path dir) throws Exception {
        // Given the bundled questionnaire with one path misspelt
        String text = Files.readString(BUNDLED).replace("field: data.noiseRate", "field: data.noiseRatio");
        // When it is read
        List<RuleProblem> problems = problemsOf(dir, text);
        // Then the one problem is at the misspelt path's line, and names it
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(lineOf(text, "data.noiseRatio"), problems.get(0).line());
        assertTrue(problems.get(0).message().contains("data.noiseRatio"), problems.get(0).message());
    }

    @Test
    void a_gate_field_neither_asked_nor_left_out_is_an_error(@TempDir Path dir) throws Exception {
        // Given the bundled questionnaire without its question on few-shot examples (prompt-first reads it)
        String bundled = Files.readString(BUNDLED);
        int from = bundled.indexOf("      - field: prompt.fewShot");
        int to = bundled.indexOf("      - field: prompt.structuredOutput");
        String text = bundled.substring(0, from) + bundled.substring(to);
        // When it is read
        List<RuleProblem> problems = problemsOf(dir, text);
        // Then it says the field is read by a gate and asked by no question
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("prompt.fewShot"), problems.get(0).message());
        assertTrue(problems.get(0).message().contains("prompt-first"), problems.get(0).message());
    }

    @Test
    void a_field_asked_twice_a_gate_out_of_order_and_an_unknown_key_are_errors_at_their_lines(@TempDir Path dir) throws Exception {
        // Given the title asked twice, gates 1 and 2 swapped, and a misspelt key
        String bundled = Files.readString(BUNDLED);
        String text = bundled.replace("      - field: task.knowledgeUpdatesPerYear", "      - field: title\n        ask: Again?\n"
                        + "      - field: task.knowledgeUpdatesPerYear")
                .replace("  - gate: knowledge-or-behavior", "  - gate: PROMPT")
                .replace("  - gate: prompt-first", "  - gate: knowledge-or-behavior")
                .replace("  - gate: PROMPT", "  - gate: prompt-first")
                .replace("        help: Shown beside the id in every report.", "        hlep: Shown beside the id in every report.");
        // When it is read
        List<RuleProblem> problems = problemsOf(dir, text);
        // Then each is reported where it is written
        List<Integer> lines = problems.stream().map(RuleProblem::line).sorted().toList();
        assertEquals(List.of(lineOf(text, "hlep:"), lineOf(text, "ask: Again?") - 1, lineOf(text, "gate: knowledge-or-behavior")), lines,
                problems.toString());
    }

    @Test
    void the_bundled_file_reads_without_a_problem() {
        // Given / When the bundled questionnaire is read as advisor check reads it
        List<RuleProblem> problems = new ArrayList<>();
        Questionnaire q = QuestionnaireFile.read(BUNDLED, QuestionnaireFile.NAME, TestRules.compiled().fields(),
                TestRules.advisor().gateNames(), problems);
        // Then it has no problem
        assertEquals(List.of(), problems);
        assertNotNull(q);
    }
}
