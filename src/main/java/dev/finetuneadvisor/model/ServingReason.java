package dev.finetuneadvisor.model;

import java.util.Objects;

/**
 * One reason the team would have to serve a fine-tuned model itself, in the rules' words: {@code kind} names it
 * so advice can be worded for it (an enum, so a misspelt kind in a rule does not compile), {@code reason} says
 * it with the case's numbers.
 */
public record ServingReason(Kind kind, String reason) {
    /** The reasons the article gives for serving a model yourself. */
    public enum Kind {
        /** "the right path for privacy-sensitive or on-premises deployments" */
        PRIVACY,
        /** a latency budget "that a frontier API cannot meet": "you need the infrastructure to serve the model" */
        LATENCY
    }

    public ServingReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}
