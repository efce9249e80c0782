package dev.finetuneadvisor.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The numbers the rules read, from {@code rules/assumptions.yaml}: thresholds, which a use case cannot
 * change, and cost inputs, which a use case may override in its {@code costs:} section.
 */
public final class Assumptions {
    private final Map<String, Double> thresholds;
    private final Map<String, Double> costInputs;

    public Assumptions(Map<String, Double> thresholds, Map<String, Double> costInputs) {
        this.thresholds = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(thresholds, "thresholds")));
        this.costInputs = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(costInputs, "costInputs")));
    }

    /**
     * The value of a named assumption.
     *
     * @throws IllegalArgumentException when no assumption has that name, so a misspelt name in a rule
     *     stops the evaluation instead of silently never matching
     */
    public double num(String name) {
        Double value = thresholds.get(name);
        if (value == null) {
            value = costInputs.get(name);
        }
        if (value == null) {
            throw new IllegalArgumentException("no assumption named '" + name + "' in assumptions.yaml");
        }
        return value;
    }

    /** True when {@code name} is an assumption of either kind. */
    public boolean has(String name) {
        return thresholds.containsKey(name) || costInputs.containsKey(name);
    }

    public Map<String, Double> thresholds() { return thresholds; }

    public Map<String, Double> costInputs() { return costInputs; }

    /** All names, thresholds and cost inputs, sorted. */
    public Set<String> names() {
        TreeMap<String, Double> all = new TreeMap<>(thresholds);
        all.putAll(costInputs);
        return all.keySet();
    }

    /** These assumptions with a use case's own cost inputs in place of the defaults. */
    public Assumptions withCosts(Map<String, Double> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return this;
        }
        TreeMap<String, Double> merged = new TreeMap<>(costInputs);
        overrides.forEach((name, value) -> {
            if (!costInputs.containsKey(name)) {
                throw new IllegalArgumentException("costs." + name + " is not a cost input");
            }
            merged.put(name, value);
        });
        return new Assumptions(thresholds, merged);
    }
}
