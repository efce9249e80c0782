package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.Check;
import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Gate;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.OrganisationCosts;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.RuleRef;
import dev.finetuneadvisor.model.Section;
import dev.finetuneadvisor.model.UseCase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;

/**
 * Evaluates one use case at a time: a KieSession per use case, empty when it starts (so {@code not X()}
 * never sees another case), the use case's sections and its assumptions inserted, rules fired up to a
 * limit, the Result read back, the session disposed. Safe to share between threads: it holds the shared
 * CompiledRules, whose pool of sessions is thread-safe.
 */
public final class Evaluator {
    /** Rule firings allowed for one use case; reaching it means a rule loops. */
    public static final int DEFAULT_FIRING_LIMIT = 10_000;

    private final CompiledRules rules;
    /** The rules' assumptions, with an organisation's own cost inputs in place when it gave some. */
    private final Assumptions assumptions;
    private final int firingLimit;
    /** Ids of rules that may match but never fire (see {@link #without}); empty for every normal run. */
    private final Set<String> disabled;

    public Evaluator(CompiledRules rules) {
        this(rules, DEFAULT_FIRING_LIMIT);
    }

    public Evaluator(CompiledRules rules, int firingLimit) {
        this(rules, rules.assumptions(), firingLimit, Set.of());
    }

