package dev.finetuneadvisor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or careless client cannot do to a server without a token: reach it under another host name (DNS
 * rebinding), break it with a query it cannot read, hold a thread with a body that never ends, or be told the wrong
 * limit; and what a broken edit of a file the page reads (the questionnaire) does on reload: nothing is swapped in.
 * Raw requests, so that nothing between the test and the server mends them.
 */
class ServeHardeningTest {
    private static final long BATCH_LIMIT = 4096;
    private static AdvisorServer server;

    @BeforeAll
    static void start() throws IOException {
        server = AdvisorServer.start(ServeConfig.loopback().withLimits(ServeConfig.DEFAULT_MAX_BODY, BATCH_LIMIT, Duration.ofSeconds(1)),
                LiveRules.fixed(TestRules.advisor()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_request_naming_another_host_is_refused_without_a_token() throws IOException {
        // When a page of another site reaches the loopback server under a name of its own
        Raw r = raw("GET /v1/rules HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");
        // Then it is refused with a JSON error, and the same request naming localhost is answered
        assertEquals(421, r.status(), r.text());
        assertFalse(errors(r).isEmpty());
        assertEquals(200, raw("GET /v1/rules HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nConnection: close\r\n\r\n").status());
    }

    @Test
    void a_query_that_cannot_be_read_is_a_400() throws IOException {
        // When the query has a % not followed by two hex digits
        Raw r = raw("GET /v1/rules?%ZZ=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        // Then it is a 400 with a JSON error, not a 500
        assertEquals(400, r.status(), r.text());
        assertFalse(errors(r).isEmpty());
    }

    @Test
    void a_batch_over_its_limit_is_told_the_batch_limit_and_its_option() throws IOException {
        // When a batch declares more bytes than --max-batch-body allows
        String body = "{}\n".repeat((int) BATCH_LIMIT);
        Raw r = raw("POST /v1/advise/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        // Then the 413 names the batch's limit and the option that sets it
        assertEquals(413, r.status(), r.text());
        String message = errors(r).get(0).path("message").asText();
        assertTrue(message.contains(Long.toString(BATCH_LIMIT)) && message.contains("--max-batch-body"), message);
    }

    @Test
    void a_body_that_stops_arriving_is_a_408_within_the_time_limit() throws IOException {
        // When a client declares 100 bytes, sends a few and then nothing more
        Raw r = raw("POST /v1/advise HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\"");
        // Then the server answers 408 with a JSON error once the request time limit (1 s here) has passed
        assertEquals(408, r.status(), r.text());
        assertFalse(errors(r).isEmpty());
    }

    @Test
    void a_reload_whose_questionnaire_cannot_be_read_keeps_the_rules_serving(@TempDir Path tmp) throws Exception {
        // Given rules that reload from a copy, whose questionnaire then names a field that does not exist
        Path rules = ReloadUnderLoadTest.copyRules(tmp.resolve("rules"));
        Advisor first = TestRules.advisor();
        try (LiveRules live = LiveRules.of(first, () -> Advisor.builder().rules(rules).cache(TestRules.cacheDirectory()).build(),
                Clock.systemUTC())) {
            Path questionnaire = rules.resolve("questionnaire.yaml");
            Files.writeString(questionnaire, Files.readString(questionnaire).replaceFirst("field: task\\.need\\b", "field: task.nede"));
            // When it is reloaded
            LiveRules.Reload reload = live.reload();
            // Then the reload fails at the questionnaire's line, and the rules serving are the ones before
            assertEquals("failed", reload.outcome(), reload.toString());
            assertTrue(reload.errors().stream().anyMatch(p -> p.file().endsWith("questionnaire.yaml") && p.line() > 0), reload.toString());
            assertEquals(first, live.current().advisor());
        }
    }

    private record Raw(int status, String text) {
    }

    /** Sends the request as written and reads the whole answer (the connection closes after it). */
    private static Raw raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Raw(Integer.parseInt(text.substring(9, 12)), text);
        }
    }

    private static JsonNode errors(Raw r) throws IOException {
        assertTrue(r.text().contains("\r\n" + AdvisorServer.REVISION_HEADER + ": "), r.text());
        JsonNode body = Json.mapper().readTree(r.text().substring(r.text().indexOf("\r\n\r\n") + 4));
        return body.path("errors");
    }
}
