package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Status;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A portfolio as the report writers see it: totals counted from what the rules concluded (gate statuses,
 * verdicts, cost estimates) and the number of use cases and errors. The money adds up only what means
 * something together: the saving over the use cases whose verdict is FINE_TUNE and that win on cost (as the
 * cost rules set {@code winsOnCost}), apart from those carried by latency, apart from the frontier cost of those
 * the rules keep on the frontier API, apart from the use cases without a cost estimate. It only counts and adds up: every
 * decision was made by the rules. It keeps no result, so its size does not grow with the portfolio.
 */
public final class Portfolio {
    /** One gate of the funnel: how many use cases reached it and how many passed it, in the framework's order. */
    public record Step(int number, String name, long reached, long passed) {
    }

    private long useCases;
    private long errors;
    private final TreeMap<Integer, long[]> gates = new TreeMap<>();
    private final Map<Integer, String> gateNames = new TreeMap<>();
    private final Map<String, Long> verdicts = new TreeMap<>();
    // money in cents, so sums are exact and the same whatever the order of addition
    private long fineTunes;
    private long fineTuneFrontierCents;
    private long fineTuneTcoCents;
    private long privateFineTunes;
    private long privateOthers;
    private long latencyFineTunes;
    private long latencyFrontierCents;
    private long latencyTcoCents;
    private double latencyRequiredAdvantage;
    private long others;
    private long othersFrontierCents;
    private long uncosted;
    private long uncostedFineTunes;
    // the organisation's cost inputs some estimate used, by name in the order first met: a handful at most
    private final Map<String, String> organisationInputs = new LinkedHashMap<>();
    private final Set<String> organisationFiles = new LinkedHashSet<>();

    /**
     * The verdict whose use cases the saving counts: the one a use case that passes every gate gets
     * ({@code allGatesPass} in rules/fields.yaml). Every other verdict keeps the use case on the frontier API.
     */
    private final String fineTuneVerdict;

    /** @param fineTuneVerdict the verdict every gate passing gives: the one whose use cases the saving counts */
    public Portfolio(String fineTuneVerdict) {
        this.fineTuneVerdict = Objects.requireNonNull(fineTuneVerdict, "fineTuneVerdict");
    }

    public void add(Result r) {
        useCases++;
        verdicts.merge(r.verdict(), 1L, Long::sum);
        for (GateResult g : r.gates()) {
            gateNames.putIfAbsent(g.getNumber(), g.getName());
            long[] c = gates.computeIfAbsent(g.getNumber(), k -> new long[2]);
            if (g.isReached()) {
                c[0]++;
            }
            if (g.getStatus() == Status.PASS) {
                c[1]++;
            }
        }
        CostEstimate c = r.costs();
        if (c != null) {
            for (CostEstimate.Input i : c.getNotTheArticles()) {
                if (i.organisation() != null) {
                    organisationInputs.putIfAbsent(i.name(), i.provenance().shown(i.value()) + " (set " + i.organisation().set() + ")");
                    organisationFiles.add(i.organisation().file());
                }
            }
        }
        boolean fineTune = fineTuneVerdict.equals(r.verdict());
        if (c == null) {
            uncosted++;
            uncostedFineTunes += fineTune ? 1 : 0;
        } else if (fineTune && c.isWinsOnCost()) {
            fineTunes++;
            fineTuneFrontierCents += cents(c.getFrontierUsdPerYear());
            fineTuneTcoCents += cents(c.getFineTuneUsdPerYear());
            privateFineTunes += c.isFrontierMayNotBeAllowed() ? 1 : 0;
        } else if (fineTune) {
            // FINE_TUNE carried by a hard latency requirement, not by cost: the rules say it is no saving
            latencyFineTunes++;
            latencyFrontierCents += cents(c.getFrontierUsdPerYear());
            latencyTcoCents += cents(c.getFineTuneUsdPerYear());
            latencyRequiredAdvantage = c.getRequiredAdvantage();
        } else {
            others++;
            othersFrontierCents += cents(c.getFrontierUsdPerYear());
            privateOthers += c.isFrontierMayNotBeAllowed() ? 1 : 0;
        }
    }

    private static long cents(double usd) {
        return Math.round(usd * 100.0);
    }

    public void add(InputError e) {
        errors++;
    }

    /**
     * The cost inputs of an organisation's own assumptions file that some estimate used, each with its value,
     * label and date ({@code $5,200 per engineer-week (set 2026-10-01)}), in the order first met.
     */
    public List<String> organisationInputs() { return List.copyOf(organisationInputs.values()); }

    /** The organisation's assumptions files those inputs came from (one per run), as the command line named them. */
    public List<String> organisationFiles() { return List.copyOf(organisationFiles); }

    /** Use cases evaluated. */
    public long useCases() { return useCases; }

    /** Input rejected (errors reported). */
    public long errors() { return errors; }

