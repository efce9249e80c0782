package dev.finetuneadvisor.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One question of the questionnaire ({@code rules/questionnaire.yaml}): the fact field it fills, as the catalogue of
 * fields declares it ({@code spec}: type, unit, range, values), the question as asked, the article's words it rests
 * on ({@code quote}, verbatim; null when none), a help text, and the line it is declared on.
 */
public record Question(String field, FieldSpec spec, String ask, String quote, String help, int line) {
    /** The answers a flag takes in the questionnaire (written to the fact file as true and false). */
    public static final List<String> YES_NO = List.of("yes", "no");

    public Question {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(ask, "ask");
        help = help == null ? "" : help;
    }

    /** The answers to complete or choose from: a choice's values, yes and no for a flag; empty for numbers and text. */
    public List<String> choices() {
        return switch (spec.type()) {
            case CHOICE -> spec.values();
            case FLAG -> YES_NO;
            default -> List.of();
        };
    }

    /**
     * What an answer may be, in a few words, from the field's type, unit and range as the catalogue declares them
     * ({@code a whole number of examples, 0 or more}); numbers are written as fact files take them.
     */
    public String allowed() {
        FieldType type = spec.type();
        String unit = spec.unit().isEmpty() ? "" : " (" + spec.unit() + ")";
        return switch (type) {
            case CHOICE -> "one of " + String.join(", ", spec.values());
            case FLAG -> "yes or no";
            case TEXT -> "text";
            case SHARE -> "a share from " + plain(spec.min()) + " to " + plain(spec.max()) + " (8% is 0.08)";
            case COUNT, VOLUME, MILLISECONDS -> "a whole number" + unit + range() + ", no thousands separators";
            case MONEY, NUMBER -> "a number" + unit + range() + ", no thousands separators";
        };
    }

    private String range() {
        if (spec.min() == null) {
            return "";
        }
        // the model's bounds of a plain count are the largest int: a limit of the type, not of the task
        if (spec.max() == null || spec.max() >= Integer.MAX_VALUE && spec.type() != FieldType.VOLUME) {
            return ", " + plain(spec.min()) + " or more";
        }
        return ", " + plain(spec.min()) + " to " + plain(spec.max());
    }

    private static String plain(Double n) {
        return n == null ? "" : BigDecimal.valueOf(n).stripTrailingZeros().toPlainString();
    }
}
