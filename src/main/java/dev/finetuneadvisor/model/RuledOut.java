package dev.finetuneadvisor.model;

import java.util.Objects;

/**
 * Fine-tuning is not a possible path for this use case (a knowledge task, a task that is not a candidate), so
 * advice that prepares a fine-tune (data targets, labeling, method, deployment) is not given. Derived by the
 * rules; {@code why} says which gate rules it out.
 */
public record RuledOut(String why) {
    public RuledOut {
        Objects.requireNonNull(why, "why");
    }
}
