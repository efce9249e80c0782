package dev.finetuneadvisor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json} is a valid OpenAPI 3.1 document (checked against the OpenAPI Initiative's own schema,
 * kept in src/test/resources/openapi) and it describes this server: the operations it lists are the routes the
 * server registers, and each one, called with the document's own example, a wrong query, no token, a wrong media
 * type, a body over the limit or a method it does not list, answers a status the document gives for it, with the
 * headers and the body the document describes.
 */
class OpenApiTest {
    private static final String TOKEN = "openapi-test-token";
    /** The body limit of this test's server: small, so a body over it is cheap to send. */
    private static final long LIMIT = 64 * 1024;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern REVISION = Pattern.compile("[0-9a-f]{12}");
    private static AdvisorServer server;
    private static Http http;
    private static JsonNode doc;
    private static JsonSchemaFactory schemas;
    private static String docUri;

    /** One operation of the document: its method, its path and the operation object. */
    record Operation(String method, String path, JsonNode op) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }

        Set<String> statuses() {
            Set<String> s = new TreeSet<>();
            op.path("responses").fieldNames().forEachRemaining(s::add);
            return s;
        }

        /** The path with each template filled with its parameter's example. */
        String concretePath() {
            String p = path;
            for (JsonNode param : op.path("parameters")) {
                if (param.path("in").asText().equals("path")) {
                    p = p.replace("{" + param.path("name").asText() + "}", param.path("example").asText());
                }
            }
            return p;
        }
    }

    @BeforeAll
    static void startAServerWithATokenAndAPortfolio() throws Exception {
        // Given a server with an access token, a small body limit and a portfolio, and the document it serves
        ServeConfig config = ServeConfig.loopback().withToken(TOKEN)
                .withLimits(LIMIT, LIMIT, Duration.ofSeconds(30))
                .withPortfolio(List.of(Path.of("facts/portfolio-support-org.yaml")));
        server = AdvisorServer.start(config, LiveRules.fixed(TestRules.advisor()));
        http = new Http(server.uri(), TOKEN);
        Http.Reply served = http.get("/openapi.json");
        assertEquals(200, served.status(), served.body());
        doc = served.json();
        // its schemas resolved as a client resolves them: relative to where the document was fetched
        docUri = server.uri().resolve("/openapi.json").toString();
        String factSchema = http.get("/v1/schema").body();
        // (the document's own top-level fields are no schema keywords: named, so the validator passes over them quietly)
        JsonMetaSchema document = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .keywords(Stream.of("openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components", "security", "tags",
                        "externalDocs").map(NonValidationKeyword::new).toList())
                .build();
        schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b -> b.metaSchema(document).schemaLoaders(l -> l.schemas(
                Map.of(docUri, served.body(), server.uri().resolve("/v1/schema").toString(), factSchema))));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (METHODS.contains(m.getKey())) {
                ops.add(new Operation(m.getKey(), p.getKey(), m.getValue()));
            }
        }));
        return ops;
    }

    private static JsonSchema openApiSchema() throws IOException {
        try (InputStream in = OpenApiTest.class.getResourceAsStream("/openapi/openapi-3.1-schema.json")) {
            assertNotNull(in, "src/test/resources/openapi/openapi-3.1-schema.json");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Json.mapper().readTree(in));
        }
    }

    /** The schema at a JSON pointer into the served document. */
    private static JsonSchema schemaAt(String pointer) {
        return schemas.getSchema(SchemaLocation.of(docUri + "#" + pointer));
    }

    private static String pointer(String... tokens) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            sb.append('/').append(t.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    /**
     * Checks a reply against the operation's documented responses: its status is one of them, it carries the
     * documented headers (the rules revision on every one), and a JSON body follows the documented schema.
     */
    private static void assertDocumented(Operation o, Http.Reply reply) {
        String status = String.valueOf(reply.status());
        assertTrue(o.statuses().contains(status), o + " answered " + status + ", documented " + o.statuses() + ": " + reply.body());
        JsonNode response = o.op().path("responses").path(status);
        String at = pointer("paths", o.path(), o.method(), "responses", status);
        if (response.has("$ref")) {
            at = response.path("$ref").asText().substring(1);
            response = doc.at(at);
        }
        String revision = reply.header(AdvisorServer.REVISION_HEADER);
        assertTrue(revision != null && REVISION.matcher(revision).matches(), o + " " + status + ": " + reply.headers().map());
        assertTrue(response.path("headers").has(AdvisorServer.REVISION_HEADER), o + " " + status + " does not document the revision header");
        response.path("headers").fieldNames().forEachRemaining(h -> {
            if (!h.equals("Allow")) {
                assertNotNull(reply.header(h), o + " " + status + " lacks " + h);
            }
        });
        String type = reply.header("Content-Type") == null ? "" : reply.header("Content-Type").split(";")[0].strip();
        assertTrue(response.path("content").has(type), o + " " + status + " answered " + type + ", documented "
                + response.path("content"));
        if (type.equals("application/x-ndjson")) {
            // JSON Lines: each line a result, or the error of its input line, as the response's description says
            for (String line : reply.lines()) {
                JsonNode item = json(line);
                Set<ValidationMessage> problems = schemaAt("/components/schemas/" + (item.has("error") ? "BatchError" : "Result")).validate(item);
                assertEquals(Set.of(), problems, o + " " + status + ": " + line);
            }
        } else if (type.endsWith("json")) {
            Set<ValidationMessage> problems = schemaAt(at + pointer("content", type, "schema")).validate(reply.json());
            assertEquals(Set.of(), problems, o + " " + status + ": " + reply.body());
        }
        assertFalse(reply.body().contains("\tat "), o + " answered a stack trace: " + reply.body());
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The operation's documented request bodies: media type and example, as bytes to send. */
    private static Map<String, byte[]> examples(Operation o) throws IOException {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> content = o.op().path("requestBody").path("content").fields();
        while (content.hasNext()) {
            Map.Entry<String, JsonNode> e = content.next();
            JsonNode example = e.getValue().path("example");
            assertFalse(example.isMissingNode(), o + " " + e.getKey() + " has no example");
            bodies.put(e.getKey(), (example.isTextual() ? example.asText() : Json.compact().writeValueAsString(example))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static Http.Reply call(Operation o, String query, String type, byte[] body, boolean withToken) {
        String target = o.concretePath() + query;
        HttpRequest.Builder b = withToken ? http.request(target) : http.bare(target);
        if (body == null) {
            b.method(o.method().toUpperCase(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", type).method(o.method().toUpperCase(), HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return http.send(b);
    }

    /** A body the operation takes (its first documented example), or null for an operation without one. */
    private static Map.Entry<String, byte[]> someBody(Operation o) throws IOException {
        Map<String, byte[]> all = examples(o);
        return all.isEmpty() ? null : all.entrySet().iterator().next();
    }

    @Test
    void the_document_is_valid_openapi_3_1() throws Exception {
        // When the served document is validated against the OpenAPI 3.1 schema
        Set<ValidationMessage> problems = openApiSchema().validate(doc);
        // Then it follows it
        assertEquals(Set.of(), problems);
        assertTrue(doc.path("openapi").asText().startsWith("3.1."));
    }

    @Test
    void a_document_that_breaks_the_schema_is_caught_by_the_validation() throws Exception {
        // Given the document without its info and with a response that is not a response object
        ObjectNode wrong = doc.deepCopy();
        wrong.remove("info");
        ((ObjectNode) wrong.path("paths").path("/v1/advise").path("post").path("responses")).put("200", "fine");
        // When it is validated, Then the validator rejects it (the test above cannot pass vacuously)
        assertFalse(openApiSchema().validate(wrong).isEmpty());
    }

    @Test
    void the_documented_operations_are_the_routes_the_server_registers() {
        // Given the (method, path) pairs the server answers and those the document lists
        Set<String> registered = new TreeSet<>();
        server.routes().forEach(r -> registered.add(r.method().toUpperCase() + " " + r.path()));
        Set<String> documented = new TreeSet<>();
        operations().forEach(o -> documented.add(o.toString()));
        // Then they are the same, and a route open without the token is one the document asks no token for
        assertEquals(registered, documented);
        for (Route r : server.routes()) {
            Operation o = operations().stream().filter(op -> op.toString().equals(r.method().toUpperCase() + " " + r.path())).findFirst().orElseThrow();
            JsonNode security = o.op().has("security") ? o.op().path("security") : doc.path("security");
            assertEquals(r.open(), security.isEmpty(), o.toString());
        }
    }

    @Test
    void every_request_body_example_follows_its_documented_schema() throws Exception {
        for (Operation o : operations()) {
            Iterator<Map.Entry<String, JsonNode>> content = o.op().path("requestBody").path("content").fields();
            while (content.hasNext()) {
                Map.Entry<String, JsonNode> e = content.next();
                JsonNode example = e.getValue().path("example");
                // a YAML body's example is its text: it is checked as what it reads as
                JsonNode value = e.getKey().contains("yaml") ? new YAMLMapper().readTree(example.asText()) : example;
                Set<ValidationMessage> problems = schemaAt(pointer("paths", o.path(), o.method(), "requestBody", "content", e.getKey(), "schema"))
                        .validate(value);
                assertEquals(Set.of(), problems, o + " " + e.getKey());
            }
        }
    }

    @Test
    void each_operation_answers_its_examples_with_a_documented_response() throws Exception {
        for (Operation o : operations()) {
            // When it is called as the document shows (each documented media type with its example)
            Map<String, byte[]> bodies = examples(o);
            if (bodies.isEmpty()) {
                Http.Reply reply = call(o, "", null, null, true);
                // Then the answer is a documented one, and a success
                assertDocumented(o, reply);
                assertEquals(200, reply.status(), o + ": " + reply.body());
            }
            for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
                Http.Reply reply = call(o, "", body.getKey(), body.getValue(), true);
                assertDocumented(o, reply);
                assertEquals(200, reply.status(), o + " " + body.getKey() + ": " + reply.body());
            }
        }
    }

    @Test
    void the_result_of_every_bundled_use_case_is_as_the_document_describes_it() throws Exception {
        // Given every use case of the bundled fact files as one JSON Lines body
        List<ApiMatchesCliTest.Case> cases = ApiMatchesCliTest.bundledUseCases();
        StringBuilder body = new StringBuilder();
        cases.forEach(c -> body.append(c.jsonLine()).append('\n'));
        // When they are advised with everything a result can carry (counterfactuals and the range check)
        Http.Reply reply = http.post("/v1/advise/batch?ranges=true", "application/x-ndjson", body.toString());
        // Then each line is a result that follows the document's Result schema
        Operation batch = operations().stream().filter(o -> o.toString().equals("POST /v1/advise/batch")).findFirst().orElseThrow();
        assertDocumented(batch, reply);
        assertEquals(cases.size(), reply.lines().size());
        assertTrue(reply.lines().stream().noneMatch(l -> json(l).has("error")), reply.body());
    }

    @Test
    void each_operation_answers_an_unknown_query_parameter_as_documented() throws Exception {
        for (Operation o : operations()) {
            // When it is called with a query parameter no operation takes
            Map.Entry<String, byte[]> body = someBody(o);
            Http.Reply reply = call(o, "?colour=" + URLEncoder.encode("blue", StandardCharsets.UTF_8), body == null ? null : body.getKey(),
                    body == null ? null : body.getValue(), true);
            // Then an operation that documents 400 answers it (the API's), one that does not reads no query (the page's)
            assertDocumented(o, reply);
            assertEquals(o.statuses().contains("400"), reply.status() == 400, o + ": " + reply);
        }
    }

    @Test
    void an_operation_asks_for_the_token_exactly_when_the_document_says_so() throws Exception {
        for (Operation o : operations()) {
            // Given what the document asks of it: its own security, else the document's
            JsonNode security = o.op().has("security") ? o.op().path("security") : doc.path("security");
            boolean needsToken = !security.isEmpty();
            // When it is called without the token
            Map.Entry<String, byte[]> body = someBody(o);
            Http.Reply reply = call(o, "", body == null ? null : body.getKey(), body == null ? null : body.getValue(), false);
            // Then it answers 401 (asking for a bearer token) exactly when the document asks for one
            assertEquals(needsToken, reply.status() == 401, o + ": " + reply);
            assertDocumented(o, reply);
            if (needsToken) {
                assertTrue(reply.header("WWW-Authenticate").startsWith("Bearer"), reply.toString());
            }
        }
    }

    @Test
    void an_operation_with_a_body_answers_another_media_type_and_a_body_too_large_as_documented() throws Exception {
        for (Operation o : operations()) {
            Map.Entry<String, byte[]> body = someBody(o);
            if (body == null) {
                continue;
            }
            // When it is sent text/plain, and a body over the limit
            Http.Reply plain = call(o, "", "text/plain", body.getValue(), true);
            Http.Reply large = call(o, "", body.getKey(), new byte[(int) LIMIT + 1], true);
            // Then it answers 415 and 413, both documented
            assertEquals(415, plain.status(), o + ": " + plain);
            assertDocumented(o, plain);
            assertEquals(413, large.status(), o + ": " + large);
            assertDocumented(o, large);
        }
    }

    @Test
    void a_method_a_path_does_not_list_is_answered_405_with_the_documented_methods() {
        for (Map.Entry<String, JsonNode> p : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            if (p.getKey().contains("{")) {
                // the page's files: a GET the routes' paths do not take, never a path of its own
                continue;
            }
            // Given the methods the document lists for the path
            Set<String> listed = new TreeSet<>();
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    listed.add(m.toUpperCase());
                }
            });
            Operation first = operations().stream().filter(o -> o.path().equals(p.getKey())).findFirst().orElseThrow();
            // When it is called with one it does not list
            Http.Reply reply = http.send(http.request(first.concretePath()).method("DELETE", HttpRequest.BodyPublishers.noBody()));
            // Then it answers 405, and Allow lists the document's methods
            assertEquals(405, reply.status(), p.getKey() + ": " + reply);
            Set<String> allowed = new TreeSet<>();
            for (String m : reply.header("Allow").split(",")) {
                allowed.add(m.strip());
            }
            assertEquals(listed, allowed, p.getKey());
            assertTrue(doc.path("components").path("responses").has("MethodNotAllowed"));
        }
    }
}
