package dev.finetuneadvisor.engine.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The covering array meets every t-way combination, stays between its bounds, and is the same every time. */
class CoveringArrayTest {

    static Stream<Arguments> shapes() {
        int[][] shapes = {
            {3, 3, 3, 3},
            {2, 5, 1, 4, 3, 2},
            {4, 1, 1, 3},
            {6, 2, 3, 2, 5, 2, 4, 3},
            {2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
            {1, 7, 2, 2, 3, 1, 4, 2, 2},
        };
        List<Arguments> cases = new ArrayList<>();
        for (int[] counts : shapes) {
            for (int t = 1; t <= 3; t++) {
                cases.add(Arguments.of(counts, t));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} t={1}")
    @MethodSource("shapes")
    void every_t_way_combination_occurs_in_some_row(int[] counts, int t) {
        // When
        List<int[]> rows = CoveringArray.generate(counts, t);
        // Then every combination occurs, counted two ways: by coverage() and by brute force here
        long total = bruteForceTotal(counts, t);
        assertArrayEquals(new long[] {total, total}, CoveringArray.coverage(rows, counts, t));
        assertEquals(total, bruteForceCovered(rows, counts, t));
    }

    @ParameterizedTest(name = "{0} t={1}")
    @MethodSource("shapes")
    void the_array_is_no_larger_than_the_full_product_and_no_smaller_than_the_t_largest_counts(int[] counts, int t) {
        // When
        List<int[]> rows = CoveringArray.generate(counts, t);
        // Then
        assertTrue(rows.size() >= productOfLargest(counts, t), rows.size() + " rows");
        assertTrue(rows.size() <= productOfLargest(counts, counts.length), rows.size() + " rows");
    }

    @Test
    void forty_five_parameters_of_mixed_counts_are_covered_pairwise_near_the_lower_bound() {
        // Given the shape of a fact space: mostly 2..6 values, a handful with 12..22
        int[] counts = factSpaceShape();
        // When
        List<int[]> rows = CoveringArray.generate(counts, 2);
        // Then (the lower bound is 21 * 20 = 420 rows)
        long[] coverage = CoveringArray.coverage(rows, counts, 2);
        assertEquals(coverage[1], coverage[0]);
        assertTrue(rows.size() <= 1.1 * productOfLargest(counts, 2), rows.size() + " rows");
    }

    @Test
    void the_same_counts_give_the_same_rows_in_the_same_order() {
        // Given
        int[] counts = {6, 2, 3, 2, 5, 2, 4, 3, 1, 2};
        // When
        List<int[]> first = CoveringArray.generate(counts, 3);
        List<int[]> second = CoveringArray.generate(counts, 3);
        // Then
        assertEquals(first.size(), second.size());
        for (int r = 0; r < first.size(); r++) {
            assertArrayEquals(first.get(r), second.get(r), "row " + r);
        }
    }

    @Test
    void row_values_refer_to_the_parameters_in_the_order_given() {
        // Given a parameter with few values before one with many (the generator works largest first)
        int[] counts = {2, 9, 3};
        // When
        List<int[]> rows = CoveringArray.generate(counts, 2);
        // Then each column takes exactly the values of its own parameter
        for (int i = 0; i < counts.length; i++) {
            Set<Integer> values = new HashSet<>();
            for (int[] row : rows) {
                values.add(row[i]);
            }
            assertEquals(counts[i], values.size(), "parameter " + i);
        }
    }

    @Test
    void t_above_the_number_of_parameters_gives_the_full_product() {
        // Given
        int[] counts = {3, 1, 2};
        // When
        List<int[]> rows = CoveringArray.generate(counts, 4);
        // Then every one of the 3 * 1 * 2 rows, once
        Set<List<Integer>> distinct = new HashSet<>();
        for (int[] row : rows) {
            distinct.add(Arrays.stream(row).boxed().toList());
        }
        assertEquals(6, rows.size());
        assertEquals(6, distinct.size());
        assertArrayEquals(new long[] {6, 6}, CoveringArray.coverage(rows, counts, 4));
    }

    @Test
    void max_rows_stops_early_and_coverage_says_what_is_missing() {
        // Given counts whose pairs need at least 5 * 5 = 25 rows
        int[] counts = {5, 5, 3, 3, 2};
        // When
        List<int[]> rows = CoveringArray.generate(counts, 2, 10);
        // Then the rows it has are complete, and coverage falls short
        assertEquals(10, rows.size());
        long[] coverage = CoveringArray.coverage(rows, counts, 2);
        assertTrue(coverage[0] > 0 && coverage[0] < coverage[1], Arrays.toString(coverage));
    }

    @Test
    void max_rows_at_or_above_the_needed_size_changes_nothing() {
        // Given
        int[] counts = {5, 5, 3, 3, 2};
        List<int[]> unbounded = CoveringArray.generate(counts, 2);
        // When
        List<int[]> bounded = CoveringArray.generate(counts, 2, unbounded.size());
        // Then
        assertEquals(unbounded.size(), bounded.size());
        for (int r = 0; r < bounded.size(); r++) {
            assertArrayEquals(unbounded.get(r), bounded.get(r), "row " + r);
        }
    }

    @Test
    void coverage_counts_a_missing_pair() {
        // Given the full product of three two-valued parameters without the rows where p0 = 1 and p2 = 1
        int[] counts = {2, 2, 2};
        List<int[]> rows = new ArrayList<>();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                    if (!(a == 1 && c == 1)) {
                        rows.add(new int[] {a, b, c});
                    }
                }
            }
        }
        // When / Then: one of the 12 pairs is missing, no single value is, two of the 8 triples are
        assertArrayEquals(new long[] {11, 12}, CoveringArray.coverage(rows, counts, 2));
        assertArrayEquals(new long[] {6, 6}, CoveringArray.coverage(rows, counts, 1));
        assertArrayEquals(new long[] {6, 8}, CoveringArray.coverage(rows, counts, 3));
    }

