package dev.finetuneadvisor.model;

import java.util.Objects;

/** One reason the team would have to serve a fine-tuned model itself (privacy, a latency budget), in the rules' words. */
public record ServingReason(String reason) {
    public ServingReason {
        Objects.requireNonNull(reason, "reason");
    }
}
