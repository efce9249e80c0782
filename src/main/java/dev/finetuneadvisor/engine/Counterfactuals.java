package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.BreakEven;
import dev.finetuneadvisor.model.Change;
import dev.finetuneadvisor.model.Counterfactual;
import dev.finetuneadvisor.model.FieldType;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Status;
import dev.finetuneadvisor.model.TaskFact;
import dev.finetuneadvisor.model.UseCase;
import dev.finetuneadvisor.model.Wording;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * "Why not, and what would change it": the smallest changes to a use case's facts that make the rules
 * reach a target code, found by re-running the real rules on changed copies ({@link Evaluator}) and
 * searching, never by a second copy of the logic. Which facts to vary comes from the rules themselves:
 * each gate's {@code fields}, the facts its checks looked at; whether a fact may be varied at all comes
 * from the catalogue of fact fields ({@code rules/fields.yaml}): levers (a team's actions) and conditions
 * (volume, prices) are varied and each change carries its kind; a description of the task (knowledge or
 * behavior, general reasoning, the latency budget, privacy) never is. The descriptions that stand in the
 * way are reported instead, as the counterfactual's {@code taskFacts}, for the rules to word. Costly (tens
 * to hundreds of evaluations per use case), so it is computed only when asked for; batch runs skip it.
 *
 * <p>Towards the verdict every gate passing gives ({@code FINE_TUNE}, declared in {@code rules/fields.yaml}
 * as {@code allGatesPass:}, the default target) the search walks the gates in order: for the gate the use
 * case stopped at (as its verdict rule names it) it tries each of the gate's fields alone; when none passes
 * the gate alone it changes each field until its own check stops holding the gate back; then it goes on with
 * the next gate, until the verdict is reached. With one gate in the way, every single change that reaches
 * the target is an alternative. For any other code it first tries every searchable field alone, then takes a
 * gate step towards {@code FINE_TUNE} and tries again; when that does not reach it, the descriptions that
 * alone would are reported. A gate that still fails on a description of the task once its levers are set
 * stops the walk, without those levers: they would not change the outcome. When every field a gate reports
 * is a description, the levers and conditions the catalogue says the gate reads are tried instead (a volume
 * for a latency budget the frontier already meets). A plan of several changes is then tightened: a change
 * that is no longer needed is dropped, and each number is moved back as close to its current value as still
 * works.
 * The explanation of each counterfactual is written by the rules in {@code rules/explain/}.
 */
public final class Counterfactuals {
    private static final int MAX_STEPS = 16;

    private final Evaluator evaluator;
    private final List<FactField> fields;
    /** The verdict every gate passing gives, as the catalogue of fact fields declares it: the default target. */
    private final String allGatesPass;

    public Counterfactuals(Evaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.fields = FactField.all(evaluator.rules().fields(), evaluator.assumptions());
        this.allGatesPass = evaluator.rules().fields().allGatesPass();
    }

    /** The fields a search may vary, in fact-file order. */
    public List<FactField> fields() {
        return fields;
    }

    /**
     * The verdict every gate passing gives ({@code allGatesPass:} in {@code rules/fields.yaml}),
     * unless the verdict already is it (then there is no default target: null).
     */
    public String defaultTarget(Result result) {
        return allGatesPass.equals(result.verdict()) ? null : allGatesPass;
    }

    /**
     * The counterfactuals that reach {@code target} from this use case (whose Result is {@code result}).
     *
     * @param target a verdict or advisory code; null gives an empty list
     * @return alternatives, each a complete set of changes; one with no changes when the target already
     *     holds; one with {@code reached=false} when the search cannot reach it
     */
    public List<Counterfactual> find(UseCase useCase, Result result, String target) {
        return find(useCase, result, target, new TreeSet<>());
    }

    /**
     * The result with its counterfactuals towards {@code target} attached, and the explanation rules that
     * worded them added to its rules fired (so coverage and impact diffs see them).
     */
    public Result attach(UseCase useCase, Result result, String target) {
        Set<String> wordedBy = new TreeSet<>();
        List<Counterfactual> found = find(useCase, result, target, wordedBy);
        return result.withCounterfactuals(found, wordedBy);
    }

