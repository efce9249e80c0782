package dev.finetuneadvisor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fmt prints numbers without java.util.Formatter; these hold it to exactly what String.format prints. */
class FmtTest {
    private static String usdByFormatter(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value) ? String.format(Locale.US, "$%,d", Math.round(value))
                : String.format(Locale.US, "$%,.2f", value);
    }

    private static String pctByFormatter(double fraction) {
        String pct = String.format(Locale.US, "%.1f", fraction * 100.0);
        return (pct.endsWith(".0") ? pct.substring(0, pct.length() - 2) : pct) + "%";
    }

    private static void same(double v) {
        assertEquals(String.format(Locale.US, "%,d", Math.round(v)), Fmt.n(v), "n(" + v + ")");
        assertEquals(usdByFormatter(v), Fmt.usd(v), "usd(" + v + ")");
        assertEquals(pctByFormatter(v), Fmt.pct(v), "pct(" + v + ")");
        assertEquals(String.format(Locale.US, "%.2fx", v), Fmt.x(v), "x(" + v + ")");
    }

    @Test
    void printsWhatTheFormatterPrintsOnEdgeCases() {
        double[] edges = {0, -0.0, 1, -1, 0.005, 0.015, 0.025, 0.045, 0.125, 0.135, 1.005, 2.675, 0.0995, 0.05, 0.95,
            0.1, 0.07, 0.119, 99.995, 99.994, -99.995, 999, 1000, 999_999.5, 1_000_000, -1_234_567.89, 1e15, 123_456_789_012.0,
            Long.MAX_VALUE, -Long.MAX_VALUE, 4.35, 1.45, 0.00049, -0.004, 6.305, 6.315, 1e-9, 12.5, 0.5, -0.5, 2.5};
        for (double v : edges) {
            same(v);
        }
        assertEquals("$1,250", Fmt.usd(1250.0));
        assertEquals("$0.10", Fmt.usd(0.1));
        assertEquals("10%", Fmt.pct(0.1));
        assertEquals("6.31x", Fmt.x(6.3125));
        assertEquals("1,000", Fmt.n(1000));
    }

    @Test
    void printsWhatTheFormatterPrintsOnRandomValues() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double magnitude = Math.pow(10, r.nextInt(-4, 13));
            double v = (r.nextBoolean() ? 1 : -1) * r.nextDouble() * magnitude;
            same(v);
            same(Math.round(v * 1000) / 1000.0);
        }
    }
}
