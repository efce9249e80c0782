package dev.finetuneadvisor.engine.verify;

import dev.finetuneadvisor.engine.FactField;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.FieldCatalogue;
import dev.finetuneadvisor.model.FieldType;
import dev.finetuneadvisor.model.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fact space at its boundaries: for every field of the catalogue, the values a use case can give it that the
 * rules tell apart, and use cases that combine them.
 * <ul>
 *   <li>absent (unknown) for every field, both values of a flag, every value of a choice;</li>
 *   <li>free text: each value a rule's table names ({@link dev.finetuneadvisor.model.TextExample}) and one it does not;</li>
 *   <li>a number: the ends of its range and, for every number the rules compare it with ({@link Thresholds}), one
 *       unit below, the number, and one unit above;</li>
 *   <li>a cost input: its default (absent), and both ends of the article's range where it is chosen within one;</li>
 *   <li>fields a use case gives one of ({@code alternatives:} in fields.yaml, the volume a day or a month) are one
 *       dimension: absent, or one of them at one of its values.</li>
 * </ul>
 * The cases: a t-wise covering array over those dimensions (every combination of any t dimensions' values is in
 * some case), then a seeded random sample. Same rules, same options, same cases.
 */
public final class FactSpace {
    /** The value free text gets that no row of a rule's table matches. */
    public static final String UNMATCHED_TEXT = "a value no rule names";

    /** One dimension: one field, or a group of alternatives, with its values (null: absent). */
    public record Dimension(String name, List<Setting> values) {
        /** The fields it sets. */
        public List<String> paths() {
            return values.stream().map(Setting::path).filter(Objects::nonNull).distinct().toList();
        }
    }

    /** A value of a dimension: the field it sets (null: none) and the value. */
    public record Setting(String path, Object value) {
    }

    private final List<FactField> fields;
    private final List<Dimension> dimensions;

    private FactSpace(List<FactField> fields, List<Dimension> dimensions) {
        this.fields = List.copyOf(fields);
        this.dimensions = List.copyOf(dimensions);
    }

    /**
     * The space of a rule set.
     *
     * @param catalogue the catalogue of fact fields
     * @param assumptions the assumptions (cost inputs and their ranges)
     * @param thresholds the numbers the rules compare fields with
     * @param textValues for each free-text field, the values a rule's table names
     */
    public static FactSpace of(FieldCatalogue catalogue, Assumptions assumptions, Thresholds thresholds,
                               Map<String, List<String>> textValues) {
        List<FactField> fields = FactField.all(catalogue, assumptions, true);
        // the field a table's examples are for is named in Java (TextExample); it must be a free-text field here
        for (String path : textValues.keySet()) {
            FactField f = FactField.find(fields, path);
            if (f == null || f.type() != FieldType.TEXT) {
                throw new IllegalStateException("a rule's table gives examples for " + path + ", which is not a free-text field of fields.yaml");
            }
        }
        List<Dimension> dims = new ArrayList<>();
        Set<String> grouped = new LinkedHashSet<>();
        for (FactField f : fields) {
            if (grouped.contains(f.path())) {
                continue;
            }
            List<String> group = new ArrayList<>();
            group.add(f.path());
            for (String alt : f.alternatives()) {
                if (!group.contains(alt) && FactField.find(fields, alt) != null) {
                    group.add(alt);
                }
            }
            grouped.addAll(group);
            List<Setting> values = new ArrayList<>();
            values.add(new Setting(null, null));
            for (String path : group) {
                for (Object v : values(FactField.find(fields, path), assumptions, thresholds, textValues)) {
                    values.add(new Setting(path, v));
                }
            }
            if (values.size() > 1) {
                dims.add(new Dimension(String.join(" | ", group), values));
            }
        }
        return new FactSpace(fields, dims);
    }

    /** The values a field takes in the space besides absent, ascending for numbers. */
    static List<Object> values(FactField f, Assumptions assumptions, Thresholds thresholds, Map<String, List<String>> textValues) {
        FieldType type = f.type();
        if (type == FieldType.FLAG || type == FieldType.CHOICE) {
            return f.choices();
        }
        if (type == FieldType.TEXT) {
            List<Object> out = new ArrayList<>(textValues.getOrDefault(f.path(), List.of()));
            out.add(UNMATCHED_TEXT);
            return out;
        }
        if (f.costInput() != null) {
            Provenance p = assumptions.provenance(f.costInput());
            if (p == null || p.kind() != Provenance.Kind.RANGE) {
                return List.of();
            }
            return List.of(f.fromUnits(f.toUnits(p.low())), f.fromUnits(f.toUnits(p.high())));
        }
        long min = f.toUnits(f.spec().min());
        long max = f.maxUnits();
        TreeMap<Long, Object> out = new TreeMap<>();
        out.put(min, f.fromUnits(min));
        out.put(max, f.fromUnits(max));
        for (Thresholds.Threshold t : thresholds.of(f.path())) {
            long at = f.toUnits(t.value());
            for (long u = at - 1; u <= at + 1; u++) {
                if (u >= min && u <= max) {
                    out.put(u, f.fromUnits(u));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The fields of the space, in fact-file order, then cost inputs. */
    public List<FactField> fields() {
        return fields;
    }

    /** The values a field takes in the space besides absent, in order (ascending for numbers). */
    public List<Object> valuesOf(String path) {
        List<Object> out = new ArrayList<>();
        for (Dimension d : dimensions) {
            for (Setting s : d.values()) {
                if (path.equals(s.path())) {
                    out.add(s.value());
                }
            }
        }
        return out;
    }

    /** The number of values of each dimension. */
    public int[] counts() {
        return dimensions.stream().mapToInt(d -> d.values().size()).toArray();
    }

    /** The use case a row of value indexes stands for. */
    public SpaceCase caseOf(int[] row, String id, String origin) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            Setting s = dimensions.get(i).values().get(row[i]);
            if (s.path() != null) {
                given.put(s.path(), s.value());
            }
        }
        return new SpaceCase(id, origin, SpaceCase.ordered(given, fields));
    }

    /** {@code base} with dimension {@code d} set to its value {@code index} (absent: every field of the dimension left out). */
    public SpaceCase set(SpaceCase base, int d, int index) {
        Dimension dim = dimensions.get(d);
        SpaceCase out = base;
        for (String path : dim.paths()) {
            out = out.without(path);
        }
        Setting s = dim.values().get(index);
        return s.path() == null ? out : out.with(s.path(), s.value(), fields);
    }

    /** The index of the value {@code c} gives dimension {@code d} (0 when it gives none of its fields). */
    public int indexIn(SpaceCase c, int d) {
        List<Setting> values = dimensions.get(d).values();
        for (int i = 1; i < values.size(); i++) {
            Setting s = values.get(i);
            if (s.value().equals(c.given().get(s.path()))) {
                return i;
            }
        }
        return 0;
    }

    /** {@code n} rows drawn at random from a seeded generator, each dimension's value uniformly. */
    public List<int[]> randomRows(int n, long seed) {
        Random random = new Random(seed);
        List<int[]> rows = new ArrayList<>();
        int[] counts = counts();
        for (int i = 0; i < n; i++) {
            int[] row = new int[counts.length];
            for (int d = 0; d < counts.length; d++) {
                row[d] = random.nextInt(counts[d]);
            }
            rows.add(row);
        }
        return rows;
    }
}
