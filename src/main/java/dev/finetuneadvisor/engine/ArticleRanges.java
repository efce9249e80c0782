package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Provenance;
import dev.finetuneadvisor.model.RangeCheck;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.UseCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "Does the verdict hold across the article's own ranges?" For every cost input that the use case's estimate
 * read, that {@code assumptions.yaml} chose within a range the article gives, and that the use case did not
 * give itself (nor the organisation's assumptions file), the real rules run again ({@link Evaluator}, through {@link Probe}: never a second copy of the
 * logic) with that input at the low and at the high end of its range, the rest as given; with two such inputs
 * or more, also with all of them at their costlier ends together and at their cheaper ends together. Which end
 * is costlier is read from the results (the one with the higher fine-tuning cost per unit of frontier cost),
 * not assumed. Two to eight evaluations per use case, so batch formats skip it unless asked.
 */
public final class ArticleRanges {
    private final Evaluator evaluator;
    private final List<FactField> fields;

    public ArticleRanges(Evaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.fields = FactField.all(evaluator.rules().fields(), evaluator.assumptions());
    }

    /** The result with its range check attached. */
    public Result attach(UseCase useCase, Result result) {
        return result.withRanges(check(useCase, result));
    }

    /**
     * The range check of one use case whose Result is {@code result}.
     *
     * @throws EvaluationException when the rules fail on the use case with an input at one end
     */
    public RangeCheck check(UseCase useCase, Result result) {
        CostEstimate costs = result.costs();
        if (costs == null) {
            return new RangeCheck(true, List.of(), null, null);
        }
        Probe probe = new Probe(evaluator, useCase, result.file());
        List<RangeCheck.Input> inputs = new ArrayList<>();
        Map<FactField, Object> costliest = new LinkedHashMap<>();
        Map<FactField, Object> cheapest = new LinkedHashMap<>();
        for (CostEstimate.Input input : costs.getNotTheArticles()) {
            Provenance p = input.provenance();
            // a value the organisation set is its own, as a use case's is: left as given
            if (p.kind() != Provenance.Kind.RANGE || input.organisation() != null) {
                continue;
            }
            FactField field = FactField.find(fields, "costs." + input.name());
            if (field == null) {
                throw new IllegalStateException("cost input " + input.name() + " is not a field a use case can set");
            }
            // an end the estimate already uses is the use case's own result: no need to run it again
            Result low = p.low() == input.value() ? result : probe.eval(Map.of(field, p.low()));
            Result high = p.high() == input.value() ? result : probe.eval(Map.of(field, p.high()));
            int order = Double.compare(relativeCost(high), relativeCost(low));
            // an input the figures do not move (e.g. labeling with nothing left to label) has no costlier end
            boolean highCostsMore = order >= 0;
            costliest.put(field, highCostsMore ? p.high() : p.low());
            cheapest.put(field, highCostsMore ? p.low() : p.high());
            inputs.add(new RangeCheck.Input(input.name(), input.value(), p.low(), p.high(), verdict(low), verdict(high),
                    order == 0 ? null : highCostsMore ? "high" : "low", p));
        }
        String allCostliest = inputs.size() < 2 ? null : verdict(probe.eval(costliest));
        String allCheapest = inputs.size() < 2 ? null : verdict(probe.eval(cheapest));
        String verdict = result.verdict();
        boolean holds = inputs.stream().allMatch(i -> i.holds(verdict))
                && (allCostliest == null || allCostliest.equals(verdict)) && (allCheapest == null || allCheapest.equals(verdict));
        return new RangeCheck(holds, inputs, allCostliest, allCheapest);
    }

    /** Fine-tuning's yearly cost per dollar of frontier cost: higher is worse for fine-tuning. */
    private static double relativeCost(Result r) {
        if (r == null || r.costs() == null) {
            return 0;
        }
        CostEstimate c = r.costs();
        return c.getFrontierUsdPerYear() == 0 ? c.getFineTuneUsdPerYear() : c.getFineTuneUsdPerYear() / c.getFrontierUsdPerYear();
    }

    private static String verdict(Result r) {
        return r == null ? null : r.verdict();
    }
}