    private List<Counterfactual> find(UseCase useCase, Result result, String target, Set<String> wordedBy) {
        if (target == null) {
            return List.of();
        }
        Probe probe = new Probe(evaluator, useCase, result.file());
        List<Counterfactual> found = result.hasCode(target)
                ? List.of(new Counterfactual(target, true, result.verdict(), List.of(), null, null, null, null))
                : new Plan(probe, target).run();
        return explain(found, wordedBy);
    }

    /** The rules' own words for each counterfactual (rules/explain/). */
    private List<Counterfactual> explain(List<Counterfactual> found, Set<String> wordedBy) {
        if (found.isEmpty()) {
            return found;
        }
        List<Object> facts = new ArrayList<>(found);
        found.forEach(cf -> {
            facts.addAll(cf.getChanges());
            facts.addAll(cf.getTaskFacts());
        });
        Map<Object, List<Wording>> bySubject = new IdentityHashMap<>();
        for (Wording w : evaluator.derive(facts, Wording.class, wordedBy)) {
            bySubject.computeIfAbsent(w.getSubject(), k -> new ArrayList<>()).add(w);
        }
        return found.stream().map(cf -> cf.withExplanation(bySubject.getOrDefault(cf, List.of()).stream()
                .sorted(Comparator.comparingInt(Wording::getRank).thenComparing(Wording::getText))
                .map(Wording::getText).collect(Collectors.joining(" ")))).toList();
    }

    /** One search towards one target. */
    private final class Plan {
        private final Probe probe;
        private final String target;
        private final Predicate<Result> reached;
        private final Map<FactField, Object> with = new LinkedHashMap<>();
        private final List<Change> changes = new ArrayList<>();
        /** The descriptions of the task met on the way (towards FINE_TUNE: those the gates worked on report), by path. */
        private final Map<String, TaskFact> taskFacts = new LinkedHashMap<>();
        /** The descriptions each gate of the walk reported, by gate name. */
        private final Map<String, List<TaskFact>> stepFacts = new LinkedHashMap<>();
        /** Set when the first gate in the way can be passed by several single changes that each reach the target. */
        private List<Counterfactual> alternatives;

        Plan(Probe probe, String target) {
            this.probe = probe;
            this.target = target;
            this.reached = r -> r != null && r.hasCode(target);
        }

        List<Counterfactual> run() {
            boolean gatesOnly = allGatesPass.equals(target);
            for (int step = 0; step < MAX_STEPS; step++) {
                Result r = probe.eval(with);
                if (reached.test(r)) {
                    return List.of(done(changes));
                }
                if (!gatesOnly) {
                    List<Change> singles = new ArrayList<>();
                    for (FactField f : fields) {
                        if (!with.containsKey(f) && searchable(f)) {
                            singles.addAll(probe.search(with, f, reached));
                        }
                    }
                    if (!singles.isEmpty()) {
                        return singles.stream().map(c -> done(append(changes, c))).toList();
                    }
                }
                GateResult gate = r == null ? null : r.stoppedAt();
                if (gate == null) {
                    return List.of(unreached(null, r));
                }
                if (!passGate(gate, gatesOnly && changes.isEmpty())) {
                    return List.of(unreached(gate, r));
                }
                if (alternatives != null) {
                    return alternatives;
                }
            }
            return List.of(unreached(null, probe.eval(with)));
        }

