package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A portfolio as the report writers see it: the results and errors in input order, and totals counted
 * from what the rules concluded (gate statuses, verdicts, cost estimates). It only counts and adds up:
 * every decision was made by the rules.
 */
public final class Portfolio {
    /** One gate of the funnel: how many use cases reached it and how many passed it, in the framework's order. */
    public record Step(int number, String name, long reached, long passed) {
    }

    private final List<Result> results = new ArrayList<>();
    private final List<InputError> errors = new ArrayList<>();
    private final TreeMap<Integer, long[]> gates = new TreeMap<>();
    private final Map<Integer, String> gateNames = new TreeMap<>();
    private final Map<String, Long> verdicts = new TreeMap<>();
    private double frontierUsdPerYear;
    private double fineTuneUsdPerYear;
    private long costed;

    public void add(Result r) {
        results.add(r);
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
            costed++;
            frontierUsdPerYear += c.getFrontierUsdPerYear();
            fineTuneUsdPerYear += c.getFineTuneUsdPerYear();
        }
    }

    public void add(InputError e) {
        errors.add(e);
    }

    public List<Result> results() { return results; }

    public List<InputError> errors() { return errors; }

    /** The gates in order with how many use cases reached and passed each. */
    public List<Step> funnel() {
        List<Step> steps = new ArrayList<>();
        gates.forEach((n, c) -> steps.add(new Step(n, gateNames.get(n), c[0], c[1])));
        return steps;
    }

    /** Use cases per verdict, sorted by verdict. */
    public Map<String, Long> verdicts() { return verdicts; }

    /** Use cases whose cost the rules estimated (the volume is known). */
    public long costed() { return costed; }

    public double frontierUsdPerYear() { return Math.round(frontierUsdPerYear * 100.0) / 100.0; }

    public double fineTuneUsdPerYear() { return Math.round(fineTuneUsdPerYear * 100.0) / 100.0; }

    /** The first gate that does not pass, by name, or null when all pass. */
    public static String stoppedAt(Result r) {
        return r.gates().stream().filter(g -> g.getStatus() != Status.PASS).map(GateResult::getName).findFirst().orElse(null);
    }

    /** A sink that gathers the portfolio and hands it to {@code write} at the end; errors also go to stderr as they come. */
    static ResultSink gathering(java.io.PrintWriter err, java.util.function.Consumer<Portfolio> write) {
        Portfolio p = new Portfolio();
        return new ResultSink() {
            @Override
            public void result(Result result, String rendered) {
                p.add(result);
            }

            @Override
            public void error(InputError error) {
                p.add(error);
                TextReportWriter.writeError(error, err);
            }

            @Override
            public void finish() {
                write.accept(p);
                err.flush();
            }
        };
    }
}
