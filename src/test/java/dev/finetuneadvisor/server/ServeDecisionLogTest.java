package dev.finetuneadvisor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.DecisionLogWriter;
import dev.finetuneadvisor.io.FactFormat;
import dev.finetuneadvisor.io.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --decision-log}: every decision the server answers is in the log by the time the answer is read, one
 * answer of {@code /v1/advise} or one result line of {@code /v1/advise/batch} at a time: it is written before it is
 * acknowledged, so a crash loses no decision a client was given. Rejected input is not a decision and is not logged.
 */
class ServeDecisionLogTest {
    @TempDir
    static Path tmp;
    private static Path log;
    private static DecisionLogWriter writer;
    private static AdvisorServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        log = tmp.resolve("decisions.jsonl");
        writer = DecisionLogWriter.append(log, Clock.systemUTC());
        server = AdvisorServer.start(ServeConfig.loopback().withDecisionLog(writer), LiveRules.fixed(TestRules.advisor()));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        writer.close();
    }

    @Test
    void every_answer_of_one_use_case_is_in_the_log_when_it_is_read() throws Exception {
        // Given use cases sent at once from four threads, each with an id of its own, and one body that is not a use case
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> checks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "advise-" + i;
                checks.add(pool.submit(() -> {
                    // When one is answered
                    HttpResponse<String> r = post("/v1/advise", "application/yaml", "id: " + id + "\n" + TestRules.PASSES_ALL_GATES);
                    // Then its decision is in the log already: same id, verdict and revisions
                    assertEquals(200, r.statusCode(), r.body());
                    JsonNode answer = Json.mapper().readTree(r.body());
                    assertLogged(answer, id);
                    return id;
                }));
            }
            for (Future<String> f : checks) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        HttpResponse<String> rejected = post("/v1/advise", "application/yaml", "id: rejected\ntask: { need: sometimes }\n");
        assertEquals(400, rejected.statusCode(), rejected.body());
        assertFalse(logged().containsKey("rejected"), "a rejected body is not a decision");
    }

    @Test
    void every_result_line_of_a_batch_is_in_the_log_when_it_is_read() throws Exception {
        // Given a batch of use cases as JSON Lines, one line of it not a use case
        JsonNode useCase = FactFormat.yaml().readTree(TestRules.PASSES_ALL_GATES);
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            body.append(i == 7 ? "{\"id\": \"batch-7\", \"task\": {\"need\": \"sometimes\"}}"
                    : ((ObjectNode) useCase.deepCopy()).put("id", "batch-" + i).toString()).append('\n');
        }
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/v1/advise/batch?counterfactuals=false"))
                .header("Content-Type", "application/x-ndjson").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        // When its answer is read a line at a time
        HttpResponse<Stream<String>> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        int lines = 0;
        for (Iterator<String> it = r.body().iterator(); it.hasNext(); ) {
            JsonNode line = Json.mapper().readTree(it.next());
            lines++;
            // Then each result's decision is in the log when the line arrives, and a rejected line has none
            if (line.has("error")) {
                assertEquals(7, line.path("error").path("line").asInt(), line.toString());
                assertFalse(logged().containsKey("batch-7"), "a rejected line is not a decision");
            } else {
                assertLogged(line, "batch-" + lines);
            }
        }
        assertEquals(30, lines);
    }

    private static HttpResponse<String> post(String path, String type, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve(path)).header("Content-Type", type).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertLogged(JsonNode answer, String id) throws IOException {
        assertEquals(id, answer.path("id").asText());
        JsonNode decision = logged().get(id);
        assertNotNull(decision, id + " is in the log when its answer is read");
        assertEquals(DecisionLogWriter.FORMAT, decision.path("log").asText());
        assertEquals(answer.path("verdict").asText(), decision.path("result").path("verdict").asText(), id);
        for (String revision : List.of("advisorVersion", "rulesRevision", "assumptionsRevision")) {
            assertEquals(answer.path(revision).asText(), decision.path(revision).asText(), id + ": " + revision);
        }
        assertTrue(answer.path("rulesRevision").asText().matches("[0-9a-f]{12}"), answer.toString());
    }

    /**
     * The decisions in the log now, by id; every line ended must be a whole decision (a line still being written by
     * another request's thread, with no newline yet, is not read).
     */
    private static Map<String, JsonNode> logged() throws IOException {
        Map<String, JsonNode> byId = new HashMap<>();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode decision = Json.mapper().readTree(line);
            byId.put(decision.path("id").asText(), decision);
        }
        return byId;
    }
}
