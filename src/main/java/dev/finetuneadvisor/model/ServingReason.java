package dev.finetuneadvisor.model;

import java.util.Objects;

/**
 * One reason the team would have to serve a fine-tuned model itself, in the rules' words: {@code kind} names it
 * ("privacy", "latency") so advice can be worded for it, {@code reason} says it with the case's numbers.
 */
public record ServingReason(String kind, String reason) {
    public ServingReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}
