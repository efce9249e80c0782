package dev.finetuneadvisor.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.FactField;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The parts of the space diff that do not need two rule sets: where a group's representative leaves the group when
 * one number moves ({@link Boundary}), and how the representative is made small ({@link Minimizer}). The group is a
 * predicate here, so each test states exactly where it flips.
 */
class SpaceDiffTest {
    private static final CompiledRules RULES = TestRules.compiled();
    private static final List<FactField> FIELDS = FactField.all(RULES.fields(), RULES.assumptions(), true);
    private static final FactField LABELED = FactField.find(FIELDS, "data.labeledExamples");
    private static final FactField NOISE = FactField.find(FIELDS, "data.noiseRate");

    private static SpaceCase labeled(int n) {
        return new SpaceCase("c", "covering", Map.of("task.need", "behavior", "data.labeledExamples", n));
    }

    private static Predicate<SpaceCase> labeledWithin(long low, long high) {
        return c -> {
            Object v = c.given().get("data.labeledExamples");
            return v != null && ((Number) v).longValue() >= low && ((Number) v).longValue() <= high;
        };
    }

    private static long units(Object v) {
        return ((Number) v).longValue();
    }

    @Test
    void the_boundary_is_the_interval_around_the_case_within_which_it_stays_in_its_group() {
        // Given a group that holds from 1000 to 1999 labeled examples, the space's values at its thresholds
        List<Object> space = List.of(0, 999, 1000, 1001, 1999, 2000, 2001, 100000);
        // When the boundary is searched from a case with 1500
        Boundary b = Boundary.search(labeled(1500), LABELED, space, FIELDS, labeledWithin(1000, 1999));
        // Then it is [1000, 1999]
        assertEquals("data.labeledExamples", b.field());
        assertEquals(1000, units(b.low()));
        assertEquals(1999, units(b.high()));
        assertEquals("data.labeledExamples in [1000, 1999]", b.describe());
    }

    @Test
    void bisection_finds_a_flip_between_the_spaces_values_to_one_unit() {
        // Given a group bounded at numbers the space does not hold
        List<Object> space = List.of(0, 1000, 2000, 10000);
        // When the boundary is searched from a case with 2000
        Boundary b = Boundary.search(labeled(2000), LABELED, space, FIELDS, labeledWithin(1234, 5678));
        // Then both ends are found to the unit
        assertEquals(1234, units(b.low()));
        assertEquals(5678, units(b.high()));
    }

    @Test
    void a_side_open_to_the_end_of_the_range_is_left_open() {
        // Given a group that holds from 1000 examples up to the top of the field's range
        List<Object> space = List.of(0, 999, 1000, 1001);
        // When the boundary is searched
        Boundary b = Boundary.search(labeled(1001), LABELED, space, FIELDS, labeledWithin(1000, Long.MAX_VALUE));
        // Then only the low end is bounded
        assertEquals(1000, units(b.low()));
        assertNull(b.high());
        assertEquals("data.labeledExamples >= 1000", b.describe());
        // and a group the field does not decide has no boundary at all
        assertNull(Boundary.search(labeled(1001), LABELED, space, FIELDS, c -> true));
    }

    @Test
    void a_share_is_bounded_on_its_own_grid_and_written_without_trailing_zeros() {
        // Given a group that holds while the noise rate is at most 0.1
        SpaceCase c = new SpaceCase("c", "covering", Map.of("data.noiseRate", 0.02));
        Predicate<SpaceCase> within = x -> ((Number) x.given().get("data.noiseRate")).doubleValue() <= 0.1;
        // When the boundary is searched
        Boundary b = Boundary.search(c, NOISE, List.of(0.0, 0.05, 0.5, 1.0), FIELDS, within);
        // Then it ends at 0.1 (one thousandth is the grid of a share)
        assertNull(b.low());
        assertEquals(0.1, ((Number) b.high()).doubleValue(), 1e-9);
        assertEquals("data.noiseRate <= 0.1", b.describe());
        assertEquals("2000", Boundary.show(2000.0));
    }

    @Test
    void the_representative_keeps_only_the_fields_that_keep_it_in_its_group() {
        // Given a case of six fields of which the group needs two
        SpaceCase found = new SpaceCase("space-000007", "covering", Map.of("task.need", "behavior", "task.narrow", true,
                "prompt.engineered", true, "data.labeledExamples", 1500, "data.humanReviewed", true, "evals.goldenExamples", 100));
        Predicate<SpaceCase> group = c -> "behavior".equals(c.given().get("task.need")) && labeledWithin(1000, 1999).test(c);
        // When it is minimised
        SpaceCase minimal = Minimizer.minimize(found, group);
        // Then those two are left, with their values, under the case's id
        assertEquals(Map.of("task.need", "behavior", "data.labeledExamples", 1500), minimal.given());
        assertEquals("space-000007", minimal.id());
    }

    private static Outcome outcome(String verdict, String... advisories) {
        List<Recommendation> recs = new ArrayList<>();
        recs.add(new Recommendation(verdict, Recommendation.Kind.VERDICT, "r", "s", "a", "e"));
        for (String code : advisories) {
            recs.add(new Recommendation(code, Recommendation.Kind.ADVISORY, "r", "s", null, "e"));
        }
        return new Outcome(new Result("x", "f", null, verdict, List.of(), recs, null, List.of()), null);
    }

    @Test
    void a_code_given_more_or_fewer_times_is_a_change_and_says_how_many_times_now() {
        // Given a case whose NOISY_DATA goes from once to twice, and another that loses one of two
        Outcome once = outcome("GET_DATA_FIRST", "NOISY_DATA");
        Outcome twice = outcome("GET_DATA_FIRST", "NOISY_DATA", "NOISY_DATA");
        // Then each is a change, named with the count now
        assertEquals(List.of("NOISY_DATA\u00d72"), SpaceDiff.changed(once, twice, "GET_DATA_FIRST", true));
        assertEquals(List.of(), SpaceDiff.changed(once, twice, "GET_DATA_FIRST", false));
        assertEquals(List.of("NOISY_DATA\u00d71"), SpaceDiff.changed(twice, once, "GET_DATA_FIRST", false));
        // and a code that comes or goes once is named alone; the same codes are no change
        assertEquals(List.of("LABELING_BUDGET"), SpaceDiff.changed(once, outcome("GET_DATA_FIRST", "NOISY_DATA", "LABELING_BUDGET"), "GET_DATA_FIRST", true));
        assertNull(SpaceDiff.key(once, outcome("GET_DATA_FIRST", "NOISY_DATA")));
        assertEquals(SpaceDiff.key(once, twice), SpaceDiff.key(outcome("GET_DATA_FIRST", "NOISY_DATA", "DATA_TARGET"),
                outcome("GET_DATA_FIRST", "NOISY_DATA", "NOISY_DATA", "DATA_TARGET")), "codes that stay do not split a group");
    }
}
