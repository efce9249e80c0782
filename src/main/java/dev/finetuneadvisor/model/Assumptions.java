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
 *
 * <p>An organisation's own assumptions file ({@link #withOrganisation}) puts its values in place of the
 * file's for the cost inputs it sets; a use case's own {@code costs:} still win over both. The file's
 * {@code organisation:} section holds numbers about such a file (how old a price may be), which no rule reads.
 */
public final class Assumptions {
    private final Map<String, Double> thresholds;
    private final Map<String, Double> costInputs;
    private final Map<String, Provenance> provenance;
    private final Set<String> overridden;
    private final Map<String, Double> organisation;
    private final Map<String, OrganisationCost> fromOrganisation;
    private final CostKeys costKeys;

    /**
     * @param provenance where each number comes from: one entry for every threshold and cost input
     */
    public Assumptions(Map<String, Double> thresholds, Map<String, Double> costInputs, Map<String, Provenance> provenance) {
        this(thresholds, costInputs, Map.of(), provenance, Map.of());
    }

    /**
     * @param organisation the numbers about an organisation's own assumptions file (section {@code organisation:})
     * @param provenance where each number comes from: one entry for every threshold, cost input and organisation number
     * @param givenAs the cost inputs a use case gives as a field of its own fact file rather than under
     *     {@code costs:} ({@code tokensPerCall} as {@code volume.tokensPerCall}), with that field's path
     */
    public Assumptions(Map<String, Double> thresholds, Map<String, Double> costInputs, Map<String, Double> organisation,
                       Map<String, Provenance> provenance, Map<String, String> givenAs) {
        this(thresholds, costInputs, organisation, provenance, Set.of(), Map.of(), costKeys(costInputs, givenAs));
    }

    private static CostKeys costKeys(Map<String, Double> costInputs, Map<String, String> givenAs) {
        for (String name : givenAs.keySet()) {
            if (!costInputs.containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' is given as " + givenAs.get(name) + " but is not a cost input");
            }
        }
        return CostKeys.of(costInputs.keySet(), givenAs);
    }

    private Assumptions(Map<String, Double> thresholds, Map<String, Double> costInputs, Map<String, Double> organisation,
                        Map<String, Provenance> provenance, Set<String> overridden, Map<String, OrganisationCost> fromOrganisation,
                        CostKeys costKeys) {
        this.costKeys = costKeys;
        this.thresholds = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(thresholds, "thresholds")));
        this.costInputs = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(costInputs, "costInputs")));
        this.organisation = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(organisation, "organisation")));
        this.provenance = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(provenance, "provenance")));
        this.overridden = Collections.unmodifiableSet(new TreeSet<>(overridden));
        this.fromOrganisation = Collections.unmodifiableMap(new TreeMap<>(fromOrganisation));
        TreeSet<String> all = new TreeSet<>(names());
        all.addAll(this.organisation.keySet());
        for (String name : all) {
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

    /**
     * True when the named number is an assumption (not from the article) and neither the use case nor the
     * organisation's assumptions file gave its own value.
     */
    public boolean isAssumedHere(String name) {
        return provenance(name).kind() == Provenance.Kind.ASSUMPTION && !overridden.contains(name) && !fromOrganisation.containsKey(name);
    }

    /**
     * The organisation's entry for a cost input when its value is the one in force: the organisation's
     * assumptions file set it and the use case did not give its own; null otherwise.
     */
    public OrganisationCost organisationCost(String name) {
        return overridden.contains(name) ? null : fromOrganisation.get(name);
    }

    /** The numbers about an organisation's own assumptions file (section {@code organisation:}), by name; not read by rules. */
    public Map<String, Double> organisation() { return organisation; }

    /**
     * These assumptions with an organisation's own cost inputs in place of the file's (a use case's own
     * {@code costs:} still win, see {@link #withCosts}).
     *
     * @throws IllegalArgumentException when the organisation names something that is not a cost input
     */
    public Assumptions withOrganisation(OrganisationCosts costs) {
        if (costs == null || costs.costs().isEmpty()) {
            return this;
        }
        TreeMap<String, Double> merged = new TreeMap<>(costInputs);
        TreeMap<String, OrganisationCost> own = new TreeMap<>(fromOrganisation);
        for (OrganisationCost c : costs.costs()) {
            if (!costInputs.containsKey(c.name())) {
                throw new IllegalArgumentException(c.name() + " is not a cost input");
            }
            merged.put(c.name(), c.value());
            own.put(c.name(), c);
        }
        return new Assumptions(thresholds, merged, organisation, provenance, overridden, own, costKeys);
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
        return new Assumptions(thresholds, merged, organisation, provenance, given, fromOrganisation, costKeys);
    }
}