    @Test
    void bad_arguments_are_refused() {
        // Given / When / Then
        assertThrows(IllegalArgumentException.class, () -> CoveringArray.generate(new int[] {2, 0, 3}, 2));
        assertThrows(IllegalArgumentException.class, () -> CoveringArray.generate(new int[] {2, 3}, 0));
        assertThrows(IllegalArgumentException.class, () -> CoveringArray.generate(new int[] {2, 2, 2, 2, 2, 2}, 5));
        assertThrows(IllegalArgumentException.class, () -> CoveringArray.generate(new int[0], 2));
        assertThrows(IllegalArgumentException.class, () -> CoveringArray.generate(new int[] {2, 3}, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> CoveringArray.coverage(List.of(new int[] {0, 3}), new int[] {2, 3}, 2));
        assertThrows(IllegalArgumentException.class, () -> CoveringArray.coverage(List.of(new int[] {0}), new int[] {2, 3}, 2));
        assertThrows(IllegalArgumentException.class, () -> CoveringArray.coverage(List.of(), new int[] {2, -1}, 2));
    }

    @Test
    void a_count_of_zero_is_named_in_the_error() {
        // When
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoveringArray.generate(new int[] {2, 0, 3}, 2));
        // Then
        assertTrue(e.getMessage().contains("parameter 1"), e.getMessage());
    }

    /** 45 parameters: 40 with 2..6 values, 5 with 12..22 (seeded, so the same every run). */
    static int[] factSpaceShape() {
        Random random = new Random(1);
        int[] counts = new int[45];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = i % 9 == 4 ? 12 + random.nextInt(11) : 2 + random.nextInt(5);
        }
        return counts;
    }

    private static long productOfLargest(int[] counts, int t) {
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        long product = 1;
        for (int i = 0; i < Math.min(t, sorted.length); i++) {
            product *= sorted[sorted.length - 1 - i];
        }
        return product;
    }

    /** The number of t-way value combinations, summed over every t-subset of parameters. */
    private static long bruteForceTotal(int[] counts, int t) {
        long total = 0;
        for (int[] subset : subsets(counts.length, Math.min(t, counts.length))) {
            long product = 1;
            for (int p : subset) {
                product *= counts[p];
            }
            total += product;
        }
        return total;
    }

    /** The t-way value combinations the rows hold, counted as distinct (subset, values) strings. */
    private static long bruteForceCovered(List<int[]> rows, int[] counts, int t) {
        Set<String> seen = new HashSet<>();
        for (int[] row : rows) {
            for (int[] subset : subsets(counts.length, Math.min(t, counts.length))) {
                StringBuilder key = new StringBuilder();
                for (int p : subset) {
                    assertTrue(row[p] >= 0 && row[p] < counts[p], "value " + row[p] + " of parameter " + p);
                    key.append(p).append('=').append(row[p]).append(' ');
                }
                seen.add(key.toString());
            }
        }
        return seen.size();
    }

    private static List<int[]> subsets(int n, int size) {
        List<int[]> all = new ArrayList<>();
        for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) == size) {
                int[] subset = new int[size];
                for (int p = 0, j = 0; p < n; p++) {
                    if ((mask & 1 << p) != 0) {
                        subset[j++] = p;
                    }
                }
                all.add(subset);
            }
        }
        return all;
    }
}
