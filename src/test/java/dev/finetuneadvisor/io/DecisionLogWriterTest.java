package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.UseCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision log's writer: appended, each line out at once, results logged and errors not; its reader reads it back. */
class DecisionLogWriterTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-03-01T12:00:00.250Z"), ZoneOffset.ofHours(2));

    @Test
    void a_line_is_in_the_file_as_soon_as_it_is_appended_after_what_the_file_held(@TempDir Path tmp) throws Exception {
        // Given a log that holds a line already, and a decision
        Path file = Files.writeString(tmp.resolve("decisions.jsonl"), "{\"earlier\":true}\n");
        UseCase useCase = TestRules.useCase("id: w\n" + TestRules.PASSES_ALL_GATES);
        Result result = TestRules.advisor().advise(useCase);
        try (DecisionLogWriter log = DecisionLogWriter.append(file, NOON)) {
            // When it is appended
            log.append(useCase, "facts/w.yaml", 4, result);
            // Then, before the writer is closed, the file holds the earlier line and the new one, at the clock's time in UTC
            List<String> lines = Files.readAllLines(file);
            assertEquals(2, lines.size());
            assertEquals("{\"earlier\":true}", lines.get(0));
            JsonNode entry = Json.mapper().readTree(lines.get(1));
            assertEquals(DecisionLogWriter.FORMAT, entry.get("log").asText());
            assertEquals("2026-03-01T12:00:00.250Z", entry.get("time").asText());
            assertEquals("facts/w.yaml", entry.get("file").asText());
            assertEquals(4, entry.get("line").asInt());
            assertEquals(result.verdict(), entry.get("result").get("verdict").asText());
        }
    }

    @Test
    void the_sink_logs_results_hands_everything_on_and_the_reader_gives_the_decision_back(@TempDir Path tmp) throws Exception {
        // Given a sink around another, a result and an error handed to it
        Path file = tmp.resolve("decisions.jsonl");
        UseCase useCase = TestRules.useCase("id: s\n" + TestRules.PASSES_ALL_GATES);
        Result result = TestRules.advisor().advise(useCase);
        List<String> handedOn = new ArrayList<>();
        ResultSink inner = new ResultSink() {
            @Override
            public void result(Result r, String rendered) {
                handedOn.add("result " + r.id());
            }

            @Override
            public void error(InputError error) {
                handedOn.add("error " + error.file());
            }

            @Override
            public void finish() {
                handedOn.add("finish");
            }
        };
        try (DecisionLogWriter log = DecisionLogWriter.append(file, NOON)) {
            ResultSink sink = log.around(inner);
            sink.result(new FactReader.Loaded(useCase, "s.yaml", 1), result, null);
            sink.error(new InputError("bad.yaml", 1, 1, null, null, "broken"));
            sink.finish();
        }
        // Then both went on, only the result was logged, and the reader reads its decision back
        assertEquals(List.of("result s", "error bad.yaml", "finish"), handedOn);
        List<DecisionLogReader.Entry> entries = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        DecisionLogReader.read(file, "decisions.jsonl", entries::add, errors::add);
        assertEquals(List.of(), errors);
        assertEquals(1, entries.size());
        DecisionLogReader.Entry e = entries.get(0);
        assertEquals("s", e.id());
        assertEquals(result.revisions(), e.revisions());
        assertEquals(result.verdict(), e.result().verdict());
        assertEquals(result.rulesFired(), e.result().rulesFired());
        assertEquals(6, e.result().gates().size());
        assertEquals("s", Json.mapper().readTree(e.input()).get("id").asText());
        assertNull(Json.mapper().readTree(e.input()).get("file"), "the input is the use case, not the result");
    }
}
