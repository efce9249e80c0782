package dev.finetuneadvisor.server;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.finetuneadvisor.model.Question;
import dev.finetuneadvisor.model.Questionnaire;
import java.util.List;

/**
 * {@code GET /v1/questions}: the questionnaire of {@code rules/questionnaire.yaml} as a page shows it, parts in the
 * framework's order, each question with what an answer may be. The same questions {@code advisor init} asks, read from
 * the rules in use, so a page never carries questions of its own.
 */
public final class QuestionnaireView {
    private QuestionnaireView() {
    }

    /**
     * One part.
     *
     * @param gate the gate's name, or null for a part with a heading of its own
     * @param gateNumber the gate's number (1-based), 0 for a part with a heading
     * @param heading the part's heading, or null for a gate's part
     * @param framework the framework's own question for the gate, word for word; null for a part with a heading
     */
    @JsonPropertyOrder({"gate", "gateNumber", "heading", "framework", "questions"})
    public record Part(String gate, int gateNumber, String heading, String framework, List<Asked> questions) {
    }

    /**
     * One question.
     *
     * @param field the fact field the answer fills
     * @param ask the question as shown
     * @param quote the article's words it rests on, verbatim; null when none
     * @param help what to answer and how
     * @param choices the answers to choose from (a choice's values, yes and no for a flag); empty for numbers and text
     * @param allowed what an answer may be, in a few words
     * @param type the field's type as the catalogue of fields names it ({@code count}, {@code flag}, {@code choice}, ...)
     * @param unit the field's unit, "" when none
     */
    @JsonPropertyOrder({"field", "ask", "quote", "help", "choices", "allowed", "type", "unit"})
    public record Asked(String field, String ask, String quote, String help, List<String> choices, String allowed, String type,
                        String unit) {
    }

    /** The parts, in the order asked. */
    public static List<Part> of(Questionnaire questionnaire) {
        return questionnaire.parts().stream().map(p -> new Part(p.gate(), p.gateNumber(), p.heading(), p.framework(),
                p.questions().stream().map(QuestionnaireView::asked).toList())).toList();
    }

    private static Asked asked(Question q) {
        return new Asked(q.field(), q.ask(), q.quote(), q.help(), q.choices(), q.allowed(), q.spec().type().label(), q.spec().unit());
    }
}
