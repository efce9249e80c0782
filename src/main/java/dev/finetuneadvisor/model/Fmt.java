package dev.finetuneadvisor.model;

import java.util.Locale;

/**
 * Number formats for explanation text, fixed to one locale so output is the same on every machine.
 * Rules call these from their consequences: {@code Fmt.usd(1250.0)} gives {@code $1,250}.
 */
public final class Fmt {
    private Fmt() {
    }

    /** A count with thousands separators: 1,000. */
    public static String n(double value) {
        return String.format(Locale.US, "%,d", Math.round(value));
    }

    /** Dollars: whole when whole or above $100 ({@code $1,250}, {@code $50}), else with cents ({@code $0.10}). */
    public static String usd(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value) ? String.format(Locale.US, "$%,d", Math.round(value))
                : String.format(Locale.US, "$%,.2f", value);
    }

    /** A share as a percentage: 0.1 gives 10%. */
    public static String pct(double fraction) {
        String pct = String.format(Locale.US, "%.1f", fraction * 100.0);
        return (pct.endsWith(".0") ? pct.substring(0, pct.length() - 2) : pct) + "%";
    }

    /** A ratio: 6.31x. */
    public static String x(double ratio) {
        return String.format(Locale.US, "%.2fx", ratio);
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
                com.fasterxml.jackson.annotation.JsonProperty name = e.getDeclaringClass().getField(e.name())
                        .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
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
    public static String values(java.util.Collection<?> values, String sep) {
        return values.stream().map(Fmt::value).collect(java.util.stream.Collectors.joining(sep));
    }
}
