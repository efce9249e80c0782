package dev.finetuneadvisor.engine.verify;

import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.engine.FactField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * What a rule change does to the whole fact space ({@code advisor diff --space}): the space of both rule sets
 * (every number either compares a field with, both backgrounds), evaluated under each, and the cases whose
 * decision changed, grouped by how it changed.
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
     * One way decisions changed: the verdict before and after, the codes gained and lost.
     *
     * @param from the verdict under the base rules (or "failed: KIND")
     * @param to the verdict under the current rules
     * @param gained codes the current rules conclude that the base rules did not
     * @param lost codes the base rules concluded that the current rules do not
     * @param cases how many cases of the space changed so
     * @param examples the cases that changed so, in space order
     */
    public record Group(String from, String to, List<String> gained, List<String> lost, long cases, List<SpaceCase> examples) {
    }

    /**
     * The space diff.
     *
     * @param cases cases of the space evaluated under both rule sets
     * @param groups each way decisions changed, most cases first
     * @param numbersOnly cases with the same verdict and codes whose gates or cost figures changed
     * @param space the space generated
     * @param evaluations evaluations run in all
     * @param millis wall-clock time
     */
    public record Report(int cases, List<Group> groups, long numbersOnly, Space space, long evaluations, long millis) {
        public boolean changed() {
            return !groups.isEmpty() || numbersOnly > 0;
        }
    }

    /** Generates the space of both rule sets, evaluates it under each, groups the changes. */
    public Report run(Space.Options options) {
        long start = System.nanoTime();
        CompiledRules b = base.rules();
        CompiledRules c = current.rules();
        Thresholds thresholds = Thresholds.read(c.sources(), c.assumptions()).and(Thresholds.read(b.sources(), b.assumptions()));
        List<Evaluator> both = List.of(current, base);
        FactSpace space = FactSpace.of(c.fields(), c.assumptions(), thresholds, Space.textValues(fields, both));
        Space generated = Space.generate(space, both, options);
        List<SpaceCase> cases = generated.cases();
        Outcome[] before = new Outcome[cases.size()];
        Outcome[] after = new Outcome[cases.size()];
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, cases.size()).parallel().forEach(i -> {
                before[i] = Verifier.outcome(base, cases.get(i), fields);
                after[i] = Verifier.outcome(current, cases.get(i), fields);
            })).join();
        } finally {
            pool.shutdown();
        }
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
        List<Group> groups = new ArrayList<>();
        byKey.forEach((k, indexes) -> {
            Outcome o = before[indexes.get(0)];
            Outcome n = after[indexes.get(0)];
            TreeSet<String> gained = new TreeSet<>(n.codes());
            gained.removeAll(o.codes());
            TreeSet<String> lost = new TreeSet<>(o.codes());
            lost.removeAll(n.codes());
            groups.add(new Group(verdict(o), verdict(n), List.copyOf(gained), List.copyOf(lost), indexes.size(),
                    indexes.stream().map(cases::get).toList()));
        });
        groups.sort((x, y) -> Long.compare(y.cases(), x.cases()));
        long evaluations = generated.evaluations() + 2L * cases.size();
        return new Report(cases.size(), groups, numbersOnly, generated, evaluations, (System.nanoTime() - start) / 1_000_000);
    }

    /** How a case's decision changed -- verdict, codes gained, codes lost -- or null when neither changed. */
    static String key(Outcome before, Outcome after) {
        String from = verdict(before);
        String to = verdict(after);
        TreeSet<String> gained = new TreeSet<>(after.codes());
        gained.removeAll(before.codes());
        TreeSet<String> lost = new TreeSet<>(before.codes());
        lost.removeAll(after.codes());
        if (from.equals(to) && gained.isEmpty() && lost.isEmpty()) {
            return null;
        }
        return from + " -> " + to + " +" + gained + " -" + lost;
    }

    private static String verdict(Outcome o) {
        return o.ok() ? o.result().verdict() : "failed: " + o.failure().kind();
    }

    /** The fields of the space, in fact-file order. */
    public List<FactField> fields() {
        return fields;
    }
}
