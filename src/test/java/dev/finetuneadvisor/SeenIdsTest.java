package dev.finetuneadvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeenIdsTest {
    @Test
    void a_repeated_id_is_found_among_many() {
        // Given 200,000 distinct ids
        SeenIds seen = new SeenIds();
        for (int i = 0; i < 200_000; i++) {
            assertEquals(SeenIds.Outcome.NEW, seen.add("use-case-" + i));
        }
        // Then each of them is a duplicate the second time, and a new one is not
        assertEquals(SeenIds.Outcome.DUPLICATE, seen.add("use-case-0"));
        assertEquals(SeenIds.Outcome.DUPLICATE, seen.add("use-case-199999"));
        assertEquals(SeenIds.Outcome.NEW, seen.add("use-case-200000"));
    }

    @Test
    void past_its_capacity_the_check_stops_and_says_so_once() {
        SeenIds seen = new SeenIds();
        for (int i = 0; i < SeenIds.CAPACITY; i++) {
            seen.add(Integer.toString(i));
        }
        assertEquals(SeenIds.Outcome.FULL, seen.add("one more"));
        assertEquals(SeenIds.Outcome.NOT_CHECKED, seen.add("0"));
    }
}
