package dev.finetuneadvisor.model;

import java.util.Objects;

/**
 * Advice that prepares a fine-tune (data targets, labeling, data sources, method, deployment) waits: fine-tuning
 * is not a possible path for this use case (a knowledge task, a task that is not a candidate), or the first
 * question, knowledge or behavior, is open while the facts point to knowledge. Derived by the rules in
 * {@code gates/framework.drl}; {@code why} is their reason.
 */
public record FineTunePrepWaits(String why) {
    public FineTunePrepWaits {
        Objects.requireNonNull(why, "why");
    }
}
