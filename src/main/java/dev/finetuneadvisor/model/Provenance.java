package dev.finetuneadvisor.model;

import java.util.Objects;

/**
 * Where one number of {@code rules/assumptions.yaml} comes from, as the file states it: the article's own
 * number (with its sentence), a value chosen within a range the article gives (with the range and its
 * sentence), or an assumption the article does not make (with the reason). The label and unit say how the
 * number reads in a report: {@code $4,000} + {@code per engineer-week}.
 *
 * @param kind where the number comes from
 * @param quote the article's sentence (required for ARTICLE and RANGE; optional for ASSUMPTION)
 * @param reason why an ASSUMPTION has this value (null otherwise)
 * @param low the low end of a RANGE (null otherwise)
 * @param high the high end of a RANGE (null otherwise)
 * @param label what the number is, after its value ({@code engineer-weeks a cycle}); null when none is given
 * @param unit how the value is written
 * @param note anything else a reader should know (null when none)
 */
public record Provenance(Kind kind, String quote, String reason, Double low, Double high, String label, Unit unit, String note) {
    /** The three kinds of number. */
    public enum Kind {
        /** The article's own number. */
        ARTICLE,
        /** Chosen within a range the article gives. */
        RANGE,
        /** Not from the article. */
        ASSUMPTION
    }

    /** How a value is written in reports. */
    public enum Unit {
        /** Dollars: $4,000, $12.50. */
        USD,
        /** A plain number: 6, 1,000. */
        NUMBER
    }

    public Provenance {
        Objects.requireNonNull(kind, "kind");
        unit = unit == null ? Unit.NUMBER : unit;
        if ((kind == Kind.RANGE) != (low != null && high != null)) {
            throw new IllegalArgumentException("a range needs both ends, and only a range has them");
        }
    }

    /** True unless the number is the article's own. */
    public boolean notTheArticles() {
        return kind != Kind.ARTICLE;
    }

    /** A value as its unit writes it: {@code $4,000} or {@code 6}. */
    public String format(double value) {
        if (unit == Unit.USD) {
            return Fmt.usd(value);
        }
        return value == Math.rint(value) ? Fmt.n(value) : Fmt.value(value);
    }

    /** A value with its label: {@code $4,000 per engineer-week}. */
    public String shown(double value) {
        return label == null ? format(value) : format(value) + " " + label;
    }

    /** A range's ends with the label: {@code $500-$5,000 a month of GPU hosting}; null for other kinds. */
    public String shownRange() {
        if (kind != Kind.RANGE) {
            return null;
        }
        String ends = format(low) + "-" + format(high);
        return label == null ? ends : ends + " " + label;
    }
}
