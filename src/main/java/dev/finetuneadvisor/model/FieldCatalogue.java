package dev.finetuneadvisor.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every field of a fact file, declared once in {@code rules/fields.yaml}, in the file's order. A cost input
 * ({@code costs.<name>}) is described by the one entry {@code costs.*}. With them, two declarations the
 * searches go by: which fields are alternatives of one another (a fact file gives one of them, never both:
 * calls a day or a month), and the verdict every gate passing gives (the default counterfactual target, the verdict the saving counts).
 */
public final class FieldCatalogue {
    private final Map<String, FieldSpec> byPath = new LinkedHashMap<>();
    private final Map<String, List<String>> alternatives;
    private final String allGatesPass;
    private final int allGatesPassLine;

    /**
     * @param alternatives for each field that has alternatives, the others of its group
     * @param allGatesPass the verdict every gate passing gives ({@code allGatesPass:})
     * @param allGatesPassLine the catalogue line it is declared on
     */
    public FieldCatalogue(List<FieldSpec> fields, Map<String, List<String>> alternatives, String allGatesPass, int allGatesPassLine) {
        fields.forEach(f -> byPath.put(f.path(), f));
        this.alternatives = Map.copyOf(alternatives);
        this.allGatesPass = Objects.requireNonNull(allGatesPass, "allGatesPass");
        this.allGatesPassLine = allGatesPassLine;
    }

    /** Every entry, in catalogue order. */
    public List<FieldSpec> fields() {
        return List.copyOf(byPath.values());
    }

    /** The entry for a field path ({@code costs.<name>} gives {@code costs.*}), or null when none. */
    public FieldSpec get(String path) {
        if (path != null && path.startsWith("costs.")) {
            return byPath.get(FieldSpec.COST_INPUTS);
        }
        return byPath.get(path);
    }

    /** The kind of a field, or null when the catalogue does not have it. */
    public FieldKind kindOf(String path) {
        FieldSpec f = get(path);
        return f == null ? null : f.kind();
    }

    /**
     * The fields a fact file gives instead of this one ({@code volume.callsPerMonth} for {@code volume.callsPerDay}):
     * when one of them is given, this one is not, and a search or sweep that sets this one clears them. Empty when none.
     */
    public List<String> alternativesOf(String path) {
        return alternatives.getOrDefault(path, List.of());
    }

    /**
     * The verdict a use case gets when every gate passes: what "What would change this" aims at by default, and
     * the verdict whose use cases the portfolio reports count in the saving.
     */
    public String allGatesPass() {
        return allGatesPass;
    }

    /** The catalogue line {@link #allGatesPass()} is declared on. */
    public int allGatesPassLine() {
        return allGatesPassLine;
    }
}
