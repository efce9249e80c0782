package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.RangeCheck;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.UseCase;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleRangesTest {
    /**
     * Private data, so the model is served on the team's own GPUs and hosting is charged: at 5M calls a month
     * fine-tuning wins by about 2.7x at $500 a month of hosting, but by much less at $5,000.
     */
    static final String PRIVATE_NEAR_BREAK_EVEN = TestRules.PASSES_ALL_GATES
            .replace("callsPerDay: 500000", "callsPerMonth: 5000000")
            .replace("privacyRequired: false", "privacyRequired: true");

    private static Result checked(String yaml) {
        UseCase uc = TestRules.useCase(yaml);
        uc.setId("test");
        Evaluator evaluator = TestRules.evaluator();
        Result r = evaluator.evaluate(uc, "test.yaml");
        return new ArticleRanges(evaluator).attach(uc, r);
    }

    private static RangeCheck.Input input(RangeCheck check, String name) {
        return check.inputs().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    @Test
    void a_self_served_case_near_break_even_flips_at_the_5000_a_month_hosting_end() {
        // Given a self-served case that fine-tunes at the default $500 a month of hosting
        Result r = checked(PRIVATE_NEAR_BREAK_EVEN);
        assertEquals("FINE_TUNE", r.verdict());
        // When it is evaluated across the article's ranges
        RangeCheck check = r.ranges();
        // Then the verdict does not hold: $5,000 a month makes the simpler architecture the answer
        assertFalse(check.holds());
        RangeCheck.Input hosting = input(check, "hostingUsdPerMonth");
        assertEquals(500.0, hosting.value());
        assertEquals(500.0, hosting.low());
        assertEquals(5000.0, hosting.high());
        assertEquals("FINE_TUNE", hosting.verdictAtLow());
        assertEquals("SIMPLER_ARCHITECTURE", hosting.verdictAtHigh());
        assertEquals("high", hosting.costlierEnd());
        assertEquals("SIMPLER_ARCHITECTURE", check.verdictAllCostliest());
        assertEquals("FINE_TUNE", check.verdictAllCheapest());
    }

    @Test
    void a_case_comfortably_inside_the_ranges_holds() {
        // Given the article's worked example, winning by several times, on private data (so both engineering
        // weeks and GPU hosting are chosen within the article's ranges)
        Result r = checked(TestRules.PASSES_ALL_GATES.replace("privacyRequired: false", "privacyRequired: true"));
        assertEquals(2, r.ranges().inputs().size());
        // Then every range input at either end, and all together, keep FINE_TUNE
        RangeCheck check = r.ranges();
        assertTrue(check.holds());
        assertEquals(r.costs().getChosenInRange(), check.inputs().stream().map(RangeCheck.Input::name).toList());
        assertTrue(check.inputs().stream().allMatch(i -> i.holds("FINE_TUNE")));
        assertEquals("FINE_TUNE", check.verdictAllCostliest());
    }

    @Test
    void inputs_the_use_case_gives_itself_are_not_varied() {
        // Given a self-served case at 6M calls a month, which $5,000 a month of hosting would flip, with its own hosting price
        String yaml = PRIVATE_NEAR_BREAK_EVEN.replace("callsPerMonth: 5000000", "callsPerMonth: 6000000");
        assertFalse(checked(yaml).ranges().holds());
        Result r = checked(yaml + "costs: { hostingUsdPerMonth: 900 }\n");
        // Then hosting is not checked, and the rest of the ranges do not flip it
        assertTrue(r.ranges().inputs().stream().noneMatch(i -> i.name().equals("hostingUsdPerMonth")));
        assertTrue(r.ranges().holds());
    }

    @Test
    void without_a_cost_estimate_there_is_nothing_to_vary() {
        Result r = checked("task: { need: knowledge }\nvolume: { callsPerDay: 1000 }");
        assertNull(r.costs());
        assertTrue(r.ranges().holds());
        assertEquals(List.of(), r.ranges().inputs());
        assertNull(r.ranges().verdictAllCostliest());
    }
}