        /**
         * Changes the gate's own fields until it passes (or makes progress); false when nothing helps, or
         * when what still holds it back is a description of the task (then the gate's levers are not kept).
         */
        private boolean passGate(GateResult gate, boolean mayBranch) {
            String name = gate.getName();
            List<FactField> reported = gate.getFields().stream().map(p -> FactField.find(fields, p)).filter(Objects::nonNull).toList();
            noteDescriptions(reported, name);
            List<FactField> candidates = reported.stream().filter(FactField::isVaried).toList();
            if (candidates.isEmpty()) {
                // only descriptions are reported: try what else the catalogue says this gate reads
                candidates = fields.stream().filter(f -> f.isVaried() && f.gates().contains(name) && !f.path().startsWith("costs.")).toList();
            }
            List<FactField> gateFields = candidates.stream().filter(f -> !with.containsKey(f) && searchable(f))
                    .sorted(Comparator.comparingInt(fields::indexOf)).toList();
            Predicate<Result> passes = res -> res != null && finding(res, name) == Status.PASS;
            List<Change> singles = new ArrayList<>();
            for (FactField f : gateFields) {
                probe.search(with, f, passes).forEach(c -> singles.add(c.forGate(name)));
            }
            if (!singles.isEmpty()) {
                if (mayBranch) {
                    List<Counterfactual> alone = singles.stream().filter(c -> probe.holds(apply(with, c), reached))
                            .map(c -> done(List.of(c))).toList();
                    if (!alone.isEmpty()) {
                        alternatives = alone;
                        return true;
                    }
                }
                make(singles.get(0));
                return true;
            }
            int before = changes.size();
            for (FactField f : gateFields) {
                Predicate<Result> cleared = res -> res != null
                        && (finding(res, name) == Status.PASS || !res.gate(name).getFields().contains(f.path()));
                if (probe.holds(with, cleared)) {
                    continue; // an earlier change already cleared it
                }
                List<Change> found = probe.search(with, f, cleared);
                if (!found.isEmpty()) {
                    make(found.get(0).forGate(name));
                }
            }
            Result now = probe.eval(with);
            GateResult after = now == null ? null : now.gate(name);
            if (after != null && after.getFinding() != Status.PASS && after.getFields().stream()
                    .map(p -> FactField.find(fields, p)).anyMatch(f -> f != null && !f.isVaried())) {
                while (changes.size() > before) {
                    with.remove(FactField.find(fields, changes.remove(changes.size() - 1).getField()));
                }
                return false;
            }
            return changes.size() > before;
        }

        /**
         * Records the descriptions among a gate's fields: reported towards FINE_TUNE; towards another code
         * the walk's gates are mere steps, kept only to name the gate that stopped it.
         */
        private void noteDescriptions(List<FactField> gateFields, String gate) {
            for (FactField f : gateFields) {
                if (!f.isVaried()) {
                    TaskFact t = new TaskFact(f.path(), probe.valueOf(with, f), gate);
                    stepFacts.computeIfAbsent(gate, g -> new ArrayList<>()).add(t);
                    if (allGatesPass.equals(target)) {
                        taskFacts.putIfAbsent(f.path(), t);
                    }
                }
            }
        }

        private void make(Change c) {
            changes.add(c);
            with.put(FactField.find(fields, c.getField()), c.getTo());
        }

        private Map<FactField, Object> apply(Map<FactField, Object> base, Change c) {
            return Probe.plus(base, FactField.find(fields, c.getField()), c.getTo());
        }

        private Map<FactField, Object> applyAll(List<Change> cs) {
            Map<FactField, Object> m = new LinkedHashMap<>();
            cs.forEach(c -> m.put(FactField.find(fields, c.getField()), c.getTo()));
            return m;
        }

        /** A plan that reaches the target: tightened, with the costs and break-even when it moves the volume. */
        private Counterfactual done(List<Change> plan) {
            List<Change> tight = tighten(plan);
            Map<FactField, Object> at = applyAll(tight);
            Result r = probe.eval(at);
            Change volume = tight.stream().filter(c -> c.getField().startsWith("volume.")).findFirst().orElse(null);
            // the break-even is a number of calls: found along a calls field only, not along tokens per call
            Change calls = tight.stream().filter(c -> FactField.find(fields, c.getField()).type() == FieldType.VOLUME)
                    .findFirst().orElse(null);
            BreakEven breakEven = calls == null ? null : breakEven(at, FactField.find(fields, calls.getField()));
            return new Counterfactual(target, true, r.verdict(), tight, null, List.copyOf(taskFacts.values()),
                    volume == null ? null : r.costs(), breakEven, null);
        }

