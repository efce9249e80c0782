package dev.finetuneadvisor.model;

import java.util.Locale;

/** The type of a fact field, as {@code rules/fields.yaml} declares it; it sets how a search steps through its values. */
public enum FieldType {
    /** A whole number, exact to one unit (examples, tokens, updates a year). */
    COUNT,
    /** Calls: a whole number found exactly, then reported as a round figure within 1%. */
    VOLUME,
    /** A share from 0 to 1, to a thousandth. */
    SHARE,
    /** Dollars, to the cent, reported as a round figure within 1%. */
    MONEY,
    /** A decimal in its own unit (weeks, cycles), to a hundredth, reported as a round figure within 1%. */
    NUMBER,
    /** A whole number of milliseconds. */
    MILLISECONDS,
    /** true or false. */
    FLAG,
    /** One of a fixed set of names. */
    CHOICE,
    /** Free text: never varied. */
    TEXT;

    /** The name as written in the catalogue ({@code count}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the types whose values are numbers. */
    public boolean isNumber() {
        return this == COUNT || this == VOLUME || this == SHARE || this == MONEY || this == NUMBER || this == MILLISECONDS;
    }
}
