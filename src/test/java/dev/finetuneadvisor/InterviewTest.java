package dev.finetuneadvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.model.Question;
import dev.finetuneadvisor.model.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The questionnaire behind advisor init: answers checked by the fact-file reader, the partial use case evaluated, and
 * the verdict decided only when no answer still to come can change it.
 */
class InterviewTest {

    /** Answers every question up to and including {@code last}, from {@code answers} (a field not in it: don't know). */
    private static void answerThrough(Interview interview, Map<String, String> answers, String last) {
        for (Question q = interview.next(); q != null; q = interview.next()) {
            assertNull(interview.answer(answers.get(q.field())), q.field());
            if (q.field().equals(last)) {
                return;
            }
        }
        throw new AssertionError("no question asks " + last);
    }

    @Test
    void a_failing_gate_decides_only_once_every_question_of_its_part_is_asked() throws Exception {
        Interview interview = TestRules.advisor().interview();
        // Given a behavior task whose prompt is not engineered
        answerThrough(interview, Map.of("task.need", "behavior", "prompt.engineered", "no"), "prompt.engineered");
        // When the prompt-first gate's other questions are still to come
        Result early = interview.decided();
        answerThrough(interview, Map.of(), "prompt.systemPromptTokens");
        // Then the verdict is decided only after them, at gate 2
        assertNull(early);
        Result decided = interview.decided();
        assertNotNull(decided);
        assertEquals("FIX_PROMPT_FIRST", decided.verdict());
        assertEquals(2, decided.stoppedAt().getNumber());
    }

    @Test
    void the_volume_gate_waits_for_the_labeled_examples_the_cost_model_reads() throws Exception {
        Interview interview = TestRules.advisor().interview();
        // Given a case that passes the first four gates with a volume too low to pay for a fine-tune
        Map<String, String> answers = Map.ofEntries(Map.entry("task.need", "behavior"), Map.entry("prompt.engineered", "yes"),
                Map.entry("prompt.fewShot", "yes"), Map.entry("evals.goldenExamples", "300"), Map.entry("evals.humanRated", "yes"),
                Map.entry("evals.automatedPipeline", "yes"), Map.entry("evals.baselineRecorded", "yes"),
                Map.entry("task.kind", "classification"), Map.entry("task.narrow", "yes"), Map.entry("task.stable", "yes"),
                Map.entry("task.wellDefined", "yes"), Map.entry("task.generalReasoning", "no"),
                Map.entry("deployment.privacyRequired", "no"), Map.entry("volume.callsPerDay", "100"),
                Map.entry("volume.tokensPerCall", "1000"), Map.entry("latency.p95BudgetMs", "2000"),
                Map.entry("data.labeledExamples", "3000"));
        answerThrough(interview, answers, "deployment.servingInfrastructure");
        // When the volume-or-latency gate's own questions are all answered (it fails already)
        Result beforeData = interview.decided();
        String failing = interview.result().verdict();
        answerThrough(interview, answers, "data.labeledExamples");
        // Then it is decided only once the labeled examples, which the cost of owning a fine-tune reads, are asked
        assertEquals("SIMPLER_ARCHITECTURE", failing);
        assertNull(beforeData);
        assertEquals("SIMPLER_ARCHITECTURE", interview.decided().verdict());
    }

    @Test
    void a_rejected_answer_is_not_kept_and_the_question_is_asked_again() throws Exception {
        Interview interview = TestRules.advisor().interview();
        // Given the questions up to the labeled examples
        answerThrough(interview, Map.of("task.need", "behavior"), "deployment.servingInfrastructure");
        Question q = interview.next();
        assertEquals("data.labeledExamples", q.field());
        // When it is answered with a thousands separator, then with a word for a flag
        String separator = interview.answer("3,000");
        Question again = interview.next();
        // Then the reader's error names the field, the question stays, and a good answer is taken
        assertNotNull(separator);
        assertTrue(separator.startsWith("data.labeledExamples"), separator);
        assertEquals(q, again);
        assertNull(interview.answer("3000"));
        assertEquals("3000", interview.answerOf("data.labeledExamples"));
        assertNotNull(interview.answer("maybe"), "data.humanReviewed is answered yes or no");
        assertNull(interview.answer("yes"));
        assertEquals("true", interview.answerOf("data.humanReviewed"));
    }

    @Test
    void calls_a_month_are_asked_only_when_calls_a_day_are_not_known() throws Exception {
        Interview day = TestRules.advisor().interview();
        Interview month = TestRules.advisor().interview();
        // Given one interview that gives calls a day, one that does not know them
        answerThrough(day, Map.of("volume.callsPerDay", "5000"), "volume.callsPerDay");
        answerThrough(month, Map.of(), "volume.callsPerDay");
        // When the next question comes / Then calls a month is passed over only where calls a day are given
        assertEquals("volume.tokensPerCall", day.next().field());
        assertEquals("volume.callsPerMonth", month.next().field());
    }

    @Test
    void text_that_would_change_the_files_shape_is_written_as_text() throws Exception {
        Interview interview = TestRules.advisor().interview();
        // Given an id and a title YAML would read as something else bare
        assertNull(interview.answer("triage"));
        assertNull(interview.answer("Triage: tickets # first pass, 'quoted' \"too\""));
        // When the fact file is written and read back (by the next answer's check)
        assertNull(interview.answer("behavior"));
        // Then the title is one quoted text
        assertEquals("\"Triage: tickets # first pass, 'quoted' \\\"too\\\"\"", interview.answerOf("title"));
        assertEquals("triage", interview.result().id());
        assertEquals("Triage: tickets # first pass, 'quoted' \"too\"", interview.result().title());
    }
}
