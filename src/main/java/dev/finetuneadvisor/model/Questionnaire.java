package dev.finetuneadvisor.model;

import java.util.List;
import java.util.Objects;

/**
 * The questions {@code advisor init} asks, as {@code rules/questionnaire.yaml} declares them: parts in the framework's
 * order, each either one gate's questions (its number and name from the rules) or a heading of its own, and the fields
 * deliberately not asked, each with the reason.
 */
public record Questionnaire(List<Part> parts, List<NotAsked> notAsked) {

    public Questionnaire {
        parts = List.copyOf(parts);
        notAsked = List.copyOf(notAsked);
    }

    /**
     * A run of questions under one heading: a gate's ({@code gate} and {@code gateNumber} set, {@code heading} null,
     * {@code framework} the article's own question for the gate, word for word) or a heading of its own
     * ({@code gate} and {@code framework} null, {@code gateNumber} 0).
     */
    public record Part(String gate, int gateNumber, String heading, String framework, List<Question> questions) {
        public Part {
            questions = List.copyOf(questions);
            if ((gate == null) == (heading == null)) {
                throw new IllegalArgumentException("a part has a gate or a heading, not both or neither");
            }
        }
    }

    /** A field the questionnaire leaves to the fact file on purpose, and why. */
    public record NotAsked(String field, String why, int line) {
        public NotAsked {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(why, "why");
        }
    }

    /** Every question, in the order asked. */
    public List<Question> questions() {
        return parts.stream().flatMap(p -> p.questions().stream()).toList();
    }

    /** The part a question belongs to. */
    public Part partOf(Question question) {
        return parts.stream().filter(p -> p.questions().contains(question)).findFirst().orElseThrow();
    }
}
