package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.model.Question;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** advisor init driven black-box with answers piped in, one a line: the file it writes gives the verdict it announced. */
class InitCommandTest {
    private static final Pattern ANNOUNCED = Pattern.compile("(?m)^   Verdict: ([A-Z_]+)");
    private static final Pattern FINAL = Pattern.compile("(?m)^Verdict: ([A-Z_]+)");

    private record Run(int code, String out, String err) {
    }

    private static Run init(String input, String... args) {
        List<String> all = new ArrayList<>(List.of("init", "--rules", TestRules.RULES.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdvisorCommand.execute(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * The lines that answer the questionnaire in its order from {@code answers} by field (a field not in it: empty, don't
     * know; calls a month passed over when calls a day are given), with {@code keepGoing} answered after the question of
     * {@code announcedAfter}; "n" there ends the lines.
     */
    private static String lines(Map<String, String> answers, String announcedAfter, String keepGoing) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Question q : TestRules.advisor().questions().questions()) {
            if (q.field().equals("volume.callsPerMonth") && answers.containsKey("volume.callsPerDay")) {
                continue;
            }
            sb.append(answers.getOrDefault(q.field(), "")).append('\n');
            if (q.field().equals(announcedAfter)) {
                sb.append(keepGoing).append('\n');
                if (keepGoing.equals("n")) {
                    break;
                }
            }
        }
        return sb.toString();
    }

    /** The verdict the advisor gives the fact file, read as advise reads it. */
    private static String verdictOf(Path file) {
        FactReader.Batch read = TestRules.advisor().read(List.of(file));
        assertEquals(List.of(), read.errors(), "advise accepts the file");
        return TestRules.advisor().advise(read.useCases().get(0).useCase()).verdict();
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), "no " + p + " in:\n" + text);
        return m.group(1);
    }

    /** Every gate passes with these answers (the shape of TestRules.PASSES_ALL_GATES). */
    private static Map<String, String> passing() {
        Map<String, String> a = new HashMap<>(Map.ofEntries(Map.entry("id", "moderation"), Map.entry("title", "Content moderation"),
                Map.entry("task.need", "behavior"), Map.entry("prompt.engineered", "yes"), Map.entry("prompt.fewShot", "yes"),
                Map.entry("prompt.structuredOutput", "yes"), Map.entry("evals.goldenExamples", "300"), Map.entry("evals.humanRated", "yes"),
                Map.entry("evals.automatedPipeline", "yes"), Map.entry("evals.baselineRecorded", "yes"), Map.entry("task.kind", "classification"),
                Map.entry("task.narrow", "yes"), Map.entry("task.stable", "yes"), Map.entry("task.wellDefined", "yes"),
                Map.entry("task.generalReasoning", "no"), Map.entry("deployment.privacyRequired", "no"),
                Map.entry("volume.callsPerDay", "500000"), Map.entry("volume.tokensPerCall", "1000"), Map.entry("latency.p95BudgetMs", "1000"),
                Map.entry("deployment.servingInfrastructure", "yes"), Map.entry("data.labeledExamples", "3000"),
                Map.entry("data.humanReviewed", "yes"), Map.entry("data.noiseRate", "0.02"), Map.entry("data.source", "human"),
                Map.entry("deployment.guardrails", "yes"), Map.entry("deployment.observability", "yes")));
        return a;
    }

    @Test
    void stopping_at_the_announced_verdict_writes_a_file_that_gives_it(@TempDir Path dir) throws Exception {
        // Given answers whose eval harness has no pipeline and no baseline, and a stop when the verdict is announced
        Map<String, String> a = passing();
        a.put("evals.automatedPipeline", "no");
        a.put("evals.baselineRecorded", "no");
        Path file = dir.resolve("evals.yaml");
        // When init runs on them
        Run run = init(lines(a, "evals.baselineScore", "n"), file.toString());
        // Then it announced BUILD_EVALS_FIRST at gate 3, stopped, and the file it wrote gives that verdict
        assertEquals(ExitCodes.OK, run.code(), run.err());
        assertEquals("BUILD_EVALS_FIRST", first(ANNOUNCED, run.out()));
        assertTrue(run.out().contains("=> gate 3 (eval-harness) fails"), run.out());
        assertEquals("BUILD_EVALS_FIRST", first(FINAL, run.out()));
        assertEquals("BUILD_EVALS_FIRST", verdictOf(file));
        String text = Files.readString(file);
        assertTrue(text.contains("\n  automatedPipeline: false\n"), text);
        assertTrue(text.contains("\n  # labeledExamples:\n"), "not asked, commented out:\n" + text);
    }

