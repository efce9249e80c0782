package dev.finetuneadvisor.engine.verify;

import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.engine.FactField;
import dev.finetuneadvisor.model.FieldType;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.Status;
import dev.finetuneadvisor.model.TextExample;
import dev.finetuneadvisor.model.UseCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The cases of a fact space, generated. A covering array alone leaves the deep verdicts out of reach (passing all
 * six gates takes some twenty fields given just so, which almost no mix of values does), so the space has layers:
 * <ol>
 *   <li>the covering array: every combination of any t dimensions' values, every other field as the row has it
 *       (mostly mixed, often absent) -- where gates stop early and facts are missing;</li>
 *   <li>deviations from backgrounds: use cases on which every gate passes, found by the rules themselves (from an
 *       empty case, the first gate that does not pass is made to pass one field at a time, trying each value of the
 *       space for the fields that gate names), with every combination of any {@code deviations} dimensions' values
 *       set on them -- where the later gates, the verdict to fine-tune and its advice are decided; and, for every
 *       gate, a use case that stops there, failing it (with the same deviations: where each verdict and the advice
 *       that comes with it are decided) or leaving it unknown (with one field fewer at a time);</li>
 *   <li>a seeded random sample;</li>
 *   <li>flip cases: for a sample of covering and background cases, each volume field either side of every point
 *       where what the rules decide changes, found by bisection as the counterfactual search finds a boundary.</li>
 * </ol>
 * Same rules, same options, same cases.
 *
 * @param space the space's dimensions and values
 * @param cases every case, covering first, then random, then flip
 * @param strength the t asked for
 * @param achieved the largest t fully covered
 * @param covered t-way combinations covered at the strength asked for
 * @param combinations t-way combinations there are
 * @param coveringCases how many cases the covering array gave
 * @param randomCases how many the random sample gave
 * @param flipCases how many the flip search gave
 * @param evaluations evaluations the flip search and the probe of text values ran
 * @param backgrounds the use cases the deviations are set on
 * @param backgroundsPass true when every background passes every gate (false: the space's values let the search
 *                        get only so far)
 * @param deviationStrength how many dimensions at a time are set on a background
 * @param deviationCases cases set on a background
 */