    /** The gates in order with how many use cases reached and passed each. */
    public List<Step> funnel() {
        List<Step> steps = new ArrayList<>();
        gates.forEach((n, c) -> steps.add(new Step(n, gateNames.get(n), c[0], c[1])));
        return steps;
    }

    /** Use cases per verdict, sorted by verdict. */
    public Map<String, Long> verdicts() { return verdicts; }

    /**
     * FINE_TUNE use cases carried by a hard latency requirement while fine-tuning does not win on cost: not in
     * the saving (their own advice says the fine-tune is the price of the latency budget, not a saving).
     */
    public long latencyFineTunes() { return latencyFineTunes; }

    /** What the latency-carried FINE_TUNE use cases cost a year on the frontier API. */
    public double latencyFrontierUsdPerYear() { return latencyFrontierCents / 100.0; }

    /** What owning the latency-carried FINE_TUNE use cases' fine-tuned models costs a year. */
    public double latencyTcoUsdPerYear() { return latencyTcoCents / 100.0; }

    /** The advantage on TCO the cost rules required of the latency-carried use cases (the same for every case). */
    public double latencyRequiredAdvantage() { return latencyRequiredAdvantage; }

    /** Of {@link #fineTunes()}, those whose data must stay private: their frontier cost may not be one the team could pay. */
    public long privateFineTunes() { return privateFineTunes; }

    /** Use cases whose verdict is FINE_TUNE, won on cost, with the rules' cost estimate: the ones the saving counts. */
    public long fineTunes() { return fineTunes; }

    /** What the FINE_TUNE use cases cost a year on the frontier API. */
    public double fineTuneFrontierUsdPerYear() { return fineTuneFrontierCents / 100.0; }

    /** What owning the FINE_TUNE use cases' fine-tuned models costs a year (their TCO). */
    public double fineTuneTcoUsdPerYear() { return fineTuneTcoCents / 100.0; }

    /** The estimated yearly saving: the FINE_TUNE use cases' frontier cost less their fine-tuning TCO. */
    public double savingUsdPerYear() { return (fineTuneFrontierCents - fineTuneTcoCents) / 100.0; }

    /** Of {@link #others()}, those whose data must stay private: their frontier cost is a comparison, not a spend. */
    public long privateOthers() { return privateOthers; }

    /** Use cases with another verdict and a cost estimate: they stay on the frontier API. */
    public long others() { return others; }

    /** What the use cases with another verdict keep spending a year on the frontier API (not a saving). */
    public double othersFrontierUsdPerYear() { return othersFrontierCents / 100.0; }

    /** Use cases the cost rules gave no estimate (no volume given, or nothing to fine-tune), counted in no sum. */
    public long uncosted() { return uncosted; }

    /** Of {@link #uncosted()}, those whose verdict is FINE_TUNE. */
    public long uncostedFineTunes() { return uncostedFineTunes; }

    /** The gate where the use case stopped, by name, as its verdict rule states it; null when every gate passes. */
    public static String stoppedAt(Result r) {
        GateResult stop = r.stoppedAt();
        return stop == null ? null : stop.getName();
    }

    /**
     * A report sink that puts the portfolio's totals first and every use case after them: as results come
     * it counts them and hands each to {@link #row} (with its position, from 1), which renders into spools;
     * at the end {@link #write} writes the totals and then the spools. Errors also go to stderr as they come.
     */
    abstract static class Sink implements ResultSink {
        private final Portfolio portfolio;
        private final PrintWriter err;
        /** The report's captions, with the verdict whose use cases the saving counts. */
        final Captions captions;

        Sink(PrintWriter err, Captions captions) {
            this.err = err;
            this.captions = captions;
            this.portfolio = new Portfolio(captions.verdict());
            this.warn = Spool.warnOnce(err);
        }

        /** True when the use case's verdict is the one whose use cases the saving counts. */
        final boolean fineTune(Result r) {
            return captions.verdict().equals(r.verdict());
        }

        /** Renders one use case; {@code index} counts from 1 in input order. */
        abstract void row(long index, Result r);

        /** Renders one rejected input. */
        abstract void rejected(InputError e);

        /** Writes the report: the totals, then what was spooled. */
        abstract void write(Portfolio p);

        /** Lets go of the spools, written or not. */
        abstract void discard();

        private final Consumer<String> warn;

        /** A spool for this report, warning on stderr (once a report) should it have to stay in memory. */
        Spool spool() {
            return new Spool(warn);
        }

        @Override
        public final void result(Result result, String rendered) {
            portfolio.add(result);
            row(portfolio.useCases(), result);
        }

        @Override
        public final void error(InputError error) {
            portfolio.add(error);
            rejected(error);
            TextReportWriter.writeError(error, err);
        }

        @Override
        public final void finish() {
            try {
                write(portfolio);
            } finally {
                discard();
            }
            err.flush();
        }

        @Override
        public final void abandon() {
            discard();
            err.flush();
        }
    }
}
