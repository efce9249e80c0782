package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.CostOverrides;
import dev.finetuneadvisor.model.FieldCatalogue;
import dev.finetuneadvisor.model.FieldKind;
import dev.finetuneadvisor.model.FieldSpec;
import dev.finetuneadvisor.model.FieldType;
import dev.finetuneadvisor.model.Section;
import dev.finetuneadvisor.model.UseCase;
import dev.finetuneadvisor.model.Volume;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A fact of a use case that a search may vary, named by its path in fact files ({@code data.labeledExamples},
 * {@code costs.engineerUsdPerWeek}), with its entry in the catalogue of fact fields ({@code rules/fields.yaml}):
 * the type there sets the grid a number is searched on (one unit for counts, calls and milliseconds, a
 * thousandth for shares, a cent for money and other cost inputs), the range its bounds, and the kind
 * whether a search may vary it at all. Knows paths, types and kinds only; what any value means is the
 * rules' business.
 */
public final class FactField {
    private final String path;
    private final FieldSpec spec;
    private final Method section;
    private final Method getter;
    private final Method setter;
    private final Class<?> type;
    private final String costInput;
    private final double costDefault;
    private final List<String> alternatives;

    private FactField(String path, FieldSpec spec, Method section, Method getter, Method setter, Class<?> type,
                      String costInput, double costDefault, List<String> alternatives) {
        this.path = path;
        this.spec = spec;
        this.section = section;
        this.getter = getter;
        this.setter = setter;
        this.type = type;
        this.costInput = costInput;
        this.costDefault = costDefault;
        this.alternatives = List.copyOf(alternatives);
    }

    /**
     * Every field of a fact file that has values to step through (not free text), in fact-file order, then
     * each cost input a use case may give under {@code costs:} ({@link Assumptions#costKeys()}), each with its
     * catalogue entry.
     *
     * @throws IllegalStateException when the catalogue lacks a field (the catalogue reader prevents that)
     */
    public static List<FactField> all(FieldCatalogue catalogue, Assumptions assumptions) {
        return all(catalogue, assumptions, false);
    }

    /**
     * Like {@link #all(FieldCatalogue, Assumptions)}, with the free-text fields too when {@code withText}: the
     * whole-space check gives them the values the rules tell apart.
     */
    public static List<FactField> all(FieldCatalogue catalogue, Assumptions assumptions, boolean withText) {
        List<FactField> fields = new ArrayList<>();
        for (ModelField m : modelFields()) {
            FieldSpec spec = catalogue.get(m.path());
            if (spec == null) {
                throw new IllegalStateException(m.path() + " is not in the catalogue of fact fields");
            }
            if (spec.type() == FieldType.TEXT && !withText) {
                continue; // free text is not searched
            }
            Method s = setterOf(m.sectionType(), m.field(), m.getter().getReturnType());
            fields.add(new FactField(m.path(), spec, m.section(), m.getter(), s, m.getter().getReturnType(), null, 0,
                    catalogue.alternativesOf(m.path())));
        }
        FieldSpec costs = catalogue.get(FieldSpec.COST_INPUTS);
        // only the names a fact file may give under costs: (one given as a field of its own, such as tokens
        // per call, is varied as that field or not at all)
        for (String name : assumptions.costKeys().allowed()) {
            fields.add(new FactField("costs." + name, costs, null, null, null, Double.class, name, assumptions.num(name), List.of()));
        }
        return List.copyOf(fields);
    }

    /** Every field of a fact file's sections (not {@code costs}), by path, with its Java type, in fact-file order. */
    static Map<String, Class<?>> modelTypes() {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        modelFields().forEach(m -> out.put(m.path(), m.getter().getReturnType()));
        return out;
    }

    /**
     * The fact model's section types by their simple name, each with its section's name in fact files
     * ({@code Data} → {@code data}): how a rule's pattern on a section is read back to fact-file paths.
     */
    public static Map<String, String> sectionsByType() {
        Map<String, String> out = new LinkedHashMap<>();
        modelFields().forEach(m -> out.put(m.sectionType().getSimpleName(), m.path().substring(0, m.path().indexOf('.'))));
        return out;
    }

    /** Every field path of the fact model's sections (not {@code costs}), in fact-file order, free text included. */
    public static List<String> modelPaths() {
        return modelFields().stream().map(ModelField::path).toList();
    }

    /** A field of one of the use case's sections, as the fact model declares it. */
    private record ModelField(String path, Method section, Class<?> sectionType, String field, Method getter) {
    }

    /** The fact model's section fields with a getter, in fact-file order (the sections' @JsonPropertyOrder). */
    private static List<ModelField> modelFields() {
        List<ModelField> out = new ArrayList<>();
        for (String name : UseCase.class.getAnnotation(JsonPropertyOrder.class).value()) {
            Method sectionGetter = getter(UseCase.class, name);
            if (sectionGetter == null || !Section.class.isAssignableFrom(sectionGetter.getReturnType())) {
                continue;
            }
            Class<?> sectionType = sectionGetter.getReturnType();
            for (String field : sectionType.getAnnotation(JsonPropertyOrder.class).value()) {
                Method g = getter(sectionType, field);
                if (g != null) {
                    out.add(new ModelField(name + "." + field, sectionGetter, sectionType, field, g));
                }
            }
        }
        return out;
    }

