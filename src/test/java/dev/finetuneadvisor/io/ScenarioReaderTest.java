package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.finetuneadvisor.model.CostKeys;
import dev.finetuneadvisor.model.InputError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario's inline use case is read like a fact file: every mistake at once, named under useCase. */
class ScenarioReaderTest {
    @Test
    void every_mistake_of_an_inline_use_case_is_reported_under_use_case(@TempDir Path dir) throws Exception {
        // Given a scenario whose use case has two mistakes
        Path file = dir.resolve("two-mistakes.yaml");
        Files.writeString(file, """
                description: two mistakes
                useCase:
                  task: { need: knowlege }
                  costs: { tokensPerCall: 500 }
                expect: { verdict: USE_RAG }
                """);
        CostKeys costs = new CostKeys(new TreeSet<>(Set.of("engineerUsdPerWeek")), new TreeMap<>(Map.of("tokensPerCall", "volume.tokensPerCall")));
        List<InputError> errors = new ArrayList<>();
        // When it is read
        assertNull(new ScenarioReader(costs).read(file, errors));
        // Then both are reported, located, in order
        assertEquals(List.of("useCase.task.need", "useCase.costs.tokensPerCall"), errors.stream().map(InputError::field).toList());
        assertEquals(List.of(3, 4), errors.stream().map(InputError::line).toList());
    }
}
