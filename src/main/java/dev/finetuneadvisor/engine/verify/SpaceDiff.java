package dev.finetuneadvisor.engine.verify;

import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.engine.FactField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * What a rule change does to the whole fact space ({@code advisor diff --space}): the space of both rule sets
 * (every number either compares a field with, both backgrounds), evaluated under each, and the cases whose
 * decision changed, grouped by how it changed. Each group gets a representative -- its first case in space order,
 * made minimal ({@link Minimizer}) while it stays in the group -- and, for each number that representative gives,
 * the interval within which it stays there ({@link Boundary}). Groups are worked on in parallel, each on its own,
 * so the report is the same on any number of threads.
 */
public final class SpaceDiff {
    private final Evaluator base;
    private final Evaluator current;
    private final int threads;
    private final List<FactField> fields;

    public SpaceDiff(Evaluator base, Evaluator current, int threads) {
        this.base = base;
        this.current = current;
        this.threads = Math.max(1, threads);
        CompiledRules rules = current.rules();
        this.fields = FactField.all(rules.fields(), rules.assumptions(), true);
    }

    /**
     * One way decisions changed: the verdict before and after, the advisory codes gained and lost.
     *
     * @param key what the cases of the group share (verdict before and after, every code gained and lost)
     * @param from the verdict under the base rules (or "failed: KIND")
     * @param to the verdict under the current rules (or "failed: KIND")
     * @param gained codes the current rules conclude that the base rules did not, but for the verdict's own
     * @param lost codes the base rules concluded that the current rules do not, but for the verdict's own
     * @param cases how many cases of the space changed so
     * @param representative the group's first case in space order, with as few fields given as keep it in the group
     * @param boundaries for each number the representative gives, where the case leaves the group when that number
     *                   alone moves (only those bounded inside the field's range on some side)
     */
    public record Group(String key, String from, String to, List<String> gained, List<String> lost, long cases,
                        SpaceCase representative, List<Boundary> boundaries) {
    }

    /**
     * The space diff.
     *
     * @param cases cases of the space evaluated under both rule sets
     * @param groups each way decisions changed, most cases first (then by key)
     * @param numbersOnly cases with the same verdict and codes whose gates or cost figures changed
     * @param space the space generated
     * @param options the options it was generated with
     * @param evaluations evaluations run in all (generating the space, both rule sets on it, representatives, boundaries)
     * @param millis wall-clock time
     */
    public record Report(int cases, List<Group> groups, long numbersOnly, Space space, Space.Options options, long evaluations,
                         long millis) {
        public boolean changed() {
            return !groups.isEmpty() || numbersOnly > 0;
        }

        /** Cases whose verdict or codes changed. */
        public long changedCases() {
            return groups.stream().mapToLong(Group::cases).sum();
        }
    }

