package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Fmt;
import dev.finetuneadvisor.model.ReportTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The sentences the Markdown and HTML reports put around their money totals, in plain text, so that both say
 * the same, and the text report's gate heading. Their words are declared in {@code rules/reports.yaml} ({@link ReportTexts}); this class only fills
 * in the portfolio's numbers and picks the form for a count. They describe the report's own arithmetic (what
 * is summed, what is not), never the advice: every word about a use case comes from the rules.
 */
public final class Captions {
    private final ReportTexts texts;
    private final String verdict;

    /**
     * @param texts the captions, as read from {@code rules/reports.yaml}
     * @param verdict the verdict every gate passing gives ({@code allGatesPass} in {@code rules/fields.yaml}):
     *     the one whose use cases the saving counts
     */
    public Captions(ReportTexts texts, String verdict) {
        this.texts = Objects.requireNonNull(texts, "texts");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
    }

    /** The verdict whose use cases the saving counts. */
    public String verdict() {
        return verdict;
    }

    /** Dollars with the sign in front: {@code -$1,250} rather than {@code $-1,250}. */
    static String usd(double value) {
        return value < 0 ? "-" + Fmt.usd(-value) : Fmt.usd(value);
    }

    String useCases(long n) {
        return texts.text("useCases", n, Map.of("n", Fmt.n(n)));
    }

    /** The headline: the estimated yearly saving and what it counts, or that there is none. */
    String headline(Portfolio p) {
        if (p.fineTunes() == 0) {
            return texts.text("noSaving", Map.of("verdict", verdict));
        }
        return texts.text("headline", Map.of("saving", usd(p.savingUsdPerYear()), "basis", basis(p), "verdict", verdict));
    }

    /** The headline as a figure in front of its sentence: {@code words} applies to the words, the figure is as given. */
    String figure(Portfolio p, String saving, UnaryOperator<String> words) {
        return texts.text("figure", Map.of("saving", saving, "basis", words.apply(basis(p)), "verdict", words.apply(verdict)), words);
    }

    /** What the saving counts: {@code from fine-tuning the 8 use cases whose verdict is FINE_TUNE (...)}. */
    String basis(Portfolio p) {
        return texts.text("basis", Map.of("useCases", useCases(p.fineTunes()), "verdict", verdict,
                "frontier", Fmt.usd(p.fineTuneFrontierUsdPerYear()), "tco", Fmt.usd(p.fineTuneTcoUsdPerYear())));
    }

    /** A row label of the totals table ({@code rowSaving}, {@code rowLatency}, {@code rowOthers}, {@code rowUncosted}). */
    String row(String key) {
        return texts.text(key, Map.of("verdict", verdict));
    }

    /** What a totals row that is not a saving says in the saving column. */
    String notASaving() {
        return texts.text("notASaving", Map.of());
    }

    /** The heading of the text report's gate table. */
    String gatesHeading() {
        return texts.text("gatesHeading", Map.of());
    }

    /** The sentence above the gate funnel ({@code funnel} in Markdown, {@code funnelHtml} in HTML). */
    String funnel(String key) {
        return texts.text(key, Map.of());
    }

    /**
     * The caption of a {@link #verdict()} use case's own figures, bold in Markdown: the estimated saving when it
     * wins on cost, else that it is no saving.
     */
    String entryLabel(CostEstimate c) {
        return texts.label(entryKey(c));
    }

    /** What follows {@link #entryLabel}: the saving a year, or owning it against the frontier. */
    String entryText(CostEstimate c) {
        String versus = texts.text("versus", Map.of("frontier", Fmt.usd(c.getFrontierUsdPerYear()), "tco", Fmt.usd(c.getFineTuneUsdPerYear())));
        return texts.text(entryKey(c), Map.of("saving", usd(c.getFrontierUsdPerYear() - c.getFineTuneUsdPerYear()), "versus", versus,
                "verdict", verdict));
    }

    private static String entryKey(CostEstimate c) {
        return !c.isWinsOnCost() ? "entryLatency" : c.isFrontierMayNotBeAllowed() ? "entrySavingPrivate" : "entrySaving";
    }

    /** What the totals do not count, and why, one sentence each; the caveat last. */
    List<String> notes(Portfolio p) {
        List<String> notes = new ArrayList<>();
        if (p.latencyFineTunes() > 0) {
            notes.add(texts.text("latencyNote", p.latencyFineTunes(), Map.of("useCases", useCases(p.latencyFineTunes()), "verdict", verdict,
                    "advantage", Fmt.x(p.latencyRequiredAdvantage()), "tco", Fmt.usd(p.latencyTcoUsdPerYear()),
                    "frontier", Fmt.usd(p.latencyFrontierUsdPerYear()))));
        }
        if (p.privateFineTunes() > 0) {
            notes.add(texts.text("privateNote", p.privateFineTunes(), Map.of("n", Fmt.n(p.privateFineTunes()), "verdict", verdict)));
        }
        if (p.others() > 0) {
            String note = texts.text("othersNote", p.others(), Map.of("useCases", useCases(p.others()),
                    "frontier", Fmt.usd(p.othersFrontierUsdPerYear()), "verdict", verdict));
            if (p.privateOthers() > 0) {
                note += " " + texts.text("othersPrivateNote", p.privateOthers(), Map.of("n", Fmt.n(p.privateOthers())));
            }
            notes.add(note);
        }
        if (p.uncosted() > 0) {
            String ofThem = p.uncostedFineTunes() == 0 ? ""
                    : texts.text("uncostedOfThem", Map.of("n", Fmt.n(p.uncostedFineTunes()), "verdict", verdict));
            notes.add(texts.text("uncostedNote", p.uncosted(), Map.of("useCases", useCases(p.uncosted()), "ofThem", ofThem, "verdict", verdict)));
        }
        if (!p.organisationInputs().isEmpty()) {
            notes.add(texts.text("organisationNote", Map.of("file", String.join(", ", p.organisationFiles()),
                    "inputs", String.join(", ", p.organisationInputs()))));
        }
        notes.add(texts.text("caveat", Map.of()));
        return notes;
    }
}
