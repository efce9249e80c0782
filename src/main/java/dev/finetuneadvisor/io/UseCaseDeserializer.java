package dev.finetuneadvisor.io;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.finetuneadvisor.model.CostKeys;
import dev.finetuneadvisor.model.CostOverrides;
import dev.finetuneadvisor.model.EditDistance;
import dev.finetuneadvisor.model.Fmt;
import dev.finetuneadvisor.model.Section;
import dev.finetuneadvisor.model.UseCase;
import java.io.IOException;
import java.io.Serial;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads one use case into the fact model field by field, and goes on after a field-level mistake: an unknown
 * field, a value of the wrong type, a value out of its range, a cost input a use case may not give. Once the
 * use case is read to its end it throws {@link FactProblems} with every mistake, in input order, each located
 * at its key or value; a syntax error from the parser still ends the reading at once. Registered for
 * {@link UseCase} in {@link FactFormat}, so fact files, JSON Lines and scenarios' use cases read alike.
 *
 * <p>The fields and their types are the fact model's: each mapping's {@code @JsonPropertyOrder} names its
 * fields, and their setters take the values (and check the ranges).
 */
final class UseCaseDeserializer extends StdDeserializer<UseCase> {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Mapping USE_CASE = Mapping.of(UseCase.class, "");

    UseCaseDeserializer() {
        super(UseCase.class);
    }

