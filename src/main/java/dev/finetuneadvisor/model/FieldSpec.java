package dev.finetuneadvisor.model;

import java.util.List;
import java.util.Objects;

/**
 * One field of a fact file as {@code rules/fields.yaml} declares it: its path ({@code data.noiseRate}, or
 * {@code costs.*} for every cost input), type, unit, range ({@code min}..{@code max}, numbers only), the
 * values of a choice, what it means, the gates that read it, its kind, and the catalogue line it is on.
 */
public record FieldSpec(String path, FieldType type, String unit, Double min, Double max, List<String> values,
                        String means, List<String> gates, FieldKind kind, int line) {
    /** The catalogue entry that stands for every cost input of the assumptions file. */
    public static final String COST_INPUTS = "costs.*";

    public FieldSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        values = values == null ? List.of() : List.copyOf(values);
        gates = gates == null ? List.of() : List.copyOf(gates);
        unit = unit == null ? "" : unit;
        means = means == null ? "" : means;
    }
}
