package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Provenance;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Serving;
import dev.finetuneadvisor.model.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost rules' arithmetic, with every default read from rules/assumptions.yaml rather than repeated here. */
class CostModelTest {
    private static final Assumptions A = TestRules.compiled().assumptions();

    private static double a(String name) {
        return A.num(name);
    }

    /** Engineering a year at the defaults: cycles x weeks a cycle x the price of a week. */
    private static double engineering() {
        return a("trainingCyclesPerYear") * a("engineeringWeeksPerCycle") * a("engineerUsdPerWeek");
    }

    /** Training compute a year for {@code examples} at {@code tokens} a call. */
    private static double training(double examples, double tokens) {
        return a("trainingCyclesPerYear") * examples * tokens * a("trainingEpochs") / 1e6 * a("trainingUsdPerMillionTokens");
    }

    @Test
    void the_articles_worked_example_costs_1250_a_day_on_the_frontier_and_50_tuned() {
        // Given 500k calls a day at 1k tokens a call
        Result r = TestRules.evaluate("volume: { callsPerDay: 500000, tokensPerCall: 1000 }\ndata: { labeledExamples: 5000 }");
        // When the cost rules run
        CostEstimate c = r.costs();
        // Then the article's figures come out: "$1,250/day" and "$50/day"
        assertEquals(1250.0, c.getFrontierUsdPerDay(), 0.001);
        assertEquals(50.0, c.getFineTuneInferenceUsdPerDay(), 0.001);
        assertEquals(1250.0 * 365, c.getFrontierUsdPerYear(), 0.001);
        assertEquals(50.0 * 365, c.getFineTuneInferenceUsdPerYear(), 0.001);
        // and, volume alone deciding the path, on an inference provider: no GPU hosting on top
        assertEquals(Serving.Path.INFERENCE_PROVIDER, c.getServingPath());
        assertEquals(0.0, c.getHostingUsdPerYear(), 0.001);
        double tco = 50.0 * 365 + training(5000, 1000) + engineering();
        assertEquals(tco, c.getFineTuneUsdPerYear(), 0.001);
        assertEquals(Math.round(1250.0 * 365 / tco * 100) / 100.0, c.getAdvantage(), 0.001);
        assertFalse(c.isTokensPerCallAssumed());
    }

    @Test
    void monthly_volume_counts_twelve_months_and_missing_examples_are_labeled_at_the_default_price() {
        // Given 100k calls a month, no token count, 400 labeled examples
        Result r = TestRules.evaluate("volume: { callsPerMonth: 100000 }\ndata: { labeledExamples: 400 }");
        CostEstimate c = r.costs();
        // Then a year is 1.2M calls at the assumed tokens a call, and the examples up to the data gate's minimum are to label
        double tokens = a("tokensPerCall");
        assertEquals(1_200_000L, c.getCallsPerYear());
        assertTrue(c.isTokensPerCallAssumed());
        assertTrue(r.hasCode("TOKENS_PER_CALL_ASSUMED"));
        double mTokens = 1_200_000 * tokens / 1e6;
        assertEquals(mTokens * a("frontierUsdPerMillionTokens"), c.getFrontierUsdPerYear(), 0.001);
        long toLabel = Math.round(a("minLabeledExamples")) - 400;
        assertEquals(toLabel, c.getExamplesToLabel());
        assertEquals(toLabel * a("labelingUsdPerExample"), c.getLabelingUsd(), 0.001);
        assertEquals(mTokens * a("tunedUsdPerMillionTokens") + training(a("minLabeledExamples"), tokens) + engineering()
                + toLabel * a("labelingUsdPerExample"), c.getFineTuneUsdPerYear(), 0.01);
    }

    @Test
    void a_use_case_may_override_cost_inputs_for_itself() {
        // Given the worked example with a $10,000 engineer-week
        Result r = TestRules.evaluate("volume: { callsPerDay: 500000, tokensPerCall: 1000 }\ndata: { labeledExamples: 5000 }\n"
                + "costs: { engineerUsdPerWeek: 10000 }");
        // Then the TCO uses it
        double engineering = a("trainingCyclesPerYear") * a("engineeringWeeksPerCycle") * 10000;
        assertEquals(engineering, r.costs().getEngineeringUsdPerYear(), 0.001);
        assertEquals(50.0 * 365 + training(5000, 1000) + engineering, r.costs().getFineTuneUsdPerYear(), 0.001);
    }

