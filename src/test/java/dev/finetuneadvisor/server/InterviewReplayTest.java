package dev.finetuneadvisor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The questionnaire answered all at once, as the page sends it: replayed in question order, stopped at the first
 * question not answered or answered wrongly, the verdict and its counterfactuals those of the fact file it writes.
 */
class InterviewReplayTest {
    /** The answers of a behavior task that passes all six gates. */
    static Map<String, String> fineTune() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("id", "ticket-triage");
        a.put("title", "Support ticket triage");
        a.put("task.need", "behavior");
        a.put("task.knowledgeUpdatesPerYear", "");
        a.put("task.needsCitations", "no");
        a.put("task.expectsFewerHallucinations", "no");
        a.put("prompt.engineered", "yes");
        a.put("prompt.fewShot", "yes");
        a.put("prompt.structuredOutput", "yes");
        a.put("prompt.systemPromptTokens", "");
        a.put("evals.goldenExamples", "300");
        a.put("evals.humanRated", "yes");
        a.put("evals.automatedPipeline", "yes");
        a.put("evals.baselineRecorded", "yes");
        a.put("evals.baselineScore", "");
        a.put("task.kind", "classification");
        a.put("task.narrow", "yes");
        a.put("task.stable", "yes");
        a.put("task.wellDefined", "yes");
        a.put("task.generalReasoning", "no");
        a.put("deployment.privacyRequired", "no");
        a.put("volume.callsPerDay", "500000");
        a.put("volume.tokensPerCall", "1000");
        a.put("latency.p95BudgetMs", "1000");
        a.put("latency.frontierP95Ms", "");
        a.put("deployment.servingInfrastructure", "yes");
        a.put("data.labeledExamples", "3000");
        a.put("data.humanReviewed", "yes");
        a.put("data.noiseRate", "0.02");
        a.put("data.source", "");
        a.put("data.syntheticTeacher", "");
        a.put("deployment.guardrails", "yes");
        a.put("deployment.observability", "yes");
        return a;
    }

    @Test
    void every_answer_given_reaches_the_verdict_advise_gives_the_fact_file_written() throws Exception {
        Advisor advisor = TestRules.advisor();
        // Given every question answered for a task that passes all gates
        Map<String, String> answers = fineTune();
        // When the answers are replayed
        InterviewReplay.Outcome o = InterviewReplay.replay(advisor, answers);
        // Then all are taken, the verdict is decided with its counterfactuals, and the fact file reads to the same verdict
        assertNull(o.rejected());
        assertNull(o.next());
        assertEquals(o.total(), o.asked());
        assertTrue(o.decided());
        assertEquals("FINE_TUNE", o.result().verdict());
        assertNotNull(o.result().counterfactuals());
        assertEquals(ApiRoutes.REQUEST, o.result().file());
        assertEquals(500000, o.answers().get("volume.callsPerDay").asInt());
        assertTrue(o.answers().get("task.narrow").asBoolean());
        assertTrue(o.answers().get("data.source").isNull(), "don't know is taken as null");
        List<FactReader.Loaded> read = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        new FactReader(advisor.rules().assumptions().costKeys()).readYaml("ticket-triage.yaml", o.factFile(), read::add, errors::add);
        assertEquals(List.of(), errors);
        assertEquals(o.result().verdict(), advisor.advise(read.get(0).useCase()).verdict());
        assertEquals(6, o.result().gates().size());
        assertTrue(o.factFile().contains("advisor advise ticket-triage.yaml"), o.factFile());
    }

    @Test
    void the_replay_stops_at_the_first_question_not_answered_and_decides_a_knowledge_task_after_its_gate() throws Exception {
        // Given the first part answered for a knowledge task, and nothing after
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("id", "policy-qa");
        answers.put("title", "");
        answers.put("task.need", "knowledge");
        answers.put("task.knowledgeUpdatesPerYear", "12");
        answers.put("task.needsCitations", "yes");
        answers.put("task.expectsFewerHallucinations", "no");
        // When they are replayed
        InterviewReplay.Outcome o = InterviewReplay.replay(TestRules.advisor(), answers);
        // Then the next question is the prompt's, and the verdict is decided at gate 1
        assertEquals("prompt.engineered", o.next());
        assertEquals(6, o.asked());
        assertTrue(o.decided());
        assertEquals("USE_RAG", o.result().verdict());
        assertEquals(1, o.result().stoppedAt().getNumber());
    }

    @Test
    void a_rejected_answer_stops_the_replay_at_its_question_with_the_readers_message() throws Exception {
        // Given the labeled examples answered with a thousands separator
        Map<String, String> answers = fineTune();
        answers.put("data.labeledExamples", "3,000");
        // When the answers are replayed
        InterviewReplay.Outcome o = InterviewReplay.replay(TestRules.advisor(), answers);
        // Then that answer is rejected and asked again, the ones before are kept and the ones after not taken
        assertEquals("data.labeledExamples", o.rejected().field());
        assertFalse(o.rejected().message().isBlank());
        assertEquals("data.labeledExamples", o.next());
        assertFalse(o.answers().containsKey("data.labeledExamples"));
        assertFalse(o.answers().containsKey("data.humanReviewed"));
        assertTrue(o.answers().containsKey("deployment.servingInfrastructure"));
        assertTrue(o.asked() < o.total());
    }

    @Test
    void nothing_answered_has_no_result_and_asks_the_first_question() throws Exception {
        // Given no answer
        // When replayed
        InterviewReplay.Outcome o = InterviewReplay.replay(TestRules.advisor(), Map.of());
        // Then the first question is next and there is no result yet
        assertEquals("id", o.next());
        assertNull(o.result());
        assertFalse(o.decided());
        assertEquals(0, o.asked());
    }

    @Test
    void a_body_naming_a_field_no_question_asks_is_refused_with_the_fields_allowed() throws Exception {
        var questions = TestRules.advisor().questions().questions();
        // Given a body with a misspelt field, and one with an object for an answer
        var misspelt = Json.mapper().readTree("{\"answers\": {\"task.nede\": \"behavior\"}}");
        var nested = Json.mapper().readTree("{\"answers\": {\"task.need\": {\"a\": 1}}}");
        // When they are read
        // Then each is refused, saying where and what is allowed
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InterviewReplay.answers(misspelt, questions));
        assertTrue(e.getMessage().startsWith("answers.task.nede: "), e.getMessage());
        assertTrue(e.getMessage().contains("task.need"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InterviewReplay.answers(nested, questions));
        assertEquals(Map.of("task.need", "behavior", "volume.callsPerDay", "5000", "task.stable", "true", "data.source", ""),
                InterviewReplay.answers(Json.mapper().readTree(
                        "{\"answers\": {\"task.need\": \"behavior\", \"volume.callsPerDay\": 5000, \"task.stable\": true, \"data.source\": null}}"),
                        questions));
    }
}
