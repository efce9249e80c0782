package dev.finetuneadvisor.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field of a fact file, declared once in {@code rules/fields.yaml}, in the file's order. A cost input
 * ({@code costs.<name>}) is described by the one entry {@code costs.*}.
 */
public final class FieldCatalogue {
    private final Map<String, FieldSpec> byPath = new LinkedHashMap<>();

    public FieldCatalogue(List<FieldSpec> fields) {
        fields.forEach(f -> byPath.put(f.path(), f));
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
}