    @Test
    void costs_assumed_names_exactly_the_assumed_inputs_read_and_not_given_by_the_use_case() {
        // Given the worked example with the defaults
        CostEstimate defaults = TestRules.evaluate("volume: { callsPerDay: 500000, tokensPerCall: 1000 }\ndata: { labeledExamples: 5000 }").costs();
        // Then assumed and chosenInRange are the inputs read of those kinds, in the order read
        assertEquals(readOfKind(defaults, Provenance.Kind.ASSUMPTION), defaults.getAssumed());
        assertEquals(readOfKind(defaults, Provenance.Kind.RANGE), defaults.getChosenInRange());
        assertTrue(defaults.getAssumed().containsAll(List.of("engineerUsdPerWeek", "trainingCyclesPerYear", "trainingEpochs")),
                defaults.getAssumed().toString());
        assertTrue(defaults.getChosenInRange().contains("engineeringWeeksPerCycle"), defaults.getChosenInRange().toString());
        // the per-token path reads no hosting price, so the figures do not rest on it
        assertFalse(defaults.getInputs().contains("hostingUsdPerMonth"));
        assertFalse(defaults.getChosenInRange().contains("hostingUsdPerMonth"));

        // When the use case gives its own engineer-week and cycles a year
        CostEstimate own = TestRules.evaluate("volume: { callsPerDay: 500000, tokensPerCall: 1000 }\ndata: { labeledExamples: 5000 }\n"
                + "costs: { engineerUsdPerWeek: 5000, engineeringWeeksPerCycle: 5 }").costs();
        // Then they are its own, not assumed, though still read
        assertTrue(own.getInputs().contains("engineerUsdPerWeek"));
        assertFalse(own.getAssumed().contains("engineerUsdPerWeek"), own.getAssumed().toString());
        assertFalse(own.getChosenInRange().contains("engineeringWeeksPerCycle"), own.getChosenInRange().toString());
        List<String> expected = new ArrayList<>(defaults.getAssumed());
        expected.remove("engineerUsdPerWeek");
        assertEquals(expected, own.getAssumed());
    }

    private static List<String> readOfKind(CostEstimate c, Provenance.Kind kind) {
        return c.getInputs().stream().filter(n -> A.provenance(n).kind() == kind).toList();
    }

    @Test
    void without_volume_there_is_no_cost_estimate_and_the_volume_gate_cannot_pass_on_cost() {
        Result r = TestRules.evaluate("latency: { p95BudgetMs: 1000 }");
        assertNull(r.costs());
        assertEquals(Status.UNKNOWN, r.gate("volume-or-latency").getFinding());
    }

    @Test
    void the_volume_gate_passes_from_twice_the_cost_of_ownership() {
        // Given calls a month m at 1,000 tokens and 5,000 examples: frontier F x 0.012m; fine-tuning T x 0.012m + fixed
        double fixed = training(5000, 1000) + engineering();
        double f = a("frontierUsdPerMillionTokens");
        double t = a("tunedUsdPerMillionTokens");
        double breakEven = a("tcoAdvantage") * fixed / (0.012 * (f - a("tcoAdvantage") * t));
        // Then the gate fails just below the volume where the frontier costs twice the TCO, and passes just above it
        String rest = ", tokensPerCall: 1000 }\ndata: { labeledExamples: 5000 }\nlatency: { p95BudgetMs: 2000 }";
        Result below = TestRules.evaluate("volume: { callsPerMonth: " + Math.round(breakEven * 0.999) + rest);
        Result above = TestRules.evaluate("volume: { callsPerMonth: " + Math.round(breakEven * 1.001) + rest);
        assertEquals(Status.FAIL, below.gate("volume-or-latency").getFinding());
        assertEquals(Status.PASS, above.gate("volume-or-latency").getFinding());
    }
}