public record Space(FactSpace space, List<SpaceCase> cases, int strength, int achieved, long covered, long combinations,
                    int coveringCases, int randomCases, int flipCases, long evaluations, List<SpaceCase> backgrounds,
                    boolean backgroundsPass, int deviationStrength, int deviationCases) {

    /** The options a space is generated with. */
    public record Options(int strength, int deviations, long seed, int random, int flipSample, int maxCovering) {
        public Options {
            if (strength < 1 || strength > CoveringArray.MAX_T) {
                throw new IllegalArgumentException("the strength t must be from 1 to " + CoveringArray.MAX_T + ", not " + strength);
            }
            if (deviations < 0 || deviations > 2) {
                throw new IllegalArgumentException("deviations from the background must be 0, 1 or 2, not " + deviations);
            }
            if (random < 0 || flipSample < 0 || maxCovering < 1) {
                throw new IllegalArgumentException("counts must not be negative");
            }
        }

        /** What {@code advisor verify} and {@code diff --space} use by default: t = 3, pairs on the background, 1,000 random cases, 24 flip samples. */
        public static Options defaults() {
            return new Options(3, 2, 1, 1000, 24, 50_000);
        }

        /** The smaller space the test suite checks the shipped rules on: t = 2, single deviations, 200 random cases, 8 flip samples. */
        public static Options quick() {
            return new Options(2, 1, 1, 200, 8, 50_000);
        }
    }


    /**
     * Generates the space of one or more rule sets (the space diff passes both), searching the flips on {@code threads}
     * threads (the cases are the same whatever their number).
     *
     * @param space the dimensions, built from the rules' thresholds
     * @param evaluators the rule sets the backgrounds and flips are searched under
     */
    public static Space generate(FactSpace space, List<Evaluator> evaluators, Options options, int threads) {
        long[] evaluations = {0};
        int[] counts = space.counts();
        List<int[]> rows = CoveringArray.generate(counts, options.strength(), options.maxCovering());
        long[] coverage = CoveringArray.coverage(rows, counts, options.strength());
        int achieved = coverage[0] == coverage[1] ? Math.min(options.strength(), counts.length) : 0;
        for (int t = options.strength() - 1; achieved == 0 && t >= 1; t--) {
            long[] c = CoveringArray.coverage(rows, counts, t);
            if (c[0] == c[1]) {
                achieved = t;
            }
        }
        Map<String, SpaceCase> cases = new LinkedHashMap<>();
        for (int[] row : rows) {
            add(cases, space.caseOf(row, "", "covering"));
        }
        int covering = cases.size();
        List<SpaceCase> backgrounds = new ArrayList<>();
        boolean backgroundsPass = true;
        for (Evaluator e : evaluators) {
            for (boolean reverse : new boolean[] {false, true}) {
                SpaceCase b = background(space, e, reverse, evaluations);
                Outcome o = Verifier.outcome(e, b, space.fields());
                evaluations[0]++;
                backgroundsPass &= o.ok() && o.result().gates().stream().allMatch(g -> g.getStatus() == Status.PASS);
                if (backgrounds.stream().noneMatch(x -> x.given().equals(b.given()))) {
                    backgrounds.add(b);
                }
            }
        }
        Map<String, SpaceCase> stops = stoppingBackgrounds(space, backgrounds, evaluators, evaluations);
        int before = cases.size();
        for (SpaceCase b : backgrounds) {
            deviations(space, b, options.deviations(), cases);
        }
        // a verdict's background (its gate fails) gets the same deviations; one that leaves its gate unknown
        // (NEEDS_INFO, which only asks for facts) one fewer
        stops.forEach((stop, b) -> deviations(space, b, stop.endsWith(Status.FAIL.name()) ? options.deviations()
                : Math.max(0, options.deviations() - 1), cases));
        int deviation = cases.size() - before;
        before = cases.size();
        for (int[] row : space.randomRows(options.random(), options.seed())) {
            add(cases, space.caseOf(row, "", "random"));
        }
        int random = cases.size() - before;
        List<SpaceCase> sampled = new ArrayList<>(cases.values()).subList(0, covering + deviation);
        List<SpaceCase> flips = flips(space, sampled, evaluators, options.flipSample(), evaluations, threads);
        before = cases.size();
        for (SpaceCase f : flips) {
            add(cases, f.named("", "flip"));
        }
        int flip = cases.size() - before;
        List<SpaceCase> numbered = new ArrayList<>();
        for (SpaceCase c : cases.values()) {
            numbered.add(c.named(id(numbered.size()), c.origin()));
        }
        return new Space(space, List.copyOf(numbered), options.strength(), achieved, coverage[0], coverage[1], covering, random,
                flip, evaluations[0], List.copyOf(backgrounds), backgroundsPass, options.deviations(), deviation);
    }

    /** Adds a case unless one with the same facts is there. */
    private static void add(Map<String, SpaceCase> cases, SpaceCase c) {
        cases.putIfAbsent(c.given().toString(), c);
    }

    /**
     * A use case on which every gate passes, as far as the space's values allow: from an empty case, the first gate
     * that does not pass is given, one field at a time, the value of the space (for the fields it names) that gets
     * furthest -- more gates passed in order, then the stopping gate unknown rather than failing, with fewer facts
     * missing. The first value tried wins a tie, so the background is the same every run. Two backgrounds are made,
     * trying the fields in fact-file order and in reverse: where either of two facts passes a gate (the cost or the
     * latency at volume-or-latency), each background passes it by another, and the deviations from both reach the
     * advice that turns on which one did.
     */
    public static SpaceCase background(FactSpace space, Evaluator evaluator, boolean reverse, long[] evaluations) {
        SpaceCase current = new SpaceCase("background", "background", Map.of());
        long score = score(Verifier.outcome(evaluator, current, space.fields()));
        evaluations[0]++;
        for (int step = 0; step < 100; step++) {
            Outcome o = Verifier.outcome(evaluator, current, space.fields());
            evaluations[0]++;
            GateResult stop = o.ok() ? o.result().gates().stream().filter(g -> g.getStatus() != Status.PASS).findFirst().orElse(null) : null;
            if (o.ok() && stop == null) {
                return current;
            }
            List<String> named = stop == null ? List.of() : stop.getFields();
            SpaceCase best = null;
            long bestScore = score;
            int n = space.dimensions().size();
            for (int k = 0; k < n; k++) {
                int d = reverse ? n - 1 - k : k;
                FactSpace.Dimension dim = space.dimensions().get(d);
                if (!named.isEmpty() && dim.paths().stream().noneMatch(named::contains)) {
                    continue;
                }
                for (int i = 0; i < dim.values().size(); i++) {
                    SpaceCase next = space.set(current, d, i);
                    long s = score(Verifier.outcome(evaluator, next, space.fields()));
                    evaluations[0]++;
                    if (s > bestScore) {
                        bestScore = s;
                        best = next;
                    }
                }
            }
            if (best == null) {
                return current; // no single value gets further: the best background the space allows
            }
            current = best;
            score = bestScore;
        }
        return current;
    }

    /**
     * For every gate, a use case that stops there -- every gate before it passes, it fails -- and one on which it is
     * unknown, where the space has them: the first case, in dimension and value order, that changes one field of a
     * background every gate passes so (or, for a gate unknown after one change, two). The later gates' verdicts (GET_DATA_FIRST, SIMPLER_ARCHITECTURE) take a dozen
     * fields given just so, which a covering array's rows almost never are; these backgrounds, each with one field at
     * a time set otherwise, reach them and what comes with them. Keyed {@code "NN STATUS"} ({@code "06 FAIL"}), in gate order.
     */
    public static Map<String, SpaceCase> stoppingBackgrounds(FactSpace space, List<SpaceCase> passing, List<Evaluator> evaluators,
                                                             long[] evaluations) {
        Map<String, SpaceCase> found = new TreeMap<>();
        for (Evaluator e : evaluators) {
            for (SpaceCase b : passing) {
                stops(space, b, e, found, evaluations);
            }
            // a gate either of two facts passes (volume-or-latency) is unknown after one change and fails after two or three:
            // from the unknown case, the change that leaves fewest facts missing at that gate, until it fails
            for (Map.Entry<String, SpaceCase> unknown : new ArrayList<>(found.entrySet())) {
                String gate = unknown.getKey().substring(0, 2);
                String failed = gate + " " + Status.FAIL.name();
                SpaceCase current = unknown.getValue();
                for (int step = 0; step < 3 && current != null && unknown.getKey().endsWith(Status.UNKNOWN.name())
                        && !found.containsKey(failed); step++) {
                    current = towardsFailing(space, current, Integer.parseInt(gate), e, found, evaluations);
                }
            }
        }
        Map<String, SpaceCase> out = new LinkedHashMap<>();
        found.forEach((stop, c) -> {
            if (passing.stream().noneMatch(x -> x.given().equals(c.given())) && out.values().stream().noneMatch(x -> x.given().equals(c.given()))) {
                out.put(stop, c);
            }
        });
        return out;
    }

    /** Records, by {@code "NN STATUS"} of the gate it stops at, the first case one field away from {@code from} that stops there. */
    private static void stops(FactSpace space, SpaceCase from, Evaluator e, Map<String, SpaceCase> found, long[] evaluations) {
        for (int d = 0; d < space.dimensions().size(); d++) {
            for (int i = 0; i < space.dimensions().get(d).values().size(); i++) {
                SpaceCase c = space.set(from, d, i);
                GateResult stop = stop(Verifier.outcome(e, c, space.fields()));
                evaluations[0]++;
                if (stop != null) {
                    found.putIfAbsent(String.format("%02d %s", stop.getNumber(), stop.getStatus()), c.named("", "background"));
                }
            }
        }
    }

    /**
     * One field away from {@code from} (which stops unknown at gate {@code gate}): a case that fails there, recorded and
     * returned, else the one still stopping there with fewest facts missing (fewer than now), else null.
     */
    private static SpaceCase towardsFailing(FactSpace space, SpaceCase from, int gate, Evaluator e, Map<String, SpaceCase> found,
                                            long[] evaluations) {
        GateResult now = stop(Verifier.outcome(e, from, space.fields()));
        evaluations[0]++;
        int missing = now == null ? Integer.MAX_VALUE : now.getFields().size();
        SpaceCase best = null;
        for (int d = 0; d < space.dimensions().size(); d++) {
            for (int i = 0; i < space.dimensions().get(d).values().size(); i++) {
                SpaceCase c = space.set(from, d, i);
                GateResult stop = stop(Verifier.outcome(e, c, space.fields()));
                evaluations[0]++;
                if (stop == null || stop.getNumber() != gate) {
                    continue;
                }
                if (stop.getStatus() == Status.FAIL) {
                    found.putIfAbsent(String.format("%02d %s", gate, Status.FAIL), c.named("", "background"));
                    return c;
                }
                if (stop.getFields().size() < missing) {
                    missing = stop.getFields().size();
                    best = c;
                }
            }
        }
        return best;
    }

    /** The first gate that does not pass, when it is reached (FAIL or UNKNOWN); null when all pass or the rules failed. */
    private static GateResult stop(Outcome o) {
        if (!o.ok()) {
            return null;
        }
        GateResult g = o.result().gates().stream().filter(x -> x.getStatus() != Status.PASS).findFirst().orElse(null);
        return g == null || g.getStatus() == Status.NOT_REACHED ? null : g;
    }

    /**
     * How far a case gets: gates passed in order (most important); then, of the gate that stops it, unknown (facts
     * missing, fewer better) before failing (a value that fails).
     */
    private static long score(Outcome o) {
        if (!o.ok()) {
            return Long.MIN_VALUE;
        }
        long passed = 0;
        for (GateResult g : o.result().gates()) {
            if (g.getStatus() != Status.PASS) {
                return passed * 1000 + (g.getStatus() == Status.UNKNOWN ? 500 - 10L * g.getFields().size() : 0);
            }
            passed++;
        }
        return passed * 1000;
    }

    /** The background with every combination of up to {@code t} dimensions set to each of their other values. */
    private static void deviations(FactSpace space, SpaceCase background, int t, Map<String, SpaceCase> cases) {
        int n = space.dimensions().size();
        int[] own = new int[n];
        for (int d = 0; d < n; d++) {
            own[d] = space.indexIn(background, d);
        }
        add(cases, background.named("", "background"));
        if (t < 1) {
            return;
        }
        for (int d = 0; d < n; d++) {
            for (int i = 0; i < space.dimensions().get(d).values().size(); i++) {
                if (i == own[d]) {
                    continue;
                }
                SpaceCase one = space.set(background, d, i);
                add(cases, one.named("", "background"));
                if (t < 2) {
                    continue;
                }
                for (int e = d + 1; e < n; e++) {
                    for (int j = 0; j < space.dimensions().get(e).values().size(); j++) {
                        if (j != own[e]) {
                            add(cases, space.set(one, e, j).named("", "background"));
                        }
                    }
                }
            }
        }
    }

    static String id(int n) {
        return String.format("space-%06d", n + 1);
    }

    /**
     * The values of free-text fields that the rules' tables name ({@link TextExample}), found by evaluating one use
     * case per value of each choice field (a table is inserted only where it is needed, such as the synthetic-data
     * generators where the data is synthetic).
     */
    public static Map<String, List<String>> textValues(List<FactField> fields, List<Evaluator> evaluators) {
        Map<String, Set<String>> found = new TreeMap<>();
        List<UseCase> probes = new ArrayList<>();
        probes.add(new UseCase());
        for (FactField f : fields) {
            if (f.type() == FieldType.CHOICE) {
                for (Object v : f.choices()) {
                    UseCase u = new UseCase();
                    f.set(u, v);
                    probes.add(u);
                }
            }
        }
        for (Evaluator e : evaluators) {
            for (UseCase u : probes) {
                u.setId("probe");
                try {
                    for (TextExample t : e.derived(u, TextExample.class)) {
                        // sorted: a session hands its facts back in no fixed order
                        found.computeIfAbsent(t.getExampleField(), k -> new TreeSet<>()).add(t.getExample());
                    }
                } catch (RuntimeException ignored) {
                    // a rule that fails here fails the same case again in the space, where it is reported
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        found.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /** For {@code sample} covering cases, each volume field set alone, either side of each point where the decision flips. */
    private static List<SpaceCase> flips(FactSpace space, List<SpaceCase> covering, List<Evaluator> evaluators, int sample,
                                         long[] evaluations, int threads) {
        List<FactField> volumes = space.fields().stream().filter(f -> f.type() == FieldType.VOLUME).toList();
        if (sample == 0 || covering.isEmpty() || volumes.isEmpty()) {
            return List.of();
        }
        // one search per (case, volume field, rule set), in this order; run on the threads, merged in order
        List<SpaceCase> bases = new ArrayList<>();
        List<FactField> searched = new ArrayList<>();
        List<Evaluator> under = new ArrayList<>();
        int stride = Math.max(1, covering.size() / sample);
        for (int i = 0, taken = 0; i < covering.size() && taken < sample; i += stride, taken++) {
            for (FactField f : volumes) {
                SpaceCase alone = covering.get(i);
                for (String alt : f.alternatives()) {
                    alone = alone.without(alt);
                }
                for (Evaluator e : evaluators) {
                    bases.add(alone);
                    searched.add(f);
                    under.add(e);
                }
            }
        }
        @SuppressWarnings("unchecked")
        List<SpaceCase>[] found = new List[bases.size()];
        AtomicLong runs = new AtomicLong();
        IntConsumer search = t -> {
            long[] count = {0};
            List<SpaceCase> pairs = new ArrayList<>();
            FactField f = searched.get(t);
            for (long at : flipPoints(bases.get(t), f, space.fields(), under.get(t), count)) {
                pairs.add(bases.get(t).with(f.path(), f.fromUnits(at - 1), space.fields()));
                pairs.add(bases.get(t).with(f.path(), f.fromUnits(at), space.fields()));
            }
            runs.addAndGet(count[0]);
            found[t] = pairs;
        };
        if (threads <= 1) {
            IntStream.range(0, bases.size()).forEach(search);
        } else {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(() -> IntStream.range(0, bases.size()).parallel().forEach(search)).join();
            } finally {
                pool.shutdown();
            }
        }
        evaluations[0] += runs.get();
        Map<String, SpaceCase> out = new LinkedHashMap<>();
        for (List<SpaceCase> pairs : found) {
            pairs.forEach(c -> out.putIfAbsent(c.given().toString(), c));
        }
        return new ArrayList<>(out.values());
    }

    /** The grid points (in units) where the decision changes as {@code f} grows, each the first unit of the new decision. */
    static List<Long> flipPoints(SpaceCase base, FactField f, List<FactField> fields, Evaluator evaluator, long[] evaluations) {
        List<Long> grid = new ArrayList<>();
        long max = f.maxUnits();
        grid.add(0L);
        for (long decade = 1; decade > 0 && decade <= max; decade *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                long v = decade * m;
                if (v <= max && v / m == decade) {
                    grid.add(v);
                }
            }
        }
        if (grid.get(grid.size() - 1) != max) {
            grid.add(max);
        }
        TreeSet<Long> flips = new TreeSet<>();
        Function<Long, String> decide = units -> {
            evaluations[0]++;
            return Verifier.outcome(evaluator, base.with(f.path(), f.fromUnits(units), fields), fields).decision();
        };
        String previous = decide.apply(grid.get(0));
        for (int i = 1; i < grid.size(); i++) {
            String next = decide.apply(grid.get(i));
            if (!next.equals(previous)) {
                long lo = grid.get(i - 1);
                long hi = grid.get(i);
                String low = previous;
                while (hi - lo > 1) {
                    long mid = lo + (hi - lo) / 2;
                    if (Objects.equals(decide.apply(mid), low)) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                flips.add(hi);
            }
            previous = next;
        }
        return new ArrayList<>(flips);
    }
}