    @Test
    void a_knowledge_task_is_announced_as_use_rag_and_the_file_gives_it(@TempDir Path dir) throws Exception {
        // Given a knowledge task
        Map<String, String> a = Map.of("id", "faq", "task.need", "knowledge");
        Path file = dir.resolve("faq.yaml");
        // When init runs and is stopped at the announcement
        Run run = init(lines(a, "task.expectsFewerHallucinations", "n"), file.toString());
        // Then USE_RAG was announced and the file gives it
        assertEquals(ExitCodes.OK, run.code(), run.err());
        assertEquals("USE_RAG", first(ANNOUNCED, run.out()));
        assertEquals("USE_RAG", verdictOf(file));
    }

    @Test
    void answers_with_windows_line_ends_are_read_one_a_line(@TempDir Path dir) throws Exception {
        // Given the knowledge task's answers with CRLF line ends
        String answers = lines(Map.of("id", "faq", "task.need", "knowledge"), "task.expectsFewerHallucinations", "n").replace("\n", "\r\n");
        Path file = dir.resolve("faq.yaml");
        // When init runs on them
        Run run = init(answers, file.toString());
        // Then each line is one answer: the same verdict at the same place, the file written
        assertEquals(ExitCodes.OK, run.code(), run.out());
        assertEquals("USE_RAG", first(ANNOUNCED, run.out()));
        assertEquals("USE_RAG", verdictOf(file));
    }

    @Test
    void answering_every_question_writes_a_file_that_gives_fine_tune(@TempDir Path dir) throws Exception {
        // Given answers that pass every gate, going on past the announcement
        Path file = dir.resolve("moderation.yaml");
        // When init runs on them
        Run run = init(lines(passing(), "data.syntheticTeacher", ""), file.toString());
        // Then every gate passes, the run went to the last question, and the file gives FINE_TUNE
        assertEquals(ExitCodes.OK, run.code(), run.err());
        assertEquals("FINE_TUNE", first(FINAL, run.out()));
        assertTrue(run.out().contains("=> every gate passes"), run.out());
        assertTrue(run.out().contains("deployment.observability> yes"), run.out());
        assertEquals("FINE_TUNE", verdictOf(file));
        assertTrue(Files.readString(file).contains("\n  callsPerDay: 500000\n"));
    }

    @Test
    void a_wrong_answer_is_asked_again_and_the_right_one_written(@TempDir Path dir) throws Exception {
        // Given 400 labeled examples, first written with a thousands separator, then as a share with a percent sign
        Map<String, String> a = passing();
        a.put("data.labeledExamples", "4,00\n400");
        a.put("data.noiseRate", "2%\n0.02");
        Path file = dir.resolve("thin.yaml");
        // When init runs on them
        Run run = init(lines(a, "data.syntheticTeacher", "n"), file.toString());
        // Then each wrong answer got one error naming its field, and the file holds the answers taken
        assertEquals(ExitCodes.OK, run.code(), run.err());
        assertEquals(1, count(run.out(), "  error: data.labeledExamples"), run.out());
        assertEquals(1, count(run.out(), "  error: data.noiseRate"), run.out());
        assertEquals("GET_DATA_FIRST", first(ANNOUNCED, run.out()));
        assertEquals("GET_DATA_FIRST", verdictOf(file));
        assertTrue(Files.readString(file).contains("\n  labeledExamples: 400\n"));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void the_end_of_input_before_the_last_question_writes_nothing(@TempDir Path dir) {
        // Given only an id and a title
        Path file = dir.resolve("short.yaml");
        // When init runs on them
        Run run = init("short\nA short run\n", file.toString());
        // Then it says the answers ended, and writes nothing
        assertEquals(ExitCodes.INPUT_REJECTED, run.code(), run.out());
        assertFalse(Files.exists(file));
    }

    @Test
    void a_file_in_a_directory_that_does_not_exist_is_refused_before_the_first_question(@TempDir Path dir) {
        // Given a FILE whose directory is missing
        Path file = dir.resolve("no/such/dir/case.yaml");

        // When init starts
        Run r = init("my-case\n", file.toString());

        // Then it stops at once: no question asked, nothing written, the output exit code
        assertEquals(ExitCodes.OUTPUT_FAILED, r.code(), r.err());
        assertFalse(r.out().contains("[1/"), r.out());
        assertFalse(Files.exists(file));
    }

    @Test
    void an_existing_file_is_overwritten_only_with_force(@TempDir Path dir) throws Exception {
        // Given a file that exists
        Path file = dir.resolve("faq.yaml");
        Files.writeString(file, "id: kept\n");
        String answers = lines(Map.of("id", "faq", "task.need", "knowledge"), "task.expectsFewerHallucinations", "n");
        // When init is asked to write it, without and with --force
        Run refused = init(answers, file.toString());
        String kept = Files.readString(file);
        Run forced = init(answers, file.toString(), "--force");
        // Then it refuses before asking anything, and --force writes it
        assertEquals(ExitCodes.USAGE, refused.code());
        assertEquals("", refused.out());
        assertEquals("id: kept\n", kept);
        assertEquals(ExitCodes.OK, forced.code(), forced.err());
        assertEquals("USE_RAG", verdictOf(file));
    }
}
