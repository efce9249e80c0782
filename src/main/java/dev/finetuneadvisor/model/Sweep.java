package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The verdict of one use case across a range of one field: the field, its current value (null when not
 * given) and one row per value tried, by value. Rows marked {@code edge} are the two values, one grid
 * unit apart, between which the verdict changes.
 */
@JsonPropertyOrder({"id", "file", "field", "current", "rows"})
public record Sweep(String id, String file, String field, Object current, List<Row> rows) {
    public Sweep {
        rows = List.copyOf(rows);
    }

    /** One value of the field and what the rules conclude there ({@code decidedBy}: the first gate that does not pass). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"value", "verdict", "decidedBy", "advantage", "edge"})
    public record Row(Object value, String verdict, String decidedBy, Double advantage, boolean edge) {
    }
}
