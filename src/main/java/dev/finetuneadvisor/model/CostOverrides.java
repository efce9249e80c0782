package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A use case's own cost inputs, replacing the assumptions file's defaults for that use case only. */
public final class CostOverrides {
    /** The largest value a cost input may have in a fact file (rules/fields.yaml's range of {@code costs.*} stays within it). */
    public static final double MAX = 1e10;

    private final Map<String, Double> values;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CostOverrides(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values == null ? Map.of() : values));
    }

    @JsonValue
    public Map<String, Double> values() {
        return values;
    }
}
