package dev.finetuneadvisor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.cli.AdvisorCommand;
import dev.finetuneadvisor.io.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server answers to a request it cannot serve: bad input is 400 with the command line's located error
 * objects, a body over the limit 413, another media type 415, an unknown path 404, another method 405 with
 * {@code Allow}, a missing or wrong token 401 — each a JSON error body with the rules revision in its header, never a
 * stack trace. Also the answers Jetty gives on its own (an ambiguous path, headers too large).
 */
class ServeErrorsTest {
    private static final String TOKEN = "serve-errors-token";
    private static final long LIMIT = 16 * 1024;
    private static final String YAML = "application/yaml";
    /** A YAML fact file with three mistakes, each at its own line and column. */
    private static final String BAD_YAML = "id: bad\ntask:\n  need: bogus\ndata:\n  noiseRate: 2.0\n  humanReviewd: true\n";
    private static final String BAD_JSON = "{\"id\":\"bad\",\"task\":{\"need\":\"bogus\"}}";
    private static AdvisorServer server;
    private static Http http;
    private static String revision;

    @BeforeAll
    static void startAServerWithATokenAndASmallLimit() throws Exception {
        // Given a server with an access token and a body limit of 16 KiB
        server = AdvisorServer.start(ServeConfig.loopback().withToken(TOKEN).withLimits(LIMIT, LIMIT, Duration.ofSeconds(30)),
                LiveRules.fixed(TestRules.advisor()));
        http = new Http(server.uri(), TOKEN);
        revision = TestRules.advisor().revisions().rulesRevision();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * The reply is an error of {@code status}: a JSON body {@code {"errors":[...], "revisions":{...}}} whose every
     * error has a message, the rules revision in its header, and nothing of a stack trace. Returns the errors.
     */
    private static JsonNode assertError(int status, Http.Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        assertEquals(revision, reply.header(AdvisorServer.REVISION_HEADER), reply.toString());
        assertEquals("application/json", reply.header("Content-Type").split(";")[0], reply.toString());
        assertFalse(reply.body().contains("\tat ") || reply.body().contains("Exception") || reply.body().contains("dev.finetuneadvisor."),
                "a stack trace or a class name: " + reply.body());
        JsonNode body = reply.json();
        JsonNode errors = body.path("errors");
        assertTrue(errors.isArray() && !errors.isEmpty(), reply.body());
        for (JsonNode e : errors) {
            assertFalse(e.path("message").asText().isBlank(), reply.body());
        }
        assertEquals(revision, body.path("revisions").path("rulesRevision").asText(), reply.body());
        return errors;
    }

    /** The errors {@code advise --format json} reports for a file holding {@code text}, each named as the API names a body. */
    private static List<JsonNode> cliErrors(Path dir, String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        StringWriter out = new StringWriter();
        AdvisorCommand.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "advise", "--format", "json",
                "--no-counterfactuals", "--no-ranges", file.toString());
        List<JsonNode> errors = new ArrayList<>();
        for (JsonNode e : Json.mapper().readTree(out.toString()).path("errors")) {
            ((ObjectNode) e).put("file", "<request>");
            errors.add(e);
        }
        return errors;
    }

    @Test
    void a_bad_yaml_fact_file_is_400_with_each_mistake_located_as_the_command_line_locates_it(@TempDir Path dir) throws Exception {
        // When a YAML fact file with three mistakes is posted
        JsonNode errors = assertError(400, http.post("/v1/advise", YAML, BAD_YAML));
        // Then each is an error at its line, column and field, the same objects the command line reports
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(3, errors.get(0).path("line").asInt());
        assertEquals(9, errors.get(0).path("column").asInt());
        assertEquals("task.need", errors.get(0).path("field").asText());
        assertEquals("data.noiseRate", errors.get(1).path("field").asText());
        assertEquals(5, errors.get(1).path("line").asInt());
        assertEquals("data.humanReviewd", errors.get(2).path("field").asText());
        assertEquals("<request>", errors.get(0).path("file").asText());
        assertEquals(cliErrors(dir, "bad.yaml", BAD_YAML), iterable(errors));
    }

