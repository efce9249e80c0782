package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Number formats for explanation text, fixed to one locale so output is the same on every machine.
 * Rules call these from their consequences: {@code Fmt.usd(1250.0)} gives {@code $1,250}.
 */
public final class Fmt {
    private Fmt() {
    }

    /** A count with thousands separators: 1,000. */
    public static String n(double value) {
        return grouped(Math.round(value));
    }

    /** Dollars: whole when whole or above $100 ({@code $1,250}, {@code $50}), else with cents ({@code $0.10}). */
    public static String usd(double value) {
        return "$" + (Math.abs(value) >= 100 || value == Math.rint(value) ? grouped(Math.round(value)) : fixed(value, 2));
    }

    /** A share as a percentage: 0.1 gives 10%. */
    public static String pct(double fraction) {
        String pct = fixed(fraction * 100.0, 1);
        return (pct.endsWith(".0") ? pct.substring(0, pct.length() - 2) : pct) + "%";
    }

    /** A ratio: 6.31x. */
    public static String x(double ratio) {
        return fixed(ratio, 2) + "x";
    }

    // These are what String.format(Locale.US, "%,d" / "%.Nf") print, without java.util.Formatter: rules
    // format numbers in almost every explanation, and the Formatter was the largest single cost in a rule
    // consequence. FmtTest holds them to String.format's output.

    /** A whole number with US thousands separators, as {@code %,d}. */
    private static String grouped(long value) {
        String digits = Long.toString(value);
        int start = value < 0 ? 1 : 0;
        int length = digits.length() - start;
        if (length <= 3) {
            return digits;
        }
        StringBuilder b = new StringBuilder(digits.length() + length / 3);
        b.append(digits, 0, start);
        int head = length % 3 == 0 ? 3 : length % 3;
        b.append(digits, start, start + head);
        for (int i = start + head; i < digits.length(); i += 3) {
            b.append(',').append(digits, i, i + 3);
        }
        return b.toString();
    }

    /**
     * A number with {@code scale} decimals, as {@code %.Nf}: the shortest decimal that reads back as the
     * double (what Double.toString gives), rounded half up. Infinite and NaN values as the Formatter prints them.
     */
    private static String fixed(double value, int scale) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        }
        String s = new BigDecimal(Double.toString(value)).setScale(scale, RoundingMode.HALF_UP).toPlainString();
        // the Formatter keeps the sign of a negative number that rounds to zero ("-0.00"), and of -0.0
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        return negative && !s.startsWith("-") ? "-" + s : s;
    }

    /**
     * Any fact value as a fact file writes it: a choice by its name in fact files ({@code behavior}), a
     * whole number with separators, other numbers as they are, {@code not given} for null.
     */
    public static String value(Object value) {
        if (value == null) {
            return "not given";
        }
        if (value instanceof Enum<?> e) {
            try {
                JsonProperty name = e.getDeclaringClass().getField(e.name())
                        .getAnnotation(JsonProperty.class);
                return name == null ? e.name() : name.value();
            } catch (NoSuchFieldException impossible) {
                return e.name();
            }
        }
        if (value instanceof Integer || value instanceof Long) {
            return n(((Number) value).doubleValue());
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return n(d);
        }
        return String.valueOf(value);
    }

    /** Several values, each as {@link #value(Object)}, separated by {@code sep}. */
    public static String values(Collection<?> values, String sep) {
        return values.stream().map(Fmt::value).collect(Collectors.joining(sep));
    }
}
