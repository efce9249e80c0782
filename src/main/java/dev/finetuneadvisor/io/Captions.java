package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Fmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The sentences the Markdown and HTML reports put around their money totals, in plain text, so that both
 * say the same. They describe the report's own arithmetic (what is summed, what is not), never the
 * advice: every word about a use case comes from the rules.
 */
final class Captions {
    private Captions() {
    }

    /** Dollars with the sign in front: {@code -$1,250} rather than {@code $-1,250}. */
    static String usd(double value) {
        return value < 0 ? "-" + Fmt.usd(-value) : Fmt.usd(value);
    }

    static String useCases(long n) {
        return Fmt.n(n) + (n == 1 ? " use case" : " use cases");
    }

    /** The headline: the estimated yearly saving and what it counts, or that there is none. */
    static String headline(Portfolio p) {
        if (p.fineTunes() == 0) {
            return "No use case with a cost estimate has the verdict " + Portfolio.FINE_TUNE + " and wins on cost, so no saving is estimated.";
        }
        return "Estimated yearly saving: " + usd(p.savingUsdPerYear()) + ", " + basis(p) + ".";
    }

    /** What the saving counts: {@code from fine-tuning the 8 use cases whose verdict is FINE_TUNE (...)}. */
    static String basis(Portfolio p) {
        return "from fine-tuning the " + useCases(p.fineTunes()) + " whose verdict is " + Portfolio.FINE_TUNE + " on cost ("
                + Fmt.usd(p.fineTuneFrontierUsdPerYear()) + " a year on the frontier API against an estimated "
                + Fmt.usd(p.fineTuneTcoUsdPerYear()) + " a year to own the fine-tuned models)";
    }

    /**
     * A FINE_TUNE use case's own figures, its caption in Markdown bold up to the colon: the estimated saving
     * when it wins on cost, else what owning it costs against the frontier, said to be no saving.
     */
    static String entryCosts(CostEstimate c) {
        String versus = Fmt.usd(c.getFrontierUsdPerYear()) + " on the frontier API against " + Fmt.usd(c.getFineTuneUsdPerYear()) + " fine-tuning TCO";
        return c.isWinsOnCost()
                ? "Estimated saving:** " + usd(c.getFrontierUsdPerYear() - c.getFineTuneUsdPerYear()) + " a year (" + versus + ")"
                        + (c.isFrontierMayNotBeAllowed() ? "; the data must stay private, so the frontier cost is a comparison" : "")
                : "Not a saving:** fine-tuned for its latency budget, not on cost (" + versus + " a year)";
    }

    /** What the totals do not count, and why, one sentence each; the caveat last. */
    static List<String> notes(Portfolio p) {
        List<String> notes = new ArrayList<>();
        if (p.latencyFineTunes() > 0) {
            boolean one = p.latencyFineTunes() == 1;
            notes.add("The " + useCases(p.latencyFineTunes()) + " whose verdict is " + Portfolio.FINE_TUNE + " for a hard latency"
                    + " requirement, not on cost, " + (one ? "is" : "are") + " not in the figure: fine-tuning does not win by the " + Fmt.x(p.latencyRequiredAdvantage())
                    + " on total cost of ownership the rules require (an estimated " + Fmt.usd(p.latencyTcoUsdPerYear()) + " a year to own against "
                    + Fmt.usd(p.latencyFrontierUsdPerYear()) + " on the frontier API), so the latency budget justifies the fine-tune"
                    + " and its cost is not counted as a saving.");
        }
        if (p.privateFineTunes() > 0) {
            notes.add(Fmt.n(p.privateFineTunes()) + " of the use cases in the saving must keep " + (p.privateFineTunes() == 1 ? "its" : "their")
                    + " data private: " + (p.privateFineTunes() == 1 ? "its" : "their") + " frontier cost is"
                    + " what a frontier API would charge if the team were allowed to use one, so that part of the saving is a comparison,"
                    + " not money the team spends today.");
        }
        if (p.others() > 0) {
            boolean one = p.others() == 1;
            notes.add("The " + useCases(p.others()) + " with other verdicts " + (one ? "stays" : "stay") + " off fine-tuning: on the"
                    + " frontier API " + (one ? "it keeps" : "they keep") + " spending an estimated " + Fmt.usd(p.othersFrontierUsdPerYear())
                    + " a year. That is not a saving and is not in the figure above."
                    + (p.privateOthers() == 0 ? "" : " " + Fmt.n(p.privateOthers()) + " of them must keep "
                            + (p.privateOthers() == 1 ? "its" : "their") + " data private, so for "
                            + (p.privateOthers() == 1 ? "it" : "them") + " that figure is what a frontier API would charge if the team"
                            + " were allowed to use one, not a spend."));
        }
        if (p.uncosted() > 0) {
            notes.add(useCases(p.uncosted()) + (p.uncosted() == 1 ? " has" : " have") + " no cost estimate"
                    + (p.uncostedFineTunes() == 0 ? "" : ", " + Fmt.n(p.uncostedFineTunes()) + " of them with the verdict " + Portfolio.FINE_TUNE)
                    + ", and " + (p.uncosted() == 1 ? "is" : "are") + " counted in no figure.");
        }
        notes.add("All figures are estimates from the cost model, not measurements: they rest on its inputs (rules/assumptions.yaml,"
                + " or a fact file's own costs values) and on each use case's stated volume.");
        return notes;
    }
}
