package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A fact that describes the task ({@code rules/fields.yaml}: kind {@code description}) and stands where a
 * counterfactual search went: read by {@code gate} on the way, or (gate null) one that alone would reach
 * the target. Reported with its value ({@code null} when not given), never proposed as a change.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"field", "value", "gate"})
public final class TaskFact {
    private final String field;
    private final Object value;
    private final String gate;

    public TaskFact(String field, Object value, String gate) {
        this.field = Objects.requireNonNull(field, "field");
        this.value = value;
        this.gate = gate;
    }

    public String getField() { return field; }

    /** The value now; {@code null} (written as JSON null) when the fact is not given. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public Object getValue() { return value; }
    public String getGate() { return gate; }

    /** True when the fact is given. */
    @JsonIgnore
    public boolean isGiven() { return value != null; }
}
