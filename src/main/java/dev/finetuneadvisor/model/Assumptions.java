package dev.finetuneadvisor.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The numbers the rules read, from {@code rules/assumptions.yaml}: thresholds, which a use case cannot
 * change, and cost inputs, which a use case may override in its {@code costs:} section; each with its
 * {@link Provenance} (the article's, chosen within the article's range, or assumed). Rules read a value
 * with {@code num("name")} and where it comes from with {@code provenance("name")}.
 */
public final class Assumptions {
    private final Map<String, Double> thresholds;
    private final Map<String, Double> costInputs;
    private final Map<String, Provenance> provenance;
    private final Set<String> overridden;
    private final CostKeys costKeys;

    /**
     * @param provenance where each number comes from: one entry for every threshold and cost input
     */
    public Assumptions(Map<String, Double> thresholds, Map<String, Double> costInputs, Map<String, Provenance> provenance) {
        this(thresholds, costInputs, provenance, Map.of());
    }

    /**
     * @param provenance where each number comes from: one entry for every threshold and cost input
     * @param givenAs the cost inputs a use case gives as a field of its own fact file rather than under
     *     {@code costs:} ({@code tokensPerCall} as {@code volume.tokensPerCall}), with that field's path
     */
    public Assumptions(Map<String, Double> thresholds, Map<String, Double> costInputs, Map<String, Provenance> provenance,
                       Map<String, String> givenAs) {
        this(thresholds, costInputs, provenance, Set.of(), costKeys(costInputs, givenAs));
    }

    private static CostKeys costKeys(Map<String, Double> costInputs, Map<String, String> givenAs) {
        for (String name : givenAs.keySet()) {
            if (!costInputs.containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' is given as " + givenAs.get(name) + " but is not a cost input");
            }
        }
        return CostKeys.of(costInputs.keySet(), givenAs);
    }

    private Assumptions(Map<String, Double> thresholds, Map<String, Double> costInputs, Map<String, Provenance> provenance,
                        Set<String> overridden, CostKeys costKeys) {
        this.costKeys = costKeys;
        this.thresholds = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(thresholds, "thresholds")));
        this.costInputs = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(costInputs, "costInputs")));
        this.provenance = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(provenance, "provenance")));
        this.overridden = Collections.unmodifiableSet(new TreeSet<>(overridden));
        for (String name : names()) {
            if (!this.provenance.containsKey(name)) {
                throw new IllegalArgumentException("assumption '" + name + "' has no provenance");
            }
        }
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

    /**
     * Where a named assumption comes from, as the assumptions file states it (a use case's own value for a
     * cost input has the same provenance entry; {@link #isOverridden(String)} says it is the use case's).
     *
     * @throws IllegalArgumentException when no assumption has that name
     */
    public Provenance provenance(String name) {
        Provenance p = provenance.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no assumption named '" + name + "' in assumptions.yaml");
        }
        return p;
    }

    /** True when the named number is an assumption (not from the article) and the use case did not give its own value. */
    public boolean isAssumedHere(String name) {
        return provenance(name).kind() == Provenance.Kind.ASSUMPTION && !overridden.contains(name);
    }

    /** The cost inputs the use case gave its own values for, sorted. */
    public Set<String> overridden() { return overridden; }

    /** True when the use case gave its own value for this cost input, in place of the file's. */
    public boolean isOverridden(String name) {
        return overridden.contains(name);
    }

    /** True when {@code name} is an assumption of either kind. */
    public boolean has(String name) {
        return thresholds.containsKey(name) || costInputs.containsKey(name);
    }

    public Map<String, Double> thresholds() { return thresholds; }

    /** Every cost input the cost model reads, with its value; a use case gives {@link #costKeys()} of them under {@code costs:}. */
    public Map<String, Double> costInputs() { return costInputs; }

    /**
     * The names a use case's {@code costs:} section may use, and the cost inputs it gives as a field of its own
     * instead: the one set every reader of fact files, the fields a search varies and the fact-file schema take.
     */
    public CostKeys costKeys() { return costKeys; }

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
            if (costKeys.givenAs(name) != null) {
                throw new IllegalArgumentException("costs." + name + " is given as " + costKeys.givenAs(name) + ", not under costs:");
            }
            merged.put(name, value);
        });
        Set<String> given = new TreeSet<>(overridden);
        given.addAll(overrides.keySet());
        return new Assumptions(thresholds, merged, provenance, given, costKeys);
    }
}
