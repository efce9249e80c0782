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
        double pct = fraction * 100.0;
        return pct == Math.rint(pct) ? String.format(Locale.US, "%d%%", (long) pct) : String.format(Locale.US, "%.1f%%", pct);
    }

    /** A ratio: 6.31x. */
    public static String x(double ratio) {
        return String.format(Locale.US, "%.2fx", ratio);
    }
}
