package dev.finetuneadvisor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.cli.AdvisorCommand;
import dev.finetuneadvisor.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API answers what the command line answers: for every use case of every bundled fact file (a portfolio's one
 * by one), {@code POST /v1/advise} gives the line {@code advise --format jsonl --counterfactuals} writes for it (and
 * with {@code ?counterfactuals=false} the line of plain {@code --format jsonl}), byte for byte but {@code file}; the
 * batch route gives the same lines in the same order. The command line and the server both run in this process.
 */
class ApiMatchesCliTest {
    private static final Path FACTS = Path.of("facts");
    private static final String REQUEST = "\"file\":\"<request>\"";
    private static AdvisorServer server;
    private static Http http;
    private static List<Case> cases;
    private static List<String> cliWithCounterfactuals;
    private static List<String> cliPlain;

    /** One use case as a request sends it: its id, the media type and the body. */
    record Case(String id, String mediaType, byte[] body, String jsonLine) {
    }

    @BeforeAll
    static void startTheServerAndRunTheCommandLine() throws Exception {
        // Given a server on the project's rules, the bundled use cases, and the command line's lines for them
        server = AdvisorServer.start(ServeConfig.loopback(), LiveRules.fixed(TestRules.advisor()));
        http = new Http(server.uri(), null);
        cases = bundledUseCases();
        cliWithCounterfactuals = cli("advise", "--format", "jsonl", "--counterfactuals", FACTS.toString());
        cliPlain = cli("advise", "--format", "jsonl", FACTS.toString());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Every use case of facts/*.yaml in the command line's order (files sorted by path, a portfolio's use cases in
     * file order): a single fact file as its own bytes (YAML), a portfolio's use case rendered as JSON from the file.
     */
    static List<Case> bundledUseCases() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        List<Case> all = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(FACTS)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            JsonNode tree = yaml.readTree(bytes);
            JsonNode many = tree.isArray() ? tree : tree.get("useCases");
            if (many == null) {
                all.add(new Case(tree.path("id").asText(), "application/yaml", bytes, Json.compact().writeValueAsString(tree)));
            } else {
                for (JsonNode useCase : many) {
                    String json = Json.compact().writeValueAsString(useCase);
                    all.add(new Case(useCase.path("id").asText(), "application/json", json.getBytes(StandardCharsets.UTF_8), json));
                }
            }
        }
        return all;
    }

    /** The command line's stdout lines, run in this process; it must succeed. */
    static List<String> cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdvisorCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return out.toString().lines().toList();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** The command line's line as the API writes it: the same bytes, with the body named instead of the file. */
    private static String asFromTheApi(String cliLine) {
        String replaced = cliLine.replaceFirst("\"file\":\"[^\"]*\"", REQUEST);
        assertTrue(replaced.contains(REQUEST), cliLine);
        return replaced;
    }

    /** Each case posted to {@code /v1/advise} with {@code query}, all at once, the answers in case order. */
    private static List<Http.Reply> adviseEach(String query) {
        List<CompletableFuture<Http.Reply>> pending = new ArrayList<>();
        for (Case c : cases) {
            pending.add(http.postAsync("/v1/advise" + query, c.mediaType(), c.body()));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private static void assertSameLines(List<String> cliLines, List<String> apiLines) {
        assertEquals(cliLines.size(), apiLines.size(), "one answer per use case");
        for (int i = 0; i < cliLines.size(); i++) {
            assertEquals(asFromTheApi(cliLines.get(i)), apiLines.get(i), cases.get(i).id());
        }
    }

    @Test
    void every_bundled_use_case_is_sent() {
        // Then the use cases sent are the ones the command line evaluated, in its order (none skipped or added)
        assertEquals(cliPlain.size(), cases.size());
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(cases.get(i).id(), parse(cliPlain.get(i)).path("id").asText());
        }
        assertTrue(cases.stream().anyMatch(c -> c.mediaType().equals("application/json")), "a portfolio's use cases are among them");
    }

    @Test
    void each_result_is_the_command_lines_line_with_counterfactuals() {
        // When each use case is posted alone, with the default query
        List<Http.Reply> replies = adviseEach("");
        // Then each answer is 200 and the command line's line but file
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            assertEquals(200, replies.get(i).status(), cases.get(i).id() + ": " + replies.get(i).body());
            bodies.add(replies.get(i).body());
        }
        assertSameLines(cliWithCounterfactuals, bodies);
        assertTrue(bodies.stream().anyMatch(b -> parse(b).path("counterfactuals").size() > 0), "the search ran");
    }

    @Test
    void each_result_without_counterfactuals_is_the_plain_line() {
        // When each use case is posted alone with counterfactuals=false
        List<Http.Reply> replies = adviseEach("?counterfactuals=false");
        // Then each answer is the line of plain advise --format jsonl but file
        List<String> bodies = replies.stream().map(Http.Reply::body).toList();
        assertSameLines(cliPlain, bodies);
        assertTrue(bodies.stream().noneMatch(b -> parse(b).has("counterfactuals")));
    }

    @Test
    void why_not_and_ranges_are_the_command_lines_options() {
        // Given a use case and the command line's line for it with --why-not and --ranges
        Case c = cases.stream().filter(k -> k.id().equals("b2b-sales-email-intent-classifier")).findFirst().orElseThrow();
        List<String> expected = cli("advise", "--format", "jsonl", "--why-not", "NOT_A_CANDIDATE", "--ranges",
                FACTS.resolve(c.id() + ".yaml").toString());
        // When it is posted with the same options as query parameters
        Http.Reply reply = http.post("/v1/advise?whyNot=NOT_A_CANDIDATE&ranges=true", c.mediaType(), c.body());
        // Then the answer is that line but file
        assertEquals(200, reply.status(), reply.body());
        assertEquals(asFromTheApi(expected.get(0)), reply.body());
        assertEquals("NOT_A_CANDIDATE", reply.json().path("counterfactuals").get(0).path("target").asText());
        assertTrue(reply.json().has("ranges"));
    }

    @Test
    void the_batch_streams_the_same_lines_in_the_same_order() {
        // Given every use case as one JSON Lines body
        StringBuilder body = new StringBuilder();
        cases.forEach(c -> body.append(c.jsonLine()).append('\n'));
        // When it is posted to the batch route (without the counterfactual search: the single route's test covers the
        // search, which both routes reach through the same AdviceOptions)
        Http.Reply plain = http.post("/v1/advise/batch?counterfactuals=false", "application/x-ndjson", body.toString());
        // Then the answer is the command line's lines, one per input line, in input order
        assertEquals(200, plain.status(), plain.body());
        assertEquals("application/x-ndjson", plain.header("Content-Type").split(";")[0]);
        assertSameLines(cliPlain, plain.lines());
    }
}
