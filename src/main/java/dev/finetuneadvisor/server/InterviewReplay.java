package dev.finetuneadvisor.server;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.finetuneadvisor.AdviceOptions;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.Interview;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.model.Question;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Revisions;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code POST /v1/interview}: the questionnaire answered all at once. A page keeps the answers given so far and sends
 * them all with every change; the server replays a fresh {@link Advisor#interview()} in question order, taking each
 * answer from the map, and stops at the first question not answered yet or answered wrongly. Nothing is kept between
 * requests, so any number of readers, and a reload of the rules between two answers, need no session.
 */
public final class InterviewReplay {
    private static final YAMLMapper YAML = new YAMLMapper();

    private InterviewReplay() {
    }

    /** An answer the fact-file reader rejects: its field and the reader's message, to show at its question. */
    @JsonPropertyOrder({"field", "message"})
    public record Rejected(String field, String message) {
    }

    /**
     * The body of the answer.
     *
     * @param answers each answer taken (written sorted by field, as every map of the JSON output): the field and its value
     *     as the fact file holds it (a number, true or false, text); null for "don't know"; a question passed over is not in it
     * @param rejected the answer rejected, or null
     * @param next the field of the question to answer next (the rejected one again), or null when all are asked
     * @param asked how many questions were asked or passed over (a question whose alternative is answered is passed over)
     * @param total how many questions there are
     * @param decided true when no answer still to come can change the verdict ({@link Interview#decided()})
     * @param result the answers so far evaluated with counterfactuals, as {@code POST /v1/advise} gives a use case;
     *     null before the first answer
     * @param factFile the answers as the commented YAML fact file {@code advisor init} writes
     * @param revisions the advisor and the revisions of the rules and assumptions that judged the answers
     */
    @JsonPropertyOrder({"answers", "rejected", "next", "asked", "total", "decided", "result", "factFile", "revisions"})
    public record Outcome(Map<String, JsonNode> answers, Rejected rejected, String next, int asked, int total, boolean decided,
                          Result result, String factFile, Revisions revisions) {
    }

    /**
     * Reads the request's answers: {@code {"answers": {"task.need": "behavior", ...}}}, each a field of a question and
     * its answer as text (a number or true/false is taken as its text; "" or null is "don't know").
     *
     * @throws IllegalArgumentException when the body is not that shape or names a field no question asks, saying what is allowed
     */
    public static Map<String, String> answers(JsonNode body, List<Question> questions) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body is a JSON object {\"answers\": {\"field\": \"answer\", ...}}");
        }
        for (Iterator<String> keys = body.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("answers")) {
                throw new IllegalArgumentException(key + ": not a key of the questionnaire's body; the one key is answers");
            }
        }
        JsonNode given = body.get("answers");
        if (given == null || !given.isObject()) {
            throw new IllegalArgumentException("answers: an object of field -> answer, e.g. {\"task.need\": \"behavior\"}");
        }
        List<String> fields = questions.stream().map(Question::field).toList();
        Map<String, String> answers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!fields.contains(e.getKey())) {
                throw new IllegalArgumentException("answers." + e.getKey() + ": no question asks this field; the questions' fields are "
                        + String.join(", ", new TreeSet<>(fields)));
            }
            JsonNode v = e.getValue();
            if (!v.isNull() && !v.isValueNode()) {
                throw new IllegalArgumentException("answers." + e.getKey() + ": an answer is text, a number, true or false (\"\" or null: don't know)");
            }
            answers.put(e.getKey(), v.isNull() ? "" : v.asText());
        }
        return answers;
    }

    /**
     * Replays the questionnaire on these answers.
     *
     * @param answers field -> answer as text ("" is don't know); a field without an entry is a question not reached yet
     * @throws RulesInvalidException when the rules' questionnaire cannot be used
     */
    public static Outcome replay(Advisor advisor, Map<String, String> answers) throws RulesInvalidException {
        Objects.requireNonNull(answers, "answers");
        Interview interview = advisor.interview();
        Map<String, JsonNode> taken = new LinkedHashMap<>();
        Rejected rejected = null;
        String next = null;
        for (Question q = interview.next(); q != null; q = interview.next()) {
            String answer = answers.get(q.field());
            if (answer == null) {
                next = q.field();
                break;
            }
            String why = interview.answer(answer);
            if (why != null) {
                rejected = new Rejected(q.field(), why);
                next = q.field();
                break;
            }
            String scalar = interview.answerOf(q.field());
            taken.put(q.field(), scalar == null ? JsonNodeFactory.instance.nullNode() : value(scalar));
        }
        boolean decided = interview.decided() != null;
        Result result = interview.asked() == 0 ? null
                : advisor.advise(interview.useCase(), ApiRoutes.REQUEST, new AdviceOptions(true, null, false));
        return new Outcome(taken, rejected, next, interview.asked(), interview.total(), decided, result,
                interview.factFile(header(result, next == null, fileName(taken.get("id")))), advisor.revisions());
    }

    /** The value a YAML scalar of the fact file holds: a number, a flag or text, as the reader takes it. */
    private static JsonNode value(String scalar) {
        try {
            JsonNode doc = YAML.readTree("v: " + scalar);
            return doc.get("v");
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(scalar);
        }
    }

    /** The name the page saves the fact file under, as {@code advisor init} names it ({@link Interview#fileName}). */
    static String fileName(JsonNode idAnswer) {
        return Interview.fileName(idAnswer == null || idAnswer.isNull() ? null : idAnswer.asText());
    }

    /** The fact file's opening comment: where it came from and the verdict it was saved with. */
    private static List<String> header(Result result, boolean complete, String fileName) {
        return Interview.header("the advisor's questionnaire page",
                complete ? null : "Saved before the last question: the questions after the last answer were not asked.", result, "saved", fileName);
    }
}
