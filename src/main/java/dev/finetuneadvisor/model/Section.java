package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One section of a use case (task, prompt, data, ...). Lets a rule ask whether a named field was given,
 * so that "not given" can be judged in DRL without a rule per field.
 */
public abstract class Section {
    /** The getters by field name, per section class (rules ask for every use case). */
    private static final ClassValue<Map<String, Method>> GETTERS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /**
     * True when the named field of this section was not given.
     *
     * @param field a field name as written in fact files, for example {@code "labeledExamples"}
     * @throws IllegalArgumentException when the section has no such field (a typo in a rule)
     */
    @JsonIgnore
    public boolean isUnknown(String field) {
        Method getter = GETTERS.get(getClass()).computeIfAbsent(field, this::findGetter);
        try {
            return getter.invoke(this) == null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private Method findGetter(String field) {
        String suffix = field.substring(0, 1).toUpperCase(Locale.ROOT) + field.substring(1);
        for (String prefix : new String[] {"get", "is"}) {
            try {
                return getClass().getMethod(prefix + suffix);
            } catch (NoSuchMethodException ignored) {
                // try the next prefix
            }
        }
        throw new IllegalArgumentException(
                getClass().getSimpleName().toLowerCase(Locale.ROOT) + " has no field '" + field + "'");
    }

    static Long count(String field, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(value + " is out of range; allowed: a whole number >= 0");
        }
        return value;
    }

    /** A count with an upper bound, for the numbers the cost model multiplies (so no sum can overflow). */
    static Long count(String field, Long value, long max) {
        if (value != null && (value < 0 || value > max)) {
            throw new IllegalArgumentException(value + " is out of range; allowed: a whole number from 0 to " + Fmt.n(max));
        }
        return value;
    }

    static Integer count(String field, Integer value, int max) {
        if (value != null && (value < 0 || value > max)) {
            throw new IllegalArgumentException(value + " is out of range; allowed: a whole number from 0 to " + Fmt.n(max));
        }
        return value;
    }

    static Integer count(String field, Integer value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(value + " is out of range; allowed: a whole number >= 0");
        }
        return value;
    }

    static Double fraction(String field, Double value) {
        if (value != null && (value.isNaN() || value < 0 || value > 1)) {
            throw new IllegalArgumentException(value + " is out of range; allowed: a share from 0 to 1");
        }
        return value;
    }
}
