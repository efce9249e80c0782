package dev.finetuneadvisor.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The names a use case's {@code costs:} section may use, and the cost inputs a use case gives elsewhere in
 * its fact file instead ({@code tokensPerCall} as {@code volume.tokensPerCall}), as {@code rules/assumptions.yaml}
 * declares them ({@link Assumptions#costKeys()}). Every reader of fact files and the schema of fact files take
 * this one set, so what a fact file may say under {@code costs:} is decided in one place.
 *
 * @param allowed the cost inputs a use case may give under {@code costs:}, sorted
 * @param givenAs each cost input a use case gives as a field of its own instead, with that field's path, sorted
 */
public record CostKeys(SortedSet<String> allowed, SortedMap<String, String> givenAs) {
    public CostKeys {
        allowed = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(allowed, "allowed")));
        givenAs = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(givenAs, "givenAs")));
        for (String name : givenAs.keySet()) {
            if (allowed.contains(name)) {
                throw new IllegalArgumentException("cost input '" + name + "' is given as " + givenAs.get(name)
                        + " and cannot also be allowed under costs:");
            }
        }
    }

    /** Just these names under {@code costs:}, none given elsewhere (tests, and callers with their own inputs). */
    public static CostKeys of(Set<String> allowed) {
        return new CostKeys(new TreeSet<>(allowed), new TreeMap<>());
    }

    /** The fact-file field a cost input is given as instead of {@code costs.NAME}, or null when it is not. */
    public String givenAs(String name) {
        return givenAs.get(name);
    }

    /** Convenience for a map of names given elsewhere. */
    static CostKeys of(Set<String> costInputs, Map<String, String> givenAs) {
        TreeSet<String> allowed = new TreeSet<>(costInputs);
        allowed.removeAll(givenAs.keySet());
        return new CostKeys(allowed, new TreeMap<>(givenAs));
    }
}
