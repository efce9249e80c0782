package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Status;
import org.junit.jupiter.api.Test;

class CostModelTest {
    @Test
    void the_articles_worked_example_costs_1250_a_day_on_the_frontier_and_50_tuned() {
        // Given 500k calls a day at 1k tokens a call
        Result r = TestRules.evaluate("volume: { callsPerDay: 500000, tokensPerCall: 1000 }\ndata: { labeledExamples: 5000 }");
        // When the cost rules run
        CostEstimate c = r.costs();
        // Then the article's figures come out
        assertEquals(1250.0, c.getFrontierUsdPerDay(), 0.001);
        assertEquals(50.0, c.getFineTuneInferenceUsdPerDay(), 0.001);
        assertEquals(456250.0, c.getFrontierUsdPerYear(), 0.001);
        assertEquals(18250.0, c.getFineTuneInferenceUsdPerYear(), 0.001);
        // and TCO = inference + 12 x $500 hosting + 2 cycles x 6 weeks x $4,000 + no labeling
        assertEquals(18250.0 + 6000.0 + 48000.0, c.getFineTuneUsdPerYear(), 0.001);
        assertEquals(6.31, c.getAdvantage(), 0.001);
        assertFalse(c.isTokensPerCallAssumed());
    }

    @Test
    void monthly_volume_counts_twelve_months_and_missing_examples_are_labeled_at_12_50() {
        // Given 100k calls a month, no token count, 400 labeled examples
        Result r = TestRules.evaluate("volume: { callsPerMonth: 100000 }\ndata: { labeledExamples: 400 }");
        CostEstimate c = r.costs();
        // Then a year is 1.2M calls at the assumed 1,000 tokens, and 600 examples are still to label
        assertEquals(1_200_000L, c.getCallsPerYear());
        assertTrue(c.isTokensPerCallAssumed());
        assertTrue(r.hasCode("TOKENS_PER_CALL_ASSUMED"));
        assertEquals(3000.0, c.getFrontierUsdPerYear(), 0.001);
        assertEquals(600, c.getExamplesToLabel());
        assertEquals(7500.0, c.getLabelingUsd(), 0.001);
        assertEquals(120.0 + 6000.0 + 48000.0 + 7500.0, c.getFineTuneUsdPerYear(), 0.001);
    }

    @Test
    void a_use_case_may_override_cost_inputs_for_itself() {
        // Given the worked example with a $10,000 engineer-week and $5,000 a month of hosting
        Result r = TestRules.evaluate("volume: { callsPerDay: 500000, tokensPerCall: 1000 }\ndata: { labeledExamples: 5000 }\n"
                + "costs: { engineerUsdPerWeek: 10000, hostingUsdPerMonth: 5000 }");
        // Then the TCO uses them
        assertEquals(18250.0 + 60000.0 + 120000.0, r.costs().getFineTuneUsdPerYear(), 0.001);
    }

    @Test
    void without_volume_there_is_no_cost_estimate_and_the_volume_gate_cannot_pass_on_cost() {
        Result r = TestRules.evaluate("latency: { p95BudgetMs: 1000 }");
        assertNull(r.costs());
        assertEquals(Status.UNKNOWN, r.gate("volume-or-latency").getFinding());
    }

    @Test
    void the_volume_gate_passes_exactly_at_twice_the_cost_of_ownership() {
        // Given the TCO at 1M calls a month: 12M calls a year at 1,000 tokens
        // frontier = 12,000 x 2.5 = 30,000; tuned TCO = 1,200 + 6,000 + 48,000 = 55,200 -> not 2x
        Result low = TestRules.evaluate("volume: { callsPerMonth: 1000000, tokensPerCall: 1000 }\ndata: { labeledExamples: 5000 }\n"
                + "latency: { p95BudgetMs: 2000 }");
        assertEquals(Status.FAIL, low.gate("volume-or-latency").getFinding());
        // frontier 2.5 x m, TCO 0.1 x m + 54,000 (m = million tokens a year): equal to 2x at m = 46,956.52...
        Result at = TestRules.evaluate("volume: { callsPerMonth: 3913044, tokensPerCall: 1000 }\ndata: { labeledExamples: 5000 }\n"
                + "latency: { p95BudgetMs: 2000 }");
        assertEquals(Status.PASS, at.gate("volume-or-latency").getFinding());
        Result below = TestRules.evaluate("volume: { callsPerMonth: 3913043, tokensPerCall: 1000 }\ndata: { labeledExamples: 5000 }\n"
                + "latency: { p95BudgetMs: 2000 }");
        assertEquals(Status.FAIL, below.gate("volume-or-latency").getFinding());
    }
}