    private Evaluator(CompiledRules rules, Assumptions assumptions, int firingLimit, Set<String> disabled) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.assumptions = Objects.requireNonNull(assumptions, "assumptions");
        this.firingLimit = firingLimit;
        this.disabled = Set.copyOf(disabled);
    }

    /**
     * An evaluator of the same rules with an organisation's own cost inputs in place of the rules' (null or
     * none: the rules' own); a use case's {@code costs:} still win over them.
     */
    public Evaluator withOrganisation(OrganisationCosts costs) {
        return new Evaluator(rules, rules.assumptions().withOrganisation(costs), firingLimit, disabled);
    }

    /** The assumptions every use case is evaluated with (before its own cost inputs): the rules', or overlaid by an organisation's. */
    public Assumptions assumptions() {
        return assumptions;
    }

    /**
     * An evaluator of the same rules in which the rules with these ids never fire (deciding and wording rules
     * alike): what the rule base concludes without them, with no recompile. The suite uses it to show that
     * every rule's absence is visible to some scenario.
     */
    public Evaluator without(Set<String> ruleIds) {
        return new Evaluator(rules, assumptions, firingLimit, ruleIds);
    }

    public CompiledRules rules() {
        return rules;
    }

    /**
     * Runs the rules on one use case.
     *
     * @param file the fact file it came from, as shown in reports
     * @throws EvaluationException when the rules loop, fail, or do not reach exactly one verdict
     */
    public Result evaluate(UseCase useCase, String file) {
        Objects.requireNonNull(useCase, "useCase");
        KieSession session = rules.sessions().newKieSession();
        TreeSet<String> fired = new TreeSet<>();
        FiredRules listener = new FiredRules(fired);
        session.addEventListener(listener);
        try {
            insertAndFire(session, useCase, fired);
            CheckFields.requireCatalogued(objects(session, Check.class), rules.fields());
            return read(session, useCase, file, fired);
        } finally {
            session.removeEventListener(listener);
            session.dispose();
        }
    }

    /**
     * Runs the deciding rules on one use case as {@link #evaluate} does and returns the facts of {@code type} they
     * leave in the session (no result is read): how the whole-space check finds the values a rule's table names.
     */
    public <T> List<T> derived(UseCase useCase, Class<T> type) {
        KieSession session = rules.sessions().newKieSession();
        try {
            insertAndFire(session, useCase, new TreeSet<>());
            return new ArrayList<>(objects(session, type));
        } finally {
            session.dispose();
        }
    }

    /** Inserts a use case's sections, the use case and its assumptions (with its own cost inputs), and fires the deciding rules. */
    private void insertAndFire(KieSession session, UseCase useCase, Set<String> fired) {
        for (Section section : useCase.sections()) {
            session.insert(section);
        }
        session.insert(useCase);
        session.insert(assumptions.withCosts(useCase.getCosts()));
        fire(session, fired, false);
    }

    /** Fires the session's rules up to the limit; an exception or reaching the limit is an EvaluationException. */
    private void fire(KieSession session, Set<String> fired, boolean wording) {
        int count;
        try {
            // one knowledge base of every rule (CompiledRules.shared): each session fires only its own kind
            if (disabled.isEmpty()) {
                count = rules.shared() ? session.fireAllRules(m -> CompiledRules.isWordingRule(m.getRule()) == wording, firingLimit)
                        : session.fireAllRules(firingLimit);
            } else {
                count = session.fireAllRules(m -> (!rules.shared() || CompiledRules.isWordingRule(m.getRule()) == wording)
                        && !disabled.contains(RuleRef.of(m.getRule()).id()), firingLimit);
            }
        } catch (RuntimeException e) {
            throw new EvaluationException("a rule failed: " + rootMessage(e), e);
        }
        if (count >= firingLimit) {
            throw new EvaluationException(EvaluationException.Kind.LOOP, "stopped after " + firingLimit
                    + " rule firings: a rule keeps re-firing (rules fired: " + String.join(", ", fired) + ")");
        }
    }

    /** Collects the ids of the rules that fire. */
    private static final class FiredRules extends DefaultAgendaEventListener {
        private final Set<String> fired;

        FiredRules(Set<String> fired) {
            this.fired = fired;
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            fired.add(RuleRef.of(event.getMatch().getRule()).id());
        }
    }


    /**
     * Runs the wording rules ({@code rules/explain/}, a knowledge base of their own) on facts of the caller's
     * own (with the assumptions) and returns the facts of {@code type} they derive. They are run this way on
     * the counterfactuals a search found, so their wording stays in the rules. The ids of the rules that fired
     * are added to {@code fired}.
     */
    public <T> List<T> derive(Collection<?> facts, Class<T> type, Set<String> fired) {
        return run(rules.wordingKieBase(), true, facts, type, fired);
    }

    private <T> List<T> run(KieBase kieBase, boolean wording, Collection<?> facts, Class<T> type, Set<String> fired) {
        KieSession session = kieBase.newKieSession();
        try {
            session.addEventListener(new FiredRules(fired));
            facts.forEach(session::insert);
            session.insert(assumptions);
            fire(session, fired, wording);
            return new ArrayList<>(objects(session, type));
        } finally {
            session.dispose();
        }
    }

    /** The names of the gates the rules declare, in their order (from a session holding no use case). */
    public List<String> gateNames() {
        List<Gate> gates = run(rules.kieBase(), false, List.of(), Gate.class, new TreeSet<>());
        gates.sort(Comparator.comparingInt(Gate::getNumber));
        return gates.stream().map(Gate::getName).toList();
    }

    private static Result read(KieSession session, UseCase useCase, String file, TreeSet<String> fired) {
        List<GateResult> gates = new ArrayList<>(objects(session, GateResult.class));
        gates.sort(Comparator.comparingInt(GateResult::getNumber));
        int declared = objects(session, Gate.class).size();
        if (gates.size() != declared) {
            throw new EvaluationException(EvaluationException.Kind.GATES, "the rules judged " + gates.size() + " of " + declared
                    + " gates; every gate needs a result");
        }
        List<Recommendation> recommendations = new ArrayList<>(objects(session, Recommendation.class));
        recommendations.sort(Comparator.comparing((Recommendation r) -> !r.isVerdict())
                .thenComparing(Recommendation::getCode).thenComparing(Recommendation::getRule)
                .thenComparing(Recommendation::getExplanation));
        List<Recommendation> verdicts = recommendations.stream().filter(Recommendation::isVerdict).toList();
        if (verdicts.size() != 1) {
            throw new EvaluationException(EvaluationException.Kind.VERDICTS, "the rules reached " + verdicts.size() + " verdicts ("
                    + String.join(", ", verdicts.stream().map(Recommendation::getCode).toList())
                    + "); exactly one is needed");
        }
        Collection<CostEstimate> costs = objects(session, CostEstimate.class);
        if (costs.size() > 1) {
            throw new EvaluationException(EvaluationException.Kind.COSTS, "the rules made " + costs.size() + " cost estimates; at most one is expected");
        }
        return new Result(useCase.getId(), file, useCase.getTitle(), verdicts.get(0).getCode(), gates,
                recommendations, costs.isEmpty() ? null : costs.iterator().next(), new ArrayList<>(fired));
    }

    @SuppressWarnings("unchecked")
    private static <T> Collection<T> objects(KieSession session, Class<T> type) {
        return (Collection<T>) session.getObjects(new ClassObjectFilter(type));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