        private List<Change> tighten(List<Change> plan) {
            if (plan.size() < 2) {
                return plan;
            }
            List<Change> tight = new ArrayList<>(plan);
            for (int i = 0; i < tight.size(); i++) {
                Change c = tight.get(i);
                List<Change> others = new ArrayList<>(tight);
                others.remove(i);
                Map<FactField, Object> without = applyAll(others);
                if (probe.holds(without, reached)) {
                    tight.remove(i--);
                    continue;
                }
                FactField f = FactField.find(fields, c.getField());
                if (f.isNumber() && c.getFrom() != null && c.getBound() != null) {
                    long b = probe.bisect(without, f, reached, f.toUnits(c.getFrom()), f.toUnits(c.getTo()));
                    b = probe.roundWithinOnePercent(without, f, reached, b, c.getBound() == Change.Bound.AT_LEAST);
                    tight.set(i, c.withTo(f.fromUnits(b)));
                }
            }
            return tight;
        }

        /** The value of a volume field at which the frontier API and a fine-tuned model cost the same a year. */
        private BreakEven breakEven(Map<FactField, Object> at, FactField f) {
            Predicate<Result> evens = res -> res != null && res.costs() != null && res.costs().isBreaksEven();
            Map<FactField, Object> rest = Probe.minus(at, f);
            long to = f.toUnits(at.get(f));
            if (!probe.holds(at, evens)) {
                return null;
            }
            long fails = -1;
            for (long u : Probe.downwards(to)) {
                if (!probe.holds(Probe.plus(rest, f, f.fromUnits(u)), evens)) {
                    fails = u;
                    break;
                }
            }
            if (fails < 0) {
                return null;
            }
            long b = probe.bisect(rest, f, evens, fails, to);
            b = probe.roundWithinOnePercent(rest, f, evens, b, true);
            Result r = probe.eval(Probe.plus(rest, f, f.fromUnits(b)));
            return new BreakEven(f.path(), f.fromUnits(b), r.costs());
        }

        /**
         * Not reached. Towards FINE_TUNE the changes so far are the start of the to-do list; towards any
         * other code they were only steps of the walk and say nothing about it, so none are reported, and
         * the descriptions of the task that alone would reach it are (never proposed, only named).
         */
        private Counterfactual unreached(GateResult gate, Result r) {
            boolean todo = allGatesPass.equals(target);
            if (!todo) {
                taskFacts.clear();
                for (FactField f : fields) {
                    if (!f.isVaried() && !probe.search(Map.of(), f, reached).isEmpty()) {
                        taskFacts.put(f.path(), new TaskFact(f.path(), f.get(probe.base()), null));
                    }
                }
                if (taskFacts.isEmpty() && gate != null) {
                    // no description alone reaches it; the one that stopped the walk still says why
                    stepFacts.getOrDefault(gate.getName(), List.of()).forEach(t -> taskFacts.putIfAbsent(t.getField(), t));
                }
            }
            return new Counterfactual(target, false, r == null ? null : r.verdict(), todo ? changes : List.of(),
                    todo ? gate : null, List.copyOf(taskFacts.values()), null, null, null);
        }

        /**
         * A description of the task is never varied; nor is a field the case does not give when it gives one
         * of its alternatives (calls a day or a month, as the catalogue groups them).
         */
        private boolean searchable(FactField f) {
            return f.isVaried() && f.alternatives().stream()
                    .allMatch(other -> probe.valueOf(with, FactField.find(fields, other)) == null);
        }
    }

    private static List<Change> append(List<Change> list, Change c) {
        List<Change> out = new ArrayList<>(list);
        out.add(c);
        return out;
    }

    private static Status finding(Result r, String gate) {
        GateResult g = r.gate(gate);
        return g == null ? null : g.getFinding();
    }
}