    /**
     * The largest value the fact model accepts for a number field: its own bound where it has one, 1 for a share
     * (the catalogue's meaning), else what its Java type can hold ({@code Integer}), else the cost inputs' bound.
     */
    static double modelMax(String path, FieldType type, Class<?> javaType) {
        Long bound = Volume.maxOf(path);
        if (bound != null) {
            return bound;
        }
        if (type == FieldType.SHARE) {
            return 1;
        }
        return javaType == Integer.class ? Integer.MAX_VALUE : CostOverrides.MAX;
    }

    /** The field at {@code path}, or null when no searchable field has it. */
    public static FactField find(List<FactField> fields, String path) {
        return fields.stream().filter(f -> f.path.equals(path)).findFirst().orElse(null);
    }

    private static Method getter(Class<?> type, String field) {
        String suffix = field.substring(0, 1).toUpperCase(Locale.ROOT) + field.substring(1);
        try {
            return type.getMethod("get" + suffix);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Method setterOf(Class<?> type, String field, Class<?> valueType) {
        String suffix = field.substring(0, 1).toUpperCase(Locale.ROOT) + field.substring(1);
        try {
            return type.getMethod("set" + suffix, valueType);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no setter for " + field + " in " + type.getSimpleName(), e);
        }
    }

    public String path() { return path; }

    /** The field's entry in the catalogue. */
    public FieldSpec spec() { return spec; }

    /** The name of the cost input it overrides, or null for a field of a section. */
    public String costInput() { return costInput; }

    /** One step of the field's grid: 1 for whole numbers, 0.001 for shares, 0.01 for money and other cost inputs. */
    public double unit() { return 1 / scale(); }

    /** The field's type, from the catalogue. */
    public FieldType type() { return spec.type(); }

    /** Lever, condition or description, from the catalogue. */
    public FieldKind kind() { return spec.kind(); }

    /** False for a description of the task: a search never proposes changing it. */
    public boolean isVaried() { return spec.kind() != FieldKind.DESCRIPTION; }

    /** The gates that read it, from the catalogue. */
    public List<String> gates() { return spec.gates(); }

    /** The fields a fact file gives instead of this one, from the catalogue ({@code alternatives:}); empty when none. */
    public List<String> alternatives() { return alternatives; }

    public boolean isNumber() {
        return spec.type().isNumber();
    }

    /** The value in this use case; for a cost input not overridden, the assumptions' default. */
    public Object get(UseCase useCase) {
        if (costInput != null) {
            return useCase.getCosts().getOrDefault(costInput, costDefault);
        }
        try {
            return getter.invoke(section.invoke(useCase));
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /**
     * Sets the value in this use case (a copy the search owns).
     *
     * @throws IllegalArgumentException when the model refuses the value (e.g. both volume rates)
     */
    public void set(UseCase useCase, Object value) {
        if (costInput != null) {
            useCase.getCosts().put(costInput, ((Number) value).doubleValue());
            return;
        }
        try {
            setter.invoke(section.invoke(useCase), value);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException("cannot set " + path, e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + path, e);
        }
    }

    /** The values a flag or choice can take, in declared order. */
    public List<Object> choices() {
        if (spec.type() == FieldType.FLAG) {
            return List.of(Boolean.TRUE, Boolean.FALSE);
        }
        if (spec.type() == FieldType.CHOICE) {
            return Arrays.asList(type.getEnumConstants());
        }
        return List.of();
    }

    /** Grid units per unit of the value: 1, or 1,000 for shares, or 100 for money and other cost inputs. */
    private double scale() {
        return switch (spec.type()) {
            case SHARE -> 1000.0;
            case MONEY, NUMBER -> 100.0;
            default -> 1.0;
        };
    }

    /** The largest grid value a field can take: the top of its catalogue range. */
    public long maxUnits() {
        return Math.round(spec.max() * scale());
    }

    /** A number's position on the grid (rounded to the nearest unit). */
    public long toUnits(Object value) {
        return Math.round(((Number) Objects.requireNonNull(value, "value")).doubleValue() * scale());
    }

    /**
     * The value at a grid position: the catalogue's type sets the grid (whole units, thousandths, cents), the fact
     * model's Java type only how the value is stored ({@code Integer} or {@code Long} for whole numbers).
     */
    public Object fromUnits(long units) {
        return switch (spec.type()) {
            case COUNT, MILLISECONDS, VOLUME -> type == Integer.class ? (Object) Math.toIntExact(units) : (Object) units;
            case SHARE -> units / 1000.0;
            case MONEY, NUMBER -> units / 100.0;
            default -> throw new IllegalStateException(path + " is not a number");
        };
    }

    /** True when a found boundary is reported as a round figure within 1% rather than to the unit. */
    public boolean roundsToOnePercent() {
        FieldType t = spec.type();
        return t == FieldType.VOLUME || t == FieldType.MONEY || t == FieldType.NUMBER;
    }

    @Override
    public String toString() {
        return path;
    }
}
