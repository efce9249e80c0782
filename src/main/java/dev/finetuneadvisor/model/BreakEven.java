package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * Where a frontier API and a fine-tuned model cost the same a year, along one field (the volume), as the
 * cost rules compute it at that value: {@code value} is the least value at which the frontier costs at
 * least as much, to 1%.
 */
@JsonPropertyOrder({"field", "value", "costs"})
public record BreakEven(String field, Object value, CostEstimate costs) {
    public BreakEven {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(costs, "costs");
    }
}