    @Override
    public UseCase deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        Reading reading = new Reading(p, (CostKeys) ctxt.getAttribute(FactFormat.COST_KEYS));
        if (p.currentToken() != JsonToken.START_OBJECT) {
            JsonLocation at = p.currentTokenLocation();
            String got = p.currentToken() == JsonToken.START_ARRAY ? "a list" : FactValues.shown(p);
            p.skipChildren();
            throw new FactProblems(p, List.of(FactProblems.Problem.at(at, null, "expected a use case (a mapping), got " + got)));
        }
        UseCase useCase = (UseCase) reading.mapping(USE_CASE, "");
        if (!reading.problems.isEmpty()) {
            throw new FactProblems(p, reading.problems);
        }
        return useCase;
    }

    /** A field of a mapping: its dotted path, its setter and the type of its value (a section, costs, or a scalar). */
    private record Field(String name, String path, Method setter, Class<?> type, Mapping section, Map<String, Object> choices) {
    }

    /** A mapping of the fact model (the use case or a section): its fields by name, and how to make one. */
    private record Mapping(Constructor<?> constructor, Map<String, Field> fields, String allowed) {
        /** @param prefix the mapping's path and a dot ({@code data.}), empty for the use case */
        static Mapping of(Class<?> type, String prefix) {
            Map<String, Field> fields = new LinkedHashMap<>();
            for (String name : type.getAnnotation(JsonPropertyOrder.class).value()) {
                Method setter = setter(type, name);
                Class<?> valueType = setter.getParameterTypes()[0];
                Mapping section = Section.class.isAssignableFrom(valueType) ? of(valueType, prefix + name + ".") : null;
                Map<String, Object> choices = valueType.isEnum() ? FactValues.names(valueType) : null;
                fields.put(name, new Field(name, prefix + name, setter, valueType, section, choices));
            }
            // a setter the order does not name would be a field no fact file could give
            for (Method m : type.getMethods()) {
                if (m.getName().startsWith("set") && m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers())
                        && !fields.containsKey(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4))) {
                    throw new IllegalStateException(type.getSimpleName() + "." + m.getName() + " is not named in its @JsonPropertyOrder");
                }
            }
            try {
                Constructor<?> constructor = type.getConstructor();
                constructor.setAccessible(true);
                return new Mapping(constructor, new HashMap<>(fields), String.join(", ", new TreeMap<>(fields).keySet()));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getSimpleName() + " has no public constructor without arguments", e);
            }
        }

        private static Method setter(Class<?> type, String name) {
            String setter = "set" + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
            for (Method m : type.getMethods()) {
                if (m.getName().equals(setter) && m.getParameterCount() == 1) {
                    m.setAccessible(true);   // skips the access check on every call, as Jackson's own binding does
                    return m;
                }
            }
            throw new IllegalStateException(type.getSimpleName() + " has no setter for '" + name + "'");
        }

        Object create() {
            try {
                return constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a " + constructor.getDeclaringClass().getSimpleName(), e);
            }
        }
    }

    /** The number a field was just given, kept for one field: a YAML flow mapping may have split it at a comma. */
    private record LastNumber(String path, String text, JsonLocation at) {
    }

    /** One use case being read: the parser, the cost names allowed, and the mistakes so far. */
    private static final class Reading {
        private final JsonParser p;
        private final CostKeys costs;
        private final List<FactProblems.Problem> problems = new ArrayList<>();

        Reading(JsonParser p, CostKeys costs) {
            this.p = p;
            this.costs = costs;
        }

        private void problem(JsonLocation at, String field, String message) {
            problems.add(FactProblems.Problem.at(at, field, message));
        }

        /**
         * Reads the mapping whose START_OBJECT is the current token, to its END_OBJECT. Locations and value texts
         * are taken only for a mistake (while the parser is still on it): a good use case pays for neither.
         */
        Object mapping(Mapping mapping, String prefix) throws IOException {
            // prefix names unknown fields only: a known one carries its path
            Object target = mapping.create();
            LastNumber last = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                Field field = mapping.fields().get(name);
                LastNumber before = last;
                last = null;
                if (field == null) {
                    JsonLocation keyAt = p.currentTokenLocation();
                    JsonToken t = p.nextToken();
                    if (before != null && DIGITS.matcher(name).matches()
                            && (t == JsonToken.VALUE_NULL || (t == JsonToken.VALUE_STRING && p.getText().isEmpty()))) {
                        problem(before.at(), before.path(), FactValues.splitByComma(before.text(), name));
                    } else {
                        String near = EditDistance.near(name, mapping.fields().keySet());
                        problem(keyAt, prefix + name, "unknown field '" + name + "'" + (near == null ? "" : " (did you mean '" + near + "'?)")
                                + "; allowed here: " + mapping.allowed());
                    }
                    p.skipChildren();
                    continue;
                }
                JsonToken t = p.nextToken();
                if (field.section() != null) {
                    section(target, field, t);
                } else if (field.type() == CostOverrides.class) {
                    costs(target, field, t);
                } else {
                    // a list or mapping is skipped to its end before it is refused: its place is taken first
                    JsonLocation structAt = t.isStructStart() ? p.currentTokenLocation() : null;
                    try {
                        Object value = FactValues.read(p, field.type(), field.path(), field.choices());
                        set(target, field, value);
                        if (t.isNumeric() && p instanceof YAMLParser) {
                            // only YAML splits a number at its commas ({ n: 3,000 }); the next key may be its rest
                            last = new LastNumber(field.path(), p.getText(), p.currentTokenLocation());
                        }
                    } catch (FactValues.Mismatch m) {
                        problem(structAt != null ? structAt : p.currentTokenLocation(), field.path(), m.getMessage());
                    }
                }
            }
            return target;
        }

        private void section(Object target, Field field, JsonToken t) throws IOException {
            String path = field.path();
            if (t == JsonToken.VALUE_NULL) {
                set(target, field, null);
            } else if (t == JsonToken.START_OBJECT) {
                set(target, field, mapping(field.section(), path + "."));
            } else {
                JsonLocation at = p.currentTokenLocation();
                String got = t == JsonToken.START_ARRAY ? "a list" : FactValues.shown(p);
                p.skipChildren();
                problem(at, path, "expected a mapping of " + field.name() + " fields (name: value), got " + got);
            }
        }

        /** {@code costs:}: names of cost inputs, each with a number >= 0. */
        private void costs(Object target, Field field, JsonToken t) throws IOException {
            String path = field.path();
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            if (t != JsonToken.START_OBJECT) {
                JsonLocation at = p.currentTokenLocation();
                String got = t == JsonToken.START_ARRAY ? "a list" : FactValues.shown(p);
                p.skipChildren();
                problem(at, path, "expected a mapping of cost inputs (name: number), got " + got);
                return;
            }
            Map<String, Double> values = new TreeMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String costPath = path + "." + name;
                String elsewhere = costs == null ? null : costs.givenAs(name);
                if (elsewhere != null || (costs != null && !costs.allowed().contains(name))) {
                    JsonLocation keyAt = p.currentTokenLocation();
                    JsonToken v = p.nextToken();
                    if (elsewhere != null) {
                        String section = elsewhere.substring(0, elsewhere.indexOf('.'));
                        String value = v.isScalarValue() ? p.getText() : "...";
                        problem(keyAt, costPath, "a use case gives " + name + " once, as " + elsewhere + ", not under costs:; write "
                                + section + ": { " + elsewhere.substring(section.length() + 1) + ": " + value + " } instead");
                    } else {
                        String near = EditDistance.near(name, costs.allowed());
                        problem(keyAt, costPath, "unknown cost input '" + name + "'" + (near == null ? "" : " (did you mean '" + near + "'?)")
                                + "; allowed: " + String.join(", ", costs.allowed()));
                    }
                    p.skipChildren();
                    continue;
                }
                JsonToken v = p.nextToken();
                JsonLocation structAt = v.isStructStart() ? p.currentTokenLocation() : null;
                try {
                    if (v == JsonToken.VALUE_NULL) {
                        throw new FactValues.Mismatch("expected a number >= 0, got nothing; give a number or leave the name out");
                    }
                    double d = (Double) FactValues.read(p, Double.class, costPath, null);
                    if (d < 0 || d > CostOverrides.MAX) {
                        throw new FactValues.Mismatch(p.getText() + " is out of range; allowed: a number from 0 to "
                                + Fmt.n(CostOverrides.MAX));
                    }
                    values.put(name, d);
                } catch (FactValues.Mismatch m) {
                    problem(structAt != null ? structAt : p.currentTokenLocation(), costPath, m.getMessage());
                }
            }
            set(target, field, new CostOverrides(values));
        }

        /**
         * Gives a field its value (the parser still on it, for a scalar); a value the model refuses (out of
         * range) is a mistake, said with the value as written.
         */
        private void set(Object target, Field field, Object value) throws IOException {
            String path = field.path();
            try {
                field.setter().invoke(target, value);
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof IllegalArgumentException refused)) {
                    throw new IllegalStateException("cannot set " + path, e.getCause());
                }
                String text = p.currentToken().isScalarValue() ? p.getText() : null;
                String message = refused.getMessage();
                if (text != null && value != null && message.startsWith(value + " ")) {
                    message = text + message.substring(value.toString().length());
                }
                problem(p.currentTokenLocation(), path, message + percentHint(target, field, value, text));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set " + path, e);
            }
        }

        /** For a share given as a percentage ({@code noiseRate: 8}), the share to write, when the field takes it. */
        private static String percentHint(Object target, Field field, Object value, String text) {
            // from 2 on, a share is far likelier a percentage than a slip (1.5 could be either)
            if (!(value instanceof Double d) || d < 2 || d > 100 || text == null) {
                return "";
            }
            String share = FactValues.asShare(text);
            try {
                field.setter().invoke(target.getClass().getConstructor().newInstance(), Double.valueOf(share));
                return " (for " + text + "%, write " + share + ")";
            } catch (ReflectiveOperationException | RuntimeException e) {
                return "";
            }
        }
    }
}