    @Test
    void a_bad_json_fact_file_is_400_with_the_mistake_located(@TempDir Path dir) throws Exception {
        // When a JSON fact file with a value not allowed is posted
        JsonNode errors = assertError(400, http.post("/v1/advise", "application/json", BAD_JSON));
        // Then the error is at the value's line and column, with its field
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(1, errors.get(0).path("line").asInt());
        assertEquals(BAD_JSON.indexOf("\"bogus\"") + 1, errors.get(0).path("column").asInt());
        assertEquals("task.need", errors.get(0).path("field").asText());
        assertEquals(cliErrors(dir, "bad.json", BAD_JSON), iterable(errors));
    }

    @Test
    void json_that_does_not_parse_is_400_at_the_place_it_breaks() {
        // When a JSON body cut short is posted
        JsonNode errors = assertError(400, http.post("/v1/advise", "application/json", "{\"id\":\"x\",\n\"task\":{\"need\":"));
        // Then the error is located on its second line
        assertEquals(2, errors.get(0).path("line").asInt(), errors.toString());
        assertTrue(errors.get(0).path("column").asInt() > 0, errors.toString());
    }

    @Test
    void a_portfolio_sent_to_the_one_case_route_is_400_pointing_at_the_batch() {
        // When a body with two use cases is posted to /v1/advise
        JsonNode errors = assertError(400, http.post("/v1/advise", YAML, "useCases:\n  - id: a\n  - id: b\n"));
        // Then the error names the batch route
        assertTrue(errors.get(0).path("message").asText().contains("/v1/advise/batch"), errors.toString());
    }

    @Test
    void an_unknown_query_parameter_and_an_unknown_why_not_code_are_400() {
        // When a query parameter no route takes, a code no rule concludes, and a flag that is not true or false are sent
        JsonNode unknown = assertError(400, http.post("/v1/advise?verbose=true", YAML, TestRules.PASSES_ALL_GATES));
        JsonNode code = assertError(400, http.post("/v1/advise?whyNot=MAKE_IT_SO", YAML, TestRules.PASSES_ALL_GATES));
        JsonNode flag = assertError(400, http.post("/v1/advise/batch?counterfactuals=maybe", "application/x-ndjson", "{}\n"));
        // Then each error names what was wrong
        assertTrue(unknown.get(0).path("message").asText().contains("verbose"), unknown.toString());
        assertTrue(code.get(0).path("message").asText().contains("MAKE_IT_SO"), code.toString());
        assertTrue(flag.get(0).path("message").asText().contains("maybe"), flag.toString());
        // and a GET route takes no query either
        assertError(400, http.get("/v1/rules?format=yaml"));
    }

    @Test
    void a_batch_line_that_is_rejected_is_an_error_line_in_its_place() {
        // When a batch's second line has a value not allowed
        Http.Reply reply = http.post("/v1/advise/batch?counterfactuals=false", "application/x-ndjson",
                "{\"id\":\"a\",\"task\":{\"need\":\"knowledge\"}}\n{\"id\":\"b\",\"task\":{\"need\":\"bogus\"}}\n{\"id\":\"c\"}\n");
        // Then the answer is 200 with three lines, the second the located error of input line 2
        assertEquals(200, reply.status(), reply.body());
        assertEquals(revision, reply.header(AdvisorServer.REVISION_HEADER));
        List<String> lines = reply.lines();
        assertEquals(3, lines.size(), reply.body());
        JsonNode error = parse(lines.get(1)).path("error");
        assertEquals(2, error.path("line").asInt(), lines.get(1));
        assertEquals("task.need", error.path("field").asText(), lines.get(1));
        assertEquals("<request>", error.path("file").asText(), lines.get(1));
        assertEquals("c", parse(lines.get(2)).path("id").asText());
    }