    /** Generates the space of both rule sets, evaluates it under each, groups the changes. */
    public Report run(Space.Options options) {
        long start = System.nanoTime();
        CompiledRules b = base.rules();
        CompiledRules c = current.rules();
        Thresholds thresholds = Thresholds.read(c.sources(), c.assumptions()).and(Thresholds.read(b.sources(), b.assumptions()))
                .alongAlternatives(fields, List.of(current, base));
        List<Evaluator> both = List.of(current, base);
        FactSpace space = FactSpace.of(c.fields(), c.assumptions(), thresholds, Space.textValues(fields, both));
        Space generated = Space.generate(space, both, options, threads);
        List<SpaceCase> cases = generated.cases();
        Outcome[] before = new Outcome[cases.size()];
        Outcome[] after = new Outcome[cases.size()];
        parallel(cases.size(), i -> {
            before[i] = Verifier.outcome(base, cases.get(i), fields);
            after[i] = Verifier.outcome(current, cases.get(i), fields);
        });
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        long numbersOnly = 0;
        for (int i = 0; i < cases.size(); i++) {
            String key = key(before[i], after[i]);
            if (key != null) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            } else if (!Verifier.canonical(before[i]).equals(Verifier.canonical(after[i]))) {
                numbersOnly++;
            }
        }
        List<String> keys = new ArrayList<>(byKey.keySet());
        Group[] groups = new Group[keys.size()];
        AtomicLong evaluations = new AtomicLong(generated.evaluations() + 2L * cases.size());
        parallel(keys.size(), g -> {
            List<Integer> indexes = byKey.get(keys.get(g));
            int first = indexes.get(0);
            groups[g] = group(keys.get(g), before[first], after[first], indexes.size(), cases.get(first), space, evaluations);
        });
        List<Group> sorted = new ArrayList<>(Arrays.asList(groups));
        sorted.sort(Comparator.comparingLong(Group::cases).reversed().thenComparing(Group::key));
        return new Report(cases.size(), List.copyOf(sorted), numbersOnly, generated, options, evaluations.get(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** A group: its codes, its first case made minimal, and the boundaries of that case's numbers. */
    private Group group(String key, Outcome o, Outcome n, long count, SpaceCase first, FactSpace space, AtomicLong evaluations) {
        String from = verdict(o);
        String to = verdict(n);
        List<String> gained = changed(o, n, to, true);
        List<String> lost = changed(o, n, from, false);
        Predicate<SpaceCase> inGroup = x -> {
            evaluations.addAndGet(2);
            return key.equals(key(Verifier.outcome(base, x, fields), Verifier.outcome(current, x, fields)));
        };
        SpaceCase representative = Minimizer.minimize(first, inGroup);
        List<Boundary> boundaries = new ArrayList<>();
        representative.given().forEach((path, value) -> {
            FactField f = FactField.find(fields, path);
            if (f != null && f.isNumber() && value instanceof Number) {
                Boundary found = Boundary.search(representative, f, space.valuesOf(path), fields, inGroup);
                if (found != null) {
                    boundaries.add(found.decidedBy(representative, f, fields, x -> {
                        evaluations.addAndGet(2);
                        return key(Verifier.outcome(base, x, fields), Verifier.outcome(current, x, fields)) != null;
                    }));
                }
            }
        });
        return new Group(key, from, to, List.copyOf(gained), List.copyOf(lost), count, representative, List.copyOf(boundaries));
    }

    private void parallel(int n, IntConsumer body) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
        } finally {
            pool.shutdown();
        }
    }

    /**
     * How a case's decision changed -- verdict, codes gained, codes lost, each with how many times it is given -- or
     * null when none changed.
     */
    static String key(Outcome before, Outcome after) {
        String from = verdict(before);
        String to = verdict(after);
        List<String> gained = changed(before, after, to, true);
        List<String> lost = changed(before, after, from, false);
        if (from.equals(to) && gained.isEmpty() && lost.isEmpty()) {
            return null;
        }
        return from + " -> " + to + " +" + gained + " -" + lost;
    }

    /** Each code and how many times it is given. */
    static Map<String, Integer> counts(Outcome o) {
        Map<String, Integer> out = new TreeMap<>();
        if (o.ok()) {
            o.result().recommendations().forEach(r -> out.merge(r.getCode(), 1, Integer::sum));
        }
        return out;
    }

    /**
     * The codes whose count went up ({@code gained}) or down, from {@code before} to {@code after}, sorted, the verdict's
     * own left out: the code alone when it is now given once (gained) or no more (lost), else {@code CODE×N}, N the
     * times it is given now ({@code NOISY_DATA×2}: given twice now).
     */
    static List<String> changed(Outcome before, Outcome after, String verdict, boolean gained) {
        Map<String, Integer> was = counts(before);
        Map<String, Integer> now = counts(after);
        TreeSet<String> codes = new TreeSet<>(was.keySet());
        codes.addAll(now.keySet());
        List<String> out = new ArrayList<>();
        for (String code : codes) {
            int w = was.getOrDefault(code, 0);
            int n = now.getOrDefault(code, 0);
            if (code.equals(verdict) || (gained ? n <= w : n >= w)) {
                continue;
            }
            out.add((gained ? n == 1 : n == 0) ? code : code + "\u00d7" + n);
        }
        return out;
    }

    static String verdict(Outcome o) {
        return o.ok() ? o.result().verdict() : "failed: " + o.failure().kind();
    }

}
