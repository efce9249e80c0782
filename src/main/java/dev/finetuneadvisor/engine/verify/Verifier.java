package dev.finetuneadvisor.engine.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.EvaluationException;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.engine.FactField;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.RuleRef;
import dev.finetuneadvisor.model.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.kie.api.definition.rule.Rule;

/**
 * Checks the invariants of {@code rules/invariants.yaml} over the whole fact space by running the real rules
 * (the engine only: no wording, no counterfactual search), and makes each violation as small as still breaks it.
 * The same checks run on one scenario's use case ({@link #check}), which is how a counterexample written as a
 * scenario keeps failing until the rules are fixed.
 */
public final class Verifier {
    /** At most this many counterexamples per invariant, each a different way it is broken. */
    static final int EXAMPLES_PER_INVARIANT = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Evaluator evaluator;
    private final CompiledRules rules;
    private final List<FactField> fields;
    private final int threads;
    private final AtomicLong evaluations = new AtomicLong();

    public Verifier(Evaluator evaluator, int threads) {
        this.evaluator = evaluator;
        this.rules = evaluator.rules();
        this.fields = FactField.all(rules.fields(), rules.assumptions(), true);
        this.threads = Math.max(1, threads);
    }

    /** Runs the rules on one case of the space; a failure is an outcome, not an exception. */
    static Outcome outcome(Evaluator evaluator, SpaceCase c, List<FactField> fields) {
        try {
            return new Outcome(evaluator.evaluate(c.toUseCase(fields), c.id()), null);
        } catch (EvaluationException e) {
            return new Outcome(null, e);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, new EvaluationException(e.getMessage(), e));
        }
    }

    private Outcome run(SpaceCase c) {
        evaluations.incrementAndGet();
        return outcome(evaluator, c, fields);
    }

    /** The space of these rules alone. */
    public Space space(Space.Options options) {
        Thresholds thresholds = Thresholds.read(rules.sources(), rules.assumptions()).alongAlternatives(fields, List.of(evaluator));
        Map<String, List<String>> text = Space.textValues(fields, List.of(evaluator));
        FactSpace space = FactSpace.of(rules.fields(), rules.assumptions(), thresholds, text);
        return Space.generate(space, List.of(evaluator), options, threads);
    }

    /** Checks every invariant over the space. */
    public VerifyReport verify(Invariants invariants, Space.Options options) {
        long start = System.nanoTime();
        evaluations.set(0);
        Space space = space(options);
        evaluations.addAndGet(space.evaluations());
        List<SpaceCase> cases = space.cases();
        // each result is read at once and kept slim (no wording, no costs): the checks need the verdict, the gates and
        // the codes, and a space of 60,000 cases would otherwise hold gigabytes of explanations
        Outcome[] outcomes = new Outcome[cases.size()];
        Set<String> reached = ConcurrentHashMap.newKeySet();
        int every = sampleEvery(invariants);
        String[] canonical = new String[cases.size()];
        parallel(cases.size(), i -> {
            Outcome o = run(cases.get(i));
            reach(o, reached);
            if (every > 0 && i % every == 0) {
                canonical[i] = canonical(o);
            }
            outcomes[i] = o.slim();
        });
        VerifyReport.InvariantResult[] declared = new VerifyReport.InvariantResult[invariants.invariants().size()];
        List<VerifyReport.Unreached> unreached = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (int k = 0; k < declared.length; k++) {
            Invariant inv = invariants.invariants().get(k);
            switch (inv.check()) {
                case REACHABLE -> { } // after every other check has added the cases it ran
                case MONOTONE -> declared[k] = monotone(inv, space, cases, outcomes, reached);
                case DETERMINISTIC -> declared[k] = deterministic(inv, cases, canonical);
                default -> declared[k] = perCase(inv, cases, outcomes);
            }
        }
        for (int k = 0; k < declared.length; k++) {
            Invariant inv = invariants.invariants().get(k);
            if (inv.check() == Invariant.Check.REACHABLE) {
                List<VerifyReport.Unreached> found = new ArrayList<>();
                List<String> staleHere = new ArrayList<>();
                declared[k] = reachable(inv, reached, invariants, found, staleHere);
                // two reachable invariants list what stayed unreached once
                found.stream().filter(u -> !unreached.contains(u)).forEach(unreached::add);
                staleHere.stream().filter(x -> !stale.contains(x)).forEach(stale::add);
            }
        }
        List<VerifyReport.InvariantResult> results = new ArrayList<>();
        results.add(evaluates(invariants, cases, outcomes));
        results.addAll(List.of(declared));
        long millis = (System.nanoTime() - start) / 1_000_000;
        FactSpace fs = space.space();
        int values = fs.dimensions().stream().mapToInt(d -> d.values().size()).sum();
        VerifyReport.SpaceSummary summary = new VerifyReport.SpaceSummary(fs.dimensions().size(), values, space.strength(), space.achieved(),
                space.covered(), space.combinations(), space.coveringCases(), space.randomCases(), space.flipCases(),
                space.deviationStrength(), space.deviationCases(), space.backgroundsPass(), options.seed(), evaluations.get(), millis);
        return new VerifyReport(summary, results, unreached, stale);
    }

    private void parallel(int n, IntConsumer body) {
        if (threads == 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
        } finally {
            pool.shutdown();
        }
    }

    /** The name under which a use case the rules fail on (a rule throws or loops) is reported: always checked. */
    public static final String EVALUATES = "rules-evaluate";

    /** Every case is evaluated: no rule throws or loops (and, unless one-verdict is declared, one verdict is reached). */
    private VerifyReport.InvariantResult evaluates(Invariants invariants, List<SpaceCase> cases, Outcome[] outcomes) {
        boolean verdictsDeclared = invariants.invariants().stream().anyMatch(i -> i.check() == Invariant.Check.ONE_VERDICT);
        Predicate<Outcome> fails = o -> !o.ok() && (!verdictsDeclared || o.failure().kind() != EvaluationException.Kind.VERDICTS);
        long violating = 0;
        Map<String, Violation> examples = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            if (!fails.test(outcomes[i])) {
                continue;
            }
            violating++;
            String key = outcomes[i].failure().getMessage().replaceAll("[0-9][0-9,.]*", "#");
            if (examples.size() < EXAMPLES_PER_INVARIANT && !examples.containsKey(key)) {
                SpaceCase minimal = Minimizer.minimize(cases.get(i), c -> {
                    Outcome o = run(c);
                    return fails.test(o) && o.failure().getMessage().replaceAll("[0-9][0-9,.]*", "#").equals(key);
                });
                examples.put(key, new Violation(EVALUATES, "the rules failed: " + run(minimal).failure().getMessage(),
                        minimal.named(minimal.id(), "minimal"), cases.get(i), null, null));
            }
        }
        return new VerifyReport.InvariantResult(EVALUATES, "built-in", "The rules evaluate every use case: no rule fails or keeps re-firing.",
                cases.size(), violating, List.copyOf(examples.values()));
    }

    // ---- per-case invariants ----

    /** What is wrong with one outcome under an invariant that looks at one case, or null when it holds. */
    static String problem(Invariant inv, Outcome o) {
        if (!o.ok()) {
            boolean verdicts = o.failure().kind() == EvaluationException.Kind.VERDICTS;
            if (inv.check() == Invariant.Check.ONE_VERDICT) {
                return verdicts ? o.failure().getMessage() : null;
            }
            return null; // reported by the invariant it breaks, or as a failed evaluation
        }
        Result r = o.result();
        return switch (inv.check()) {
            case ONE_VERDICT -> null;
            case NO_CODE_TWICE -> {
                Map<String, Integer> counts = new TreeMap<>();
                r.recommendations().forEach(rec -> counts.merge(rec.getCode(), 1, Integer::sum));
                String twice = counts.entrySet().stream().filter(e -> e.getValue() > 1)
                        .map(e -> e.getKey() + " (" + e.getValue() + " times, by " + rulesOf(r, e.getKey()) + ")").findFirst().orElse(null);
                yield twice == null ? null : "code " + twice;
            }
            case ONLY_WITH -> {
                if (inv.verdicts().contains(r.verdict())) {
                    yield null;
                }
                String code = inv.codes().stream().filter(r::hasCode).findFirst().orElse(null);
                yield code == null ? null : "code " + code + " (by " + rulesOf(r, code) + ") comes with the verdict " + r.verdict()
                        + ", not " + String.join(" or ", inv.verdicts());
            }
            case GATE_ORDER -> gateOrder(r);
            case NEEDS_INFO -> {
                if (!r.verdict().equals(inv.verdict())) {
                    yield null;
                }
                GateResult first = firstNotPassing(r);
                if (first == null || first.getStatus() != Status.UNKNOWN) {
                    yield "the verdict is " + inv.verdict() + " but the first gate that does not pass is "
                            + (first == null ? "none (every gate passes)" : "gate " + first.getNumber() + " (" + first.getName() + "), " + first.getStatus());
                }
                yield first.getFields().isEmpty() ? "the verdict is " + inv.verdict() + " but gate " + first.getNumber() + " (" + first.getName()
                        + ") names no fact to gather" : null;
            }
            default -> null;
        };
    }

    private static String rulesOf(Result r, String code) {
        return String.join(", ", r.recommendations().stream().filter(x -> x.getCode().equals(code)).map(Recommendation::getRule)
                .distinct().toList());
    }

    private static GateResult firstNotPassing(Result r) {
        return r.gates().stream().filter(g -> g.getStatus() != Status.PASS).findFirst().orElse(null);
    }

    private static String gateOrder(Result r) {
        GateResult first = firstNotPassing(r);
        if (first != null && first.getStatus() == Status.NOT_REACHED) {
            return "gate " + first.getNumber() + " (" + first.getName() + ") is NOT_REACHED though no gate before it stops the use case";
        }
        boolean after = false;
        for (GateResult g : r.gates()) {
            if (after && g.getStatus() != Status.NOT_REACHED) {
                return "gate " + g.getNumber() + " (" + g.getName() + ") is " + g.getStatus() + " after gate " + first.getNumber()
                        + " (" + first.getName() + ") stopped the use case at " + first.getStatus();
            }
            after |= g == first;
        }
        String stopped = r.recommendations().stream().filter(Recommendation::isVerdict).findFirst().map(Recommendation::getStoppedAt).orElse(null);
        String expected = first == null ? null : first.getName();
        if (!Objects.equals(stopped, expected)) {
            return "the verdict " + r.verdict() + " says it stopped at " + (stopped == null ? "no gate" : stopped) + ", but the first gate that does not pass is "
                    + (expected == null ? "none" : expected);
        }
        return null;
    }

    private VerifyReport.InvariantResult perCase(Invariant inv, List<SpaceCase> cases, Outcome[] outcomes) {
        long violating = 0;
        Map<String, Violation> examples = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            String p = problem(inv, outcomes[i]);
            if (p == null) {
                continue;
            }
            violating++;
            String key = kindOf(p);
            if (examples.size() < EXAMPLES_PER_INVARIANT && !examples.containsKey(key)) {
                SpaceCase found = cases.get(i);
                SpaceCase minimal = Minimizer.minimize(found, c -> {
                    String q = problem(inv, run(c));
                    return q != null && kindOf(q).equals(key);
                });
                examples.put(key, new Violation(inv.name(), problem(inv, run(minimal)), minimal.named(minimal.id(), "minimal"), found, null, null));
            }
        }
        return new VerifyReport.InvariantResult(inv.name(), inv.check().written(), inv.says(), cases.size(), violating, List.copyOf(examples.values()));
    }

    /** What tells one way of breaking an invariant from another: the problem with its numbers and case-specific parts dropped. */
    static String kindOf(String problem) {
        if (problem.startsWith("code ")) {
            // the same code given twice, or outside its verdicts, is one way of breaking it whatever the verdict
            String[] words = problem.split(" ", 3);
            return words[0] + " " + words[1];
        }
        String p = problem.replaceAll("\\(by [^)]*\\)", "");
        int reason = p.indexOf(": ");
        return (reason < 0 ? p : p.substring(0, reason)).replaceAll("[0-9][0-9,.]*", "#");
    }

    // ---- monotone ----

    private VerifyReport.InvariantResult monotone(Invariant inv, Space space, List<SpaceCase> cases, Outcome[] outcomes, Set<String> reached) {
        FactField f = FactField.find(fields, inv.field());
        List<Object> values = space.space().valuesOf(inv.field());
        // each case is moved and compared on the threads; only what breaks the invariant is kept, by case
        String[][] problems = new String[cases.size()][];
        Object[][] movedTo = new Object[cases.size()][];
        AtomicLong pairs = new AtomicLong();
        parallel(cases.size(), i -> {
            SpaceCase c = cases.get(i);
            Object v = c.given().get(inv.field());
            if (v == null || !outcomes[i].ok()) {
                return;
            }
            List<Object> next = neighbours(f, c, v, values, inv.up());
            pairs.addAndGet(next.size());
            for (int k = 0; k < next.size(); k++) {
                Outcome a = run(c.with(inv.field(), next.get(k), fields));
                reach(a, reached);
                String problem = turned(inv, v, next.get(k), outcomes[i], a);
                if (problem != null && problems[i] == null) {
                    problems[i] = new String[] {problem};
                    movedTo[i] = new Object[] {next.get(k)};
                }
            }
        });
        long violating = 0;
        Map<String, Violation> examples = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            if (problems[i] == null) {
                continue;
            }
            violating++;
            SpaceCase c = cases.get(i);
            Object w = movedTo[i][0];
            String key = kindOf(problems[i][0]);
            if (examples.size() < EXAMPLES_PER_INVARIANT && !examples.containsKey(key)) {
                SpaceCase minimal = Minimizer.minimize(c, x -> {
                    if (!x.given().containsKey(inv.field())) {
                        return false;
                    }
                    String q = turned(inv, x.given().get(inv.field()), w, run(x), run(x.with(inv.field(), w, fields)));
                    return q != null && kindOf(q).equals(key);
                });
                String what = turned(inv, minimal.given().get(inv.field()), w, run(minimal), run(minimal.with(inv.field(), w, fields)));
                examples.put(key, new Violation(inv.name(), what, minimal.named(minimal.id(), "minimal"), c, inv.field(), w));
            }
        }
        return new VerifyReport.InvariantResult(inv.name(), inv.check().written(), inv.says(), pairs.get(), violating, List.copyOf(examples.values()));
    }

    /** The value one step from {@code v} in the invariant's direction: the next value of the space, and for a flip case the next unit. */
    private static List<Object> neighbours(FactField f, SpaceCase c, Object v, List<Object> values, boolean up) {
        List<Object> out = new ArrayList<>();
        double x = ((Number) v).doubleValue();
        Object next = null;
        for (Object w : values) {
            double y = ((Number) w).doubleValue();
            if (up ? y > x && (next == null || y < ((Number) next).doubleValue()) : y < x && (next == null || y > ((Number) next).doubleValue())) {
                next = w;
            }
        }
        if (next != null) {
            out.add(next);
        }
        if ("flip".equals(c.origin())) {
            long units = f.toUnits(v) + (up ? 1 : -1);
            if (units >= 0 && units <= f.maxUnits()) {
                Object unit = f.fromUnits(units);
                if (!unit.equals(next)) {
                    out.add(unit);
                }
            }
        }
        return out;
    }

    /** Which watched gate passes at {@code v} and fails or is unknown at {@code w}, with no step to explain it; null when none. */
    static String turned(Invariant inv, Object v, Object w, Outcome before, Outcome after) {
        if (!before.ok() || !after.ok()) {
            return null; // a failed evaluation is its own finding
        }
        for (GateResult g : before.result().gates()) {
            if (!inv.watches(g.getName()) || g.getFinding() != Status.PASS) {
                continue;
            }
            GateResult h = after.result().gate(g.getName());
            if (h == null || h.getFinding() == Status.PASS || h.getFinding() == Status.NOT_REACHED) {
                continue;
            }
            double a = ((Number) v).doubleValue();
            double b = ((Number) w).doubleValue();
            boolean explained = inv.steps().stream().anyMatch(s -> s.gates().contains(g.getName()) && (a < s.at()) != (b < s.at()));
            if (!explained) {
                return "gate " + g.getNumber() + " (" + g.getName() + ") passes with " + inv.field() + " = " + Boundary.show(v) + " but is "
                        + h.getFinding() + " with " + Boundary.show(w) + ": " + h.getReason();
            }
        }
        return null;
    }

    // ---- deterministic ----

    /** One case in this many is evaluated twice: the densest sample any determinism invariant asks for (0: none). */
    private static int sampleEvery(Invariants invariants) {
        return invariants.invariants().stream().filter(i -> i.check() == Invariant.Check.DETERMINISTIC)
                .mapToInt(i -> Math.max(1, (int) Math.round(1 / i.sample()))).min().orElse(0);
    }

    private VerifyReport.InvariantResult deterministic(Invariant inv, List<SpaceCase> cases, String[] first) {
        int every = Math.max(1, (int) Math.round(1 / inv.sample()));
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < cases.size(); i += every) {
            if (first[i] != null) {
                picked.add(i);
            }
        }
        String[] again = new String[picked.size()];
        parallel(picked.size(), j -> again[j] = canonical(run(cases.get(picked.get(j)))));
        long violating = 0;
        List<Violation> examples = new ArrayList<>();
        for (int j = 0; j < picked.size(); j++) {
            int i = picked.get(j);
            if (!first[i].equals(again[j])) {
                violating++;
                if (examples.size() < EXAMPLES_PER_INVARIANT) {
                    examples.add(new Violation(inv.name(), "evaluated twice, the case gave two different results", cases.get(i), cases.get(i), null, null));
                }
            }
        }
        return new VerifyReport.InvariantResult(inv.name(), inv.check().written(), inv.says(), picked.size(), violating, examples);
    }

    /** The whole result, to the byte, or the failure's message. */
    static String canonical(Outcome o) {
        if (!o.ok()) {
            return "failed: " + o.failure().getMessage();
        }
        try {
            return JSON.writeValueAsString(o.result());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- reachable ----

    private static void reach(Outcome o, Set<String> reached) {
        if (o == null || !o.ok()) {
            return;
        }
        reached.add("verdict:" + o.result().verdict());
        o.result().recommendations().forEach(r -> reached.add("code:" + r.getCode()));
        o.result().rulesFired().forEach(id -> reached.add("rule:" + id));
    }

    private VerifyReport.InvariantResult reachable(Invariant inv, Set<String> reached, Invariants invariants,
                                                   List<VerifyReport.Unreached> unreached, List<String> stale) {
        SortedSet<String> verdicts = rules.index().verdictCodes();
        long violating = 0;
        long checked = 0;
        List<String> notReached = new ArrayList<>();
        for (String code : rules.codes()) {
            checked++;
            boolean verdict = verdicts.contains(code);
            if (!reached.contains("code:" + code) && !reached.contains("verdict:" + code)) {
                notReached.add((verdict ? "verdict:" : "advisory:") + code);
            }
        }
        TreeSet<String> deciding = new TreeSet<>();
        for (Rule r : rules.allRules()) {
            if (!CompiledRules.isWordingRule(r)) {
                deciding.add(RuleRef.of(r).id());
            }
        }
        for (String id : deciding) {
            checked++;
            if (!reached.contains("rule:" + id)) {
                notReached.add("rule:" + id);
            }
        }
        List<Violation> examples = new ArrayList<>();
        for (String n : notReached) {
            String kind = n.substring(0, n.indexOf(':'));
            String name = n.substring(n.indexOf(':') + 1);
            Invariants.Allowed allowed = invariants.unreachable().get(name);
            unreached.add(new VerifyReport.Unreached(kind, name, allowed == null ? null : allowed.reason()));
            if (allowed == null) {
                violating++;
                examples.add(new Violation(inv.name(), (kind.equals("rule") ? "rule " : kind + " ") + name
                        + " is reached by no case of the space and not listed in " + Invariants.UNREACHABLE, null, null, null, null));
            }
        }
        for (String allowed : invariants.unreachable().keySet()) {
            if (reached.contains("code:" + allowed) || reached.contains("verdict:" + allowed) || reached.contains("rule:" + allowed)) {
                stale.add(allowed);
            }
        }
        return new VerifyReport.InvariantResult(inv.name(), inv.check().written(), inv.says(), checked, violating, examples);
    }

    // ---- one scenario ----

    /**
     * Checks one invariant on one use case: what {@code expect: invariants:} in a scenario asks. For a monotone
     * invariant, {@code to} is the value the field moves to.
     *
     * @return what is wrong, or null when it holds
     */
    public String check(Invariant inv, SpaceCase c, Object to) {
        if (inv == null) {
            throw new IllegalArgumentException("no invariant");
        }
        if (to != null && inv.check() != Invariant.Check.MONOTONE) {
            return "to: is for a monotone invariant (the value its field moves to); " + inv.name() + " is " + inv.check().written();
        }
        Outcome o = run(c);
        return switch (inv.check()) {
            case MONOTONE -> {
                Object v = c.given().get(inv.field());
                if (v == null || to == null) {
                    yield "the monotone invariant " + inv.name() + " needs " + inv.field() + " in the use case and to: the value it moves to";
                }
                FactField f = FactField.find(fields, inv.field());
                Object w = f.fromUnits(f.toUnits(to));
                double from = ((Number) v).doubleValue();
                double moved = ((Number) w).doubleValue();
                if (inv.up() ? moved <= from : moved >= from) {
                    yield "to: " + Boundary.show(w) + " must be " + (inv.up() ? "above" : "below") + " the use case's " + inv.field() + " (" + Boundary.show(v)
                            + "): " + inv.name() + " moves it " + (inv.up() ? "up" : "down");
                }
                Outcome after = run(c.with(inv.field(), w, fields));
                if (!o.ok() || !after.ok()) {
                    yield "the rules failed: " + (o.ok() ? after : o).failure().getMessage();
                }
                yield turned(inv, v, w, o, after);
            }
            case DETERMINISTIC -> canonical(o).equals(canonical(run(c))) ? null : "evaluated twice, the case gave two different results";
            case REACHABLE -> "reachable is checked over the whole space (advisor verify), not on one use case";
            default -> o.ok() || inv.check() == Invariant.Check.ONE_VERDICT ? problem(inv, o) : "the rules failed: " + o.failure().getMessage();
        };
    }

    /** The built-in invariant every run checks ({@link #EVALUATES}), for a scenario that names it: no rule throws or loops. */
    public String checkEvaluates(SpaceCase c) {
        Outcome o = run(c);
        return o.ok() || o.failure().kind() == EvaluationException.Kind.VERDICTS ? null : "the rules failed: " + o.failure().getMessage();
    }


    /** The fields of the space, in fact-file order. */
    public List<FactField> fields() {
        return fields;
    }
}
