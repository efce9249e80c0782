package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled-rules cache: used only for exactly the same rules, and never at the price of a wrong answer. */
class KieBaseCacheTest {
    /** Every bundled use case evaluated with these rules, as the JSON the report would hold. */
    static String evaluateAll(CompiledRules rules) throws Exception {
        FactReader.Batch batch = new FactReader(rules.assumptions().costKeys()).readAll(List.of(Path.of("facts")));
        Evaluator evaluator = new Evaluator(rules);
        List<Result> results = new ArrayList<>();
        for (FactReader.Loaded c : batch.useCases()) {
            results.add(evaluator.evaluate(c.useCase(), c.file()));
        }
        return Json.pretty().writeValueAsString(results);
    }

    @Test
    void a_cached_knowledge_base_gives_the_same_results_as_a_fresh_compile(@TempDir Path cacheDir) throws Exception {
        // Given an empty cache
        KieBaseCache cache = KieBaseCache.at(cacheDir);
        // When the rules are loaded twice
        CompiledRules first = CompiledRules.load(TestRules.RULES, cache);
        CompiledRules second = CompiledRules.load(TestRules.RULES, cache);
        // Then the first compiles and stores, the second comes from the cache, and both judge every use case alike
        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        try (Stream<Path> entries = Files.list(cacheDir)) {
            assertEquals(1, entries.count());
        }
        assertEquals(evaluateAll(first), evaluateAll(second));
    }

    @Test
    void a_changed_rule_is_compiled_again_and_takes_effect(@TempDir Path dir) throws Exception {
        // Given a cache filled from a copy of the rules
        Path rules = dir.resolve("rules");
        RuleIndex.copy(TestRules.RULES, rules);
        KieBaseCache cache = KieBaseCache.at(dir.resolve("cache"));
        String before = evaluateAll(CompiledRules.load(rules, cache));
        // When a rule is added to an existing file
        Path advice = rules.resolve("advice/data.drl");
        Files.writeString(advice, Files.readString(advice) + """

                rule "Every use case gets a marker"
                    @id("test-marker") @section("test")
                when
                    UseCase()
                then
                    insertLogical(Recommendation.advisory(drools, "CACHE_TEST_MARKER", "added after the cache was filled"));
                end
                """);
        CompiledRules edited = CompiledRules.load(rules, cache);
        // Then the edited rules are compiled, not taken from the stale entry, and the new rule fires
        assertFalse(edited.fromCache());
        String after = evaluateAll(edited);
        assertFalse(before.contains("CACHE_TEST_MARKER"));
        assertTrue(after.contains("CACHE_TEST_MARKER"));
        assertTrue(CompiledRules.load(rules, cache).fromCache());
        assertEquals(after, evaluateAll(CompiledRules.load(rules, cache)));
    }

    @Test
    void a_damaged_entry_falls_back_to_compiling(@TempDir Path dir) throws Exception {
        // Given a cache entry that was cut short
        Path cacheDir = dir.resolve("cache");
        KieBaseCache cache = KieBaseCache.at(cacheDir);
        String expected = evaluateAll(CompiledRules.load(TestRules.RULES, cache));
        try (Stream<Path> entries = Files.list(cacheDir)) {
            Path entry = entries.findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(entry);
            Files.write(entry, Arrays.copyOf(bytes, bytes.length / 2));
        }
        // When the rules are loaded
        CompiledRules rules = CompiledRules.load(TestRules.RULES, cache);
        // Then they are compiled again and still judge alike
        assertFalse(rules.fromCache());
        assertEquals(expected, evaluateAll(rules));
    }

    @Test
    void only_the_most_recently_used_entries_are_kept(@TempDir Path dir) throws Exception {
        // Given a cache holding more entries than it keeps, oldest first
        KieBaseCache cache = KieBaseCache.at(dir);
        for (int i = 0; i < KieBaseCache.MAX_ENTRIES + 5; i++) {
            Path entry = Files.writeString(dir.resolve("kbase-" + i + ".bin"), "x");
            Files.setLastModifiedTime(entry, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Files.writeString(dir.resolve("unrelated.txt"), "kept");
        // When it tidies up
        cache.evict();
        // Then the newest MAX_ENTRIES remain, and nothing else of the folder is touched
        try (var files = Files.list(dir)) {
            List<String> left = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(KieBaseCache.MAX_ENTRIES + 1, left.size(), left.toString());
            assertTrue(left.contains("unrelated.txt"));
            assertFalse(left.contains("kbase-0.bin"));
            assertTrue(left.contains("kbase-" + (KieBaseCache.MAX_ENTRIES + 4) + ".bin"));
        }
    }

    @Test
    void the_key_covers_every_drl_file() {
        assertNotEquals(KieBaseCache.key(Map.of("a.drl", "x")), KieBaseCache.key(Map.of("a.drl", "y")));
        assertNotEquals(KieBaseCache.key(Map.of("a.drl", "x")), KieBaseCache.key(Map.of("b.drl", "x")));
        assertEquals(KieBaseCache.key(Map.of("a.drl", "x", "b.drl", "y")),
                KieBaseCache.key(Map.of("b.drl", "y", "a.drl", "x")));
    }
}
