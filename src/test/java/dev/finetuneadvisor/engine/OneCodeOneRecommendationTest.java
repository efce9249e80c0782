package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Scenario;
import dev.finetuneadvisor.io.ScenarioReader;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One code, one recommendation: no use case lists the same code twice, over every bundled fact file, every
 * scenario and a synthetic portfolio from the benchmark's generator (every verdict, many combinations of
 * privacy, volume and latency). Every output format renders the Result's recommendations as they are, so
 * holding it for the Result holds it for text, JSON, CSV, Markdown and HTML.
 */
class OneCodeOneRecommendationTest {
    private final Evaluator evaluator = TestRules.evaluator();
    private final FactReader reader = new FactReader(TestRules.compiled().assumptions().costKeys());

    @Test
    void no_bundled_fact_file_lists_a_code_twice() {
        // Given
        FactReader.Batch batch = reader.readAll(List.of(Path.of("facts")));
        assertTrue(batch.errors().isEmpty(), batch.errors().toString());
        // When
        List<String> repeats = repeats(batch.useCases());
        // Then
        assertTrue(batch.useCases().size() >= 20, "the bundled portfolio should be read");
        assertEquals(List.of(), repeats);
    }

    @Test
    void no_scenario_lists_a_code_twice() {
        // Given
        List<InputError> errors = new ArrayList<>();
        List<Scenario> scenarios = new ScenarioReader(TestRules.compiled().assumptions().costKeys())
                .readAll(Path.of("tests"), errors);
        assertTrue(errors.isEmpty(), errors.toString());
        // When
        List<String> repeats = repeats(scenarios.stream().map(Scenario::useCase).toList());
        // Then
        assertTrue(scenarios.size() >= 90, "every scenario should be read");
        assertEquals(List.of(), repeats);
    }

    @Test
    void no_generated_use_case_lists_a_code_twice(@TempDir Path dir) throws Exception {
        // Given: the benchmark's generator, run as the benchmark runs it
        Path file = dir.resolve("portfolio.jsonl");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "bench/Bench.java", "generate", "3000", "42", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the generator should finish");
        assertEquals(0, p.exitValue(), out);
        // When
        FactReader.Batch batch = reader.readAll(List.of(file));
        List<String> repeats = repeats(batch.useCases());
        // Then
        assertEquals(3000, batch.useCases().size(), () -> batch.errors().toString());
        assertTrue(Files.size(file) > 0);
        assertEquals(List.of(), repeats);
    }

    /** "id: CODE xN" for every code a use case lists more than once. */
    private List<String> repeats(List<FactReader.Loaded> cases) {
        List<String> repeats = new ArrayList<>();
        for (FactReader.Loaded loaded : cases) {
            Result r = evaluator.evaluate(loaded.useCase(), loaded.file());
            Map<String, Integer> seen = new TreeMap<>();
            for (Recommendation rec : r.recommendations()) {
                seen.merge(rec.getCode(), 1, Integer::sum);
            }
            seen.forEach((code, n) -> {
                if (n > 1) {
                    repeats.add(r.id() + ": " + code + " x" + n);
                }
            });
        }
        return repeats;
    }
}
