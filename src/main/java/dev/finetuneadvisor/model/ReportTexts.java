package dev.finetuneadvisor.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The captions of the portfolio reports, as {@code rules/reports.yaml} declares them: templates with named
 * placeholders ({@code {saving}}), some in two forms by a count ({@code one}, {@code other}), some with a label.
 * The reports only fill in numbers; {@link #CAPTIONS} is the contract: which captions there are, in which form,
 * and the placeholders each may use.
 */
public final class ReportTexts {
    /** How a caption is written. */
    public enum Form {
        /** One sentence. */
        PLAIN,
        /** {@code one:} for a count of 1, {@code other:} for any other count. */
        COUNTED,
        /** {@code label:} (bold in Markdown) and {@code text:}. */
        LABELLED
    }

    /** What a caption may be: its form and the placeholders its text may use. */
    public record Spec(Form form, List<String> placeholders) {
    }

    /** Every caption the reports use, with its form and placeholders, in the file's order. */
    public static final Map<String, Spec> CAPTIONS = captions();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final Map<String, Map<String, String>> texts;

    /** @param texts per caption, its forms ({@code text}, {@code one}/{@code other}, {@code label}/{@code text}) */
    public ReportTexts(Map<String, Map<String, String>> texts) {
        this.texts = Map.copyOf(texts);
        CAPTIONS.keySet().forEach(k -> Objects.requireNonNull(this.texts.get(k), k));
    }

    private static Map<String, Spec> captions() {
        Map<String, Spec> m = new LinkedHashMap<>();
        m.put("useCases", new Spec(Form.COUNTED, List.of("n")));
        m.put("noSaving", new Spec(Form.PLAIN, List.of("verdict")));
        m.put("headline", new Spec(Form.PLAIN, List.of("saving", "basis", "verdict")));
        m.put("figure", new Spec(Form.PLAIN, List.of("saving", "basis", "verdict")));
        m.put("basis", new Spec(Form.PLAIN, List.of("useCases", "verdict", "frontier", "tco")));
        m.put("rowSaving", new Spec(Form.PLAIN, List.of("verdict")));
        m.put("rowLatency", new Spec(Form.PLAIN, List.of("verdict")));
        m.put("rowOthers", new Spec(Form.PLAIN, List.of("verdict")));
        m.put("rowUncosted", new Spec(Form.PLAIN, List.of("verdict")));
        m.put("notASaving", new Spec(Form.PLAIN, List.of()));
        m.put("latencyNote", new Spec(Form.COUNTED, List.of("useCases", "verdict", "advantage", "tco", "frontier")));
        m.put("privateNote", new Spec(Form.COUNTED, List.of("n", "verdict")));
        m.put("othersNote", new Spec(Form.COUNTED, List.of("useCases", "frontier", "verdict")));
        m.put("othersPrivateNote", new Spec(Form.COUNTED, List.of("n")));
        m.put("uncostedNote", new Spec(Form.COUNTED, List.of("useCases", "ofThem", "verdict")));
        m.put("uncostedOfThem", new Spec(Form.PLAIN, List.of("n", "verdict")));
        m.put("organisationNote", new Spec(Form.PLAIN, List.of("file", "inputs")));
        m.put("caveat", new Spec(Form.PLAIN, List.of()));
        m.put("entrySaving", new Spec(Form.LABELLED, List.of("saving", "versus", "verdict")));
        m.put("entrySavingPrivate", new Spec(Form.LABELLED, List.of("saving", "versus", "verdict")));
        m.put("entryLatency", new Spec(Form.LABELLED, List.of("versus", "verdict")));
        m.put("versus", new Spec(Form.PLAIN, List.of("frontier", "tco")));
        m.put("funnel", new Spec(Form.PLAIN, List.of()));
        m.put("funnelHtml", new Spec(Form.PLAIN, List.of()));
        m.put("gatesHeading", new Spec(Form.PLAIN, List.of()));
        return Collections.unmodifiableMap(m);
    }

    /** The placeholders a template uses, in order of first use. */
    public static List<String> placeholders(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** A plain caption, filled in. */
    public String text(String key, Map<String, String> values) {
        return fill(form(key, "text"), values, UnaryOperator.identity());
    }

    /** A counted caption in the form for {@code count}, filled in. */
    public String text(String key, long count, Map<String, String> values) {
        return fill(form(key, count == 1 ? "one" : "other"), values, UnaryOperator.identity());
    }

    /**
     * A plain caption with its own words passed through {@code words} (HTML escaping, say) and the values put in as
     * given, so that a value may carry markup of its own.
     */
    public String text(String key, Map<String, String> values, UnaryOperator<String> words) {
        return fill(form(key, "text"), values, words);
    }

    /** A labelled caption's label. */
    public String label(String key) {
        return form(key, "label");
    }

    private String form(String key, String form) {
        Map<String, String> forms = texts.get(key);
        String t = forms == null ? null : forms.get(form);
        if (t == null) {
            throw new IllegalArgumentException("no caption '" + key + "' (" + form + ")");
        }
        return t;
    }

    private static String fill(String template, Map<String, String> values, UnaryOperator<String> words) {
        StringBuilder b = new StringBuilder(template.length() + 64);
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("no value for {" + m.group(1) + "} in '" + template + "'");
            }
            b.append(words.apply(template.substring(at, m.start()))).append(v);
            at = m.end();
        }
        return b.append(words.apply(template.substring(at))).toString();
    }
}
