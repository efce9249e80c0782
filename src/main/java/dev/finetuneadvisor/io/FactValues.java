package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.finetuneadvisor.model.EditDistance;
import dev.finetuneadvisor.model.Volume;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one scalar of a fact file as the type its field has (whole number, number, true/false, one of a set of
 * names, text), strictly: no quoted numbers, no numbers for names, no decimals for counts. A value that does not
 * fit is a {@link Mismatch} whose message is one sentence saying what is allowed and, where the value shows what
 * was meant ({@code 3,000}, {@code 8%}, {@code "400"}), what to write instead.
 */
final class FactValues {
    /** A value that does not fit its field, and the sentence that says so. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern DOLLARS = Pattern.compile("\\$\\s?\\d[\\d,]*(\\.\\d+)?");
    private static final Pattern PERCENT = Pattern.compile("[+-]?\\d+(\\.\\d+)?\\s?%");
    private static final Pattern PLAIN = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern SUFFIXED = Pattern.compile("(\\d+(\\.\\d+)?)\\s?([kKmM])");

    private FactValues() {
    }

    /** The names an enum is written as in fact files, in declaration order, each with its constant. */
    static Map<String, Object> names(Class<?> enumType) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> written = InputErrors.enumNames(enumType);
        Object[] constants = enumType.getEnumConstants();
        for (int i = 0; i < constants.length; i++) {
            out.put(written.get(i), constants[i]);
        }
        return out;
    }

    /**
     * The value at the parser's current token, read as {@code type} (the parser stays on the token; a list or
     * mapping where a scalar belongs is skipped to its end).
     *
     * @param path the field's dotted path, for its bound ({@link Volume#maxOf})
     * @param choices for an enum type, its names ({@link #names})
     */
    static Object read(JsonParser p, Class<?> type, String path, Map<String, Object> choices) throws IOException, Mismatch {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t.isStructStart()) {
            p.skipChildren();
            throw new Mismatch("expected " + expected(type, choices) + ", got " + (t == JsonToken.START_ARRAY ? "a list" : "a mapping"));
        }
        if (type == String.class) {
            if (t == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            throw new Mismatch("expected text, got " + p.getText() + "; to mean it as text, write it in quotes: \"" + p.getText() + "\"");
        }
        if (type == Boolean.class) {
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE;
            }
            String text = p.getText().strip().toLowerCase(Locale.ROOT);
            if (t == JsonToken.VALUE_STRING && (text.equals("true") || text.equals("false"))) {
                throw new Mismatch("'" + p.getText() + "' in quotes is text; write " + text + " without quotes");
            }
            String meant = text.equals("1") ? "; for yes, write true" : text.equals("0") ? "; for no, write false" : "";
            throw new Mismatch("expected true or false, got " + shown(p) + meant);
        }
        if (choices != null) {
            if (t == JsonToken.VALUE_STRING && choices.containsKey(p.getText())) {
                return choices.get(p.getText());
            }
            String given = p.getText();
            String near = EditDistance.near(given, choices.keySet());
            throw new Mismatch(shown(p) + " is not allowed" + (near == null ? "" : " (did you mean '" + near + "'?)")
                    + "; allowed: " + String.join(", ", choices.keySet()));
        }
        if (type == Integer.class || type == Long.class) {
            return whole(p, t, type, path);
        }
        if (type == Double.class) {
            return number(p, t);
        }
        throw new IllegalStateException("no reading for a " + type.getSimpleName() + " field (" + path + ")");
    }

    private static Object whole(JsonParser p, JsonToken t, Class<?> type, String path) throws IOException, Mismatch {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType n = p.getNumberType();
            if (n == JsonParser.NumberType.INT) {
                int v = p.getIntValue();
                return type == Integer.class ? (Object) v : (Object) (long) v;
            }
            if (n == JsonParser.NumberType.LONG && type == Long.class) {
                return p.getLongValue();
            }
            Long bound = Volume.maxOf(path);
            long max = bound != null ? bound : type == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
            throw new Mismatch(p.getText() + " is out of range; allowed: a whole number from 0 to " + String.format(Locale.US, "%,d", max));
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal d = decimal(p.getText());
            if (d != null && d.stripTrailingZeros().scale() <= 0) {
                throw new Mismatch(p.getText() + " is not written as a whole number; write " + d.toBigInteger());
            }
            throw new Mismatch("expected a whole number (a count, such as 400), got " + p.getText());
        }
        if (t == JsonToken.VALUE_STRING) {
            String hint = writeInstead(p.getText(), false);
            if (hint != null) {
                throw new Mismatch(hint);
            }
        }
        throw new Mismatch("expected a whole number (a count, such as 400), got " + shown(p));
    }

    private static Object number(JsonParser p, JsonToken t) throws IOException, Mismatch {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            double v = p.getDoubleValue();
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new Mismatch(p.getText() + " is not a number a fact file can hold; give a number");
            }
            return v;
        }
        if (t == JsonToken.VALUE_STRING) {
            String hint = writeInstead(p.getText(), true);
            if (hint != null) {
                throw new Mismatch(hint);
            }
        }
        throw new Mismatch("expected a number, got " + shown(p));
    }

    /**
     * What to write instead of a number written as text the way people write numbers in prose ({@code 3,000},
     * {@code $4,000}, {@code 8%}, {@code 3k}, {@code "400"}), or null when the text is not such a number.
     *
     * @param decimal whether the field takes decimals (a share, a price); a percentage is then the share it means
     */
    static String writeInstead(String text, boolean decimal) {
        String s = text.strip();
        String quoted = "'" + text + "'";
        if (THOUSANDS.matcher(s).matches()) {
            return quoted + ": thousands separators are not allowed; write " + s.replace(",", "");
        }
        if (DOLLARS.matcher(s).matches()) {
            return quoted + ": write the number alone, without a dollar sign or thousands separators: "
                    + s.replace("$", "").replace(",", "").strip();
        }
        if (PERCENT.matcher(s).matches() && decimal && decimal(s.replace("%", "").strip()) != null) {
            BigDecimal share = decimal(s.replace("%", "").strip()).movePointLeft(2);
            return quoted + ": a percentage is written as a share from 0 to 1; write " + plain(share);
        }
        var suffixed = SUFFIXED.matcher(s);
        if (suffixed.matches() && decimal(suffixed.group(1)) != null) {
            int shift = suffixed.group(3).equalsIgnoreCase("k") ? 3 : 6;
            return quoted + ": write the number in full: " + plain(decimal(suffixed.group(1)).movePointRight(shift));
        }
        if (PLAIN.matcher(s).matches()) {
            return quoted + ": a number in quotes is text; write " + s + " without quotes";
        }
        return null;
    }

    /**
     * What a YAML flow mapping made of a number with commas ({@code { labeledExamples: 3,000 }} reads as
     * {@code 3} and a key {@code 000}): the number as written, and what to write instead.
     */
    static String splitByComma(String number, String rest) {
        String written = number + "," + rest;
        if (rest.length() == 3) {
            return "'" + written + "': thousands separators are not allowed; write " + number + rest;
        }
        return "'" + written + "': a decimal is written with a point; write " + number + "." + rest;
    }

    /** {@code 8} as the share {@code 0.08}, when a share field is given a percentage as a plain number. */
    static String asShare(String text) {
        BigDecimal d = decimal(text);
        return d == null ? null : plain(d.movePointLeft(2));
    }

    private static BigDecimal decimal(String text) {
        try {
            BigDecimal d = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
            // 1e9999999 is a few bytes but ten million digits written out: no field holds a number that long, and a
            // message must not spell it (its digits before and after the point, bounded well beyond any field's range)
            return d.precision() - d.scale() > MAX_DIGITS || d.scale() > MAX_DIGITS ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The most digits before or after the point a number read here may have: far beyond every field's range. */
    private static final int MAX_DIGITS = 40;

    private static String plain(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** A scalar as a message quotes it: text in quotes, numbers and true/false as they are. */
    static String shown(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return t == JsonToken.VALUE_STRING ? "'" + p.getText() + "'" : p.getText();
    }

    private static String expected(Class<?> type, Map<String, Object> choices) {
        if (choices != null) {
            return "one of " + String.join(", ", choices.keySet());
        }
        if (type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Double.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return "text";
    }
}
