package dev.finetuneadvisor.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.finetuneadvisor.model.EditDistance;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Volume;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what Jackson reports into an {@link InputError} a person can act on: the file, line and column,
 * the field by its dotted name, what was wrong and what is allowed.
 */
final class InputErrors {
    private InputErrors() {
    }

    /** Every error an exception stands for: each mistake of a use case ({@link FactProblems}), else the one. */
    static List<InputError> all(String file, Exception e, JsonLocation fallback) {
        if (e instanceof FactProblems problems) {
            return problems.errors(file, "");
        }
        return List.of(of(file, null, e, fallback));
    }

    static InputError of(String file, String id, Exception e, JsonLocation fallback) {
        JsonLocation loc = e instanceof JacksonException je && je.getLocation() != null ? je.getLocation() : fallback;
        int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0);
        int column = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
        String field = null;
        String message;
        if (e instanceof JsonMappingException jme) {
            field = path(jme);
            message = message(jme, field);
        } else if (e instanceof JacksonException je) {
            message = firstLine(je.getOriginalMessage());
        } else {
            message = firstLine(e.getMessage());
        }
        return new InputError(file, line, column, field, id, plain(message, field));
    }

    private static final Pattern OUT_OF_RANGE = Pattern.compile(
            "Numeric value \\((-?\\d+)\\) out of range of (int|long).*");
    private static final Pattern DUPLICATE_DIGITS = Pattern.compile("Duplicate field '\\d+'.*", Pattern.DOTALL);
    private static final Pattern TOO_LONG = Pattern.compile(
            "(Number|String) value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+),.*");

    /** Jackson's own wording for what a fact file may not hold, said as what is allowed instead. */
    static String plain(String message, String field) {
        Matcher m = OUT_OF_RANGE.matcher(message);
        if (m.matches()) {
            Long bound = Volume.maxOf(field);
            long max = bound != null ? bound : m.group(2).equals("int") ? Integer.MAX_VALUE : Long.MAX_VALUE;
            return m.group(1) + " is out of range; allowed: a whole number from 0 to " + String.format(Locale.US, "%,d", max);
        }
        m = TOO_LONG.matcher(message);
        if (m.matches()) {
            return m.group(1).equals("Number") ? "a number of " + m.group(2) + " digits; at most " + m.group(3) + " are allowed"
                    : "a text of " + String.format(Locale.US, "%,d", Long.parseLong(m.group(2))) + " characters; at most " + String.format(Locale.US, "%,d", Long.parseLong(m.group(3)))
                    + " are allowed";
        }
        if (message.startsWith("Non-standard token 'NaN'") || message.startsWith("Non-standard token 'Infinity'")
                || message.startsWith("Non-standard token '-Infinity'") || message.startsWith("Non-standard token '+Infinity'")) {
            return "NaN and Infinity are not numbers a fact file can hold; give a number";
        }
        if (DUPLICATE_DIGITS.matcher(message).matches()) {
            // { labeledExamples: 3,000,000 } in YAML reads as 3 and two keys '000'
            return "a number with commas inside { } splits at each comma: thousands separators are not allowed; write the number "
                    + "without them, 3,000,000 as 3000000";
        }
        if (message.contains("ALLOW_COMMENTS")) {
            return "comments are not allowed: JSON has none (a YAML fact file may use # comments)";
        }
        return message;
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                parts.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                parts.add("[" + ref.getIndex() + "]");
            }
        }
        if (e instanceof PropertyBindingException pbe && pbe.getPropertyName() != null
                && (parts.isEmpty() || !parts.get(parts.size() - 1).equals(pbe.getPropertyName()))) {
            parts.add(pbe.getPropertyName());
        }
        return parts.isEmpty() ? null : String.join(".", parts).replace(".[", "[");
    }

    private static String message(JsonMappingException e, String field) {
        if (e instanceof PropertyBindingException pbe) {
            TreeSet<String> known = new TreeSet<>();
            if (pbe.getKnownPropertyIds() != null) {
                pbe.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            String name = pbe.getPropertyName();
            String suggestion = EditDistance.near(name, known);
            return "unknown field '" + name + "'" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                    + "; allowed here: " + String.join(", ", known);
        }
        if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
            List<String> allowed = enumNames(ife.getTargetType());
            String given = String.valueOf(ife.getValue());
            String suggestion = EditDistance.near(given, allowed);
            return "'" + given + "' is not allowed" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                    + "; allowed: " + String.join(", ", allowed);
        }
        Throwable cause = e.getCause();
        if ((e instanceof ValueInstantiationException || cause instanceof IllegalArgumentException) && cause != null) {
            return firstLine(cause.getMessage());
        }
        if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            String expected = expected(mie.getTargetType());
            if (expected != null) {
                return "expected " + expected + given(e);
            }
        }
        String original = firstLine(e.getOriginalMessage());
        return field != null && original.startsWith(field + ": ") ? original.substring(field.length() + 2) : original;
    }

    private static String given(JsonMappingException e) {
        if (e instanceof InvalidFormatException ife && ife.getValue() != null) {
            return ", got '" + ife.getValue() + "'";
        }
        return "";
    }

    static List<String> enumNames(Class<?> type) {
        return Arrays.stream(type.getFields()).filter(f -> f.isEnumConstant())
                .map(f -> {
                    JsonProperty p = f.getAnnotation(JsonProperty.class);
                    return p != null ? p.value() : f.getName();
                })
                .collect(Collectors.toList());
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", enumNames(type));
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping (name: value, or { name: value })";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list ([a, b])";
        }
        if (type.getPackageName().startsWith("dev.finetuneadvisor.model")) {
            return "a mapping of " + type.getSimpleName().toLowerCase(Locale.ROOT) + " fields";
        }
        return null;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
