package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.Section;
import dev.finetuneadvisor.model.UseCase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A fact of a use case that a search may vary, named by its path in fact files ({@code data.labeledExamples},
 * {@code costs.engineerUsdPerWeek}). Numbers are searched on a grid of whole units: one for counts, calls and
 * milliseconds, a thousandth for shares (0..1), a cent for money. Knows paths and types only; what any
 * value means is the rules' business.
 */
public final class FactField {
    /** How a field is searched and how finely its boundary is found. */
    public enum Kind {
        /** A whole number, exact to one unit (examples, tokens, milliseconds). */
        COUNT,
        /** A whole number found exactly, then reported as a round figure within 1% (calls). */
        VOLUME,
        /** A share from 0 to 1, to a thousandth. */
        SHARE,
        /** Dollars, to the cent, reported as a round figure within 1%. */
        MONEY,
        /** true or false. */
        FLAG,
        /** One of a fixed set of names. */
        CHOICE
    }

    private final String path;
    private final Kind kind;
    private final Method section;
    private final Method getter;
    private final Method setter;
    private final Class<?> type;
    private final String costInput;
    private final double costDefault;

    private FactField(String path, Kind kind, Method section, Method getter, Method setter, Class<?> type,
                      String costInput, double costDefault) {
        this.path = path;
        this.kind = kind;
        this.section = section;
        this.getter = getter;
        this.setter = setter;
        this.type = type;
        this.costInput = costInput;
        this.costDefault = costDefault;
    }

    /** Every field a search may vary, in fact-file order, then each cost input of {@code assumptions}. */
    public static List<FactField> all(Assumptions assumptions) {
        List<FactField> fields = new ArrayList<>();
        for (String name : UseCase.class.getAnnotation(JsonPropertyOrder.class).value()) {
            Method sectionGetter = getter(UseCase.class, name);
            if (sectionGetter == null || !Section.class.isAssignableFrom(sectionGetter.getReturnType())) {
                continue;
            }
            Class<?> sectionType = sectionGetter.getReturnType();
            for (String field : sectionType.getAnnotation(JsonPropertyOrder.class).value()) {
                Method g = getter(sectionType, field);
                Kind kind = g == null ? null : kindOf(g.getReturnType());
                if (kind == null) {
                    continue;
                }
                Method s = setterOf(sectionType, field, g.getReturnType());
                fields.add(new FactField(name + "." + field, kind, sectionGetter, g, s, g.getReturnType(), null, 0));
            }
        }
        assumptions.costInputs().forEach((name, value) ->
                fields.add(new FactField("costs." + name, Kind.MONEY, null, null, null, Double.class, name, value)));
        return List.copyOf(fields);
    }

    /** The field at {@code path}, or null when no searchable field has it. */
    public static FactField find(List<FactField> fields, String path) {
        return fields.stream().filter(f -> f.path.equals(path)).findFirst().orElse(null);
    }

    private static Kind kindOf(Class<?> type) {
        if (type == Integer.class) {
            return Kind.COUNT;
        }
        if (type == Long.class) {
            return Kind.VOLUME;
        }
        if (type == Double.class) {
            return Kind.SHARE;
        }
        if (type == Boolean.class) {
            return Kind.FLAG;
        }
        if (type.isEnum()) {
            return Kind.CHOICE;
        }
        return null; // free text is not searched
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

    public Kind kind() { return kind; }

    public boolean isNumber() {
        return kind == Kind.COUNT || kind == Kind.VOLUME || kind == Kind.SHARE || kind == Kind.MONEY;
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
        if (kind == Kind.FLAG) {
            return List.of(Boolean.TRUE, Boolean.FALSE);
        }
        if (kind == Kind.CHOICE) {
            return Arrays.asList(type.getEnumConstants());
        }
        return List.of();
    }

    /** Grid units per unit of the value: 1, or 1,000 for shares, or 100 for money. */
    private double scale() {
        return switch (kind) {
            case SHARE -> 1000.0;
            case MONEY -> 100.0;
            default -> 1.0;
        };
    }

    /** The largest grid value a field can take: the fact model's own bound where it has one. */
    public long maxUnits() {
        Long bound = dev.finetuneadvisor.model.Volume.maxOf(path);
        if (bound != null) {
            return bound;
        }
        return switch (kind) {
            case COUNT -> Integer.MAX_VALUE;
            case SHARE -> 1000;
            default -> 1_000_000_000_000L;
        };
    }

    /** A number's position on the grid (rounded to the nearest unit). */
    public long toUnits(Object value) {
        return Math.round(((Number) Objects.requireNonNull(value, "value")).doubleValue() * scale());
    }

    /** The value at a grid position, in the field's own type. */
    public Object fromUnits(long units) {
        return switch (kind) {
            case COUNT -> (int) units;
            case VOLUME -> units;
            case SHARE -> units / 1000.0;
            case MONEY -> units / 100.0;
            default -> throw new IllegalStateException(path + " is not a number");
        };
    }

    /** True when a found boundary is reported as a round figure within 1% rather than to the unit. */
    public boolean roundsToOnePercent() {
        return kind == Kind.VOLUME || kind == Kind.MONEY;
    }

    @Override
    public String toString() {
        return path;
    }
}