    @Test
    void a_body_over_the_limit_is_413() {
        // When a body one byte over the limit is posted, with its length declared and sent in chunks
        Http.Reply declared = http.post("/v1/advise", YAML, "#".repeat((int) LIMIT + 1));
        Http.Reply chunked = http.send(http.request("/v1/advise").header("Content-Type", YAML)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[(int) LIMIT * 2]))));
        // Then both are 413, naming the limit
        assertTrue(assertError(413, declared).get(0).path("message").asText().contains(String.valueOf(LIMIT)));
        assertError(413, chunked);
        // and the server still answers on (a refused body does not break the next request)
        assertEquals(200, http.get("/v1/rules").status());
    }

    @Test
    void another_media_type_or_charset_is_415() {
        // When a fact file is sent as text/plain, as YAML in Latin-1, and with no Content-Type
        assertError(415, http.post("/v1/advise", "text/plain", TestRules.PASSES_ALL_GATES));
        assertError(415, http.post("/v1/advise", "application/yaml; charset=iso-8859-1", TestRules.PASSES_ALL_GATES));
        assertError(415, http.post("/v1/advise", null, TestRules.PASSES_ALL_GATES));
        // Then each is 415; JSON Lines are not a fact file either, nor a fact file JSON Lines
        assertError(415, http.post("/v1/advise", "application/x-ndjson", "{}\n"));
        assertError(415, http.post("/v1/advise/batch", YAML, TestRules.PASSES_ALL_GATES));
    }

    @Test
    void an_unknown_path_is_404() {
        // When a path no route has is called, with GET and with a body
        Http.Reply get = http.get("/v2/advise");
        Http.Reply post = http.post("/v1/advise/one", YAML, TestRules.PASSES_ALL_GATES);
        // Then both are 404
        assertError(404, get);
        assertError(404, post);
    }

    @Test
    void another_method_is_405_with_the_methods_allowed() {
        // When a route is called with a method it does not answer
        Http.Reply get = http.get("/v1/advise");
        Http.Reply delete = http.send(http.request("/v1/rules").DELETE());
        // Then it is 405, and Allow names the method it answers
        assertError(405, get);
        assertEquals("POST", get.header("Allow"));
        assertError(405, delete);
        assertEquals("GET", delete.header("Allow"));
    }

    @Test
    void without_the_token_or_with_another_one_the_api_is_401() {
        // When the API is called without a token, with another token, and with another scheme
        Http.Reply none = http.send(http.bare("/v1/advise?counterfactuals=false").header("Content-Type", YAML)
                .POST(HttpRequest.BodyPublishers.ofString(TestRules.PASSES_ALL_GATES)));
        Http.Reply wrong = http.send(http.bare("/v1/rules").header("Authorization", "Bearer not-the-token"));
        Http.Reply basic = http.send(http.bare("/v1/schema").header("Authorization", "Basic " + TOKEN));
        // Then each is 401, asking for a bearer token
        for (Http.Reply r : List.of(none, wrong, basic)) {
            assertError(401, r);
            assertNotNull(r.header("WWW-Authenticate"), r.toString());
            assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"), r.toString());
        }
        // and the token opens them, while /health needs none
        assertEquals(200, http.get("/v1/rules").status());
        Http.Reply health = http.send(http.bare("/health"));
        assertEquals(200, health.status(), health.body());
        assertEquals(revision, health.header(AdvisorServer.REVISION_HEADER));
    }

    @Test
    void the_answers_jetty_gives_itself_are_json_errors_with_the_revision() {
        // When a path is ambiguous, and a header is larger than the server reads
        Http.Reply ambiguous = http.get("/v1//rules");
        Http.Reply large = http.send(http.request("/v1/rules").header("X-Large", "a".repeat(20_000)));
        // Then both are JSON errors with the revision, not an HTML page
        assertError(400, ambiguous);
        assertError(431, large);
    }

    @Test
    void a_success_carries_the_revision_too() {
        // When a use case is advised
        Http.Reply reply = http.post("/v1/advise?counterfactuals=false", YAML, TestRules.PASSES_ALL_GATES);
        // Then the header names the revision the result names
        assertEquals(200, reply.status(), reply.body());
        assertEquals(revision, reply.header(AdvisorServer.REVISION_HEADER));
        assertEquals(revision, reply.json().path("rulesRevision").asText());
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> all = new ArrayList<>();
        array.forEach(all::add);
        return all;
    }
}
