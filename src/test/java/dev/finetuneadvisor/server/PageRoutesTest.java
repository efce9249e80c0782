package dev.finetuneadvisor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The routes the page calls, over HTTP: the questionnaire in the rules' order, the replay's 400 for a field no question
 * asks, the portfolio's reports as advise writes them, an upload, and what a server without a portfolio says.
 */
class PageRoutesTest {
    private static final Path PORTFOLIO = Path.of("facts", "portfolio-support-org.yaml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static AdvisorServer withPortfolio;
    private static AdvisorServer without;

    @BeforeAll
    static void start() throws Exception {
        LiveRules rules = LiveRules.fixed(TestRules.advisor());
        withPortfolio = AdvisorServer.start(ServeConfig.loopback().withPortfolio(List.of(PORTFOLIO)), rules);
        without = AdvisorServer.start(ServeConfig.loopback(), rules);
    }

    @AfterAll
    static void stop() {
        withPortfolio.close();
        without.close();
    }

    private static HttpResponse<String> send(AdvisorServer s, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(s.uri() + path.substring(1)));
        r = body == null ? r.method(method, HttpRequest.BodyPublishers.noBody())
                : r.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_questions_come_in_the_framework_order_with_the_articles_question_for_each_gate() throws Exception {
        // Given a server
        // When the page asks for the questions
        HttpResponse<String> r = send(without, "GET", "/v1/questions", null, null);
        // Then the gates' parts come in the rules' gate order, each with its framework question
        assertEquals(200, r.statusCode(), r.body());
        JsonNode parts = Json.mapper().readTree(r.body()).get("parts");
        List<String> gates = new ArrayList<>();
        parts.forEach(p -> {
            if (!p.get("gate").isNull()) {
                gates.add(p.get("gate").asText());
                assertTrue(p.get("framework").asText().endsWith("?"), p.toString());
            }
        });
        assertEquals(TestRules.advisor().gateNames(), gates);
        assertEquals(TestRules.advisor().revisions().rulesRevision(), r.headers().firstValue(AdvisorServer.REVISION_HEADER).orElseThrow());
    }

    @Test
    void an_interview_naming_a_field_no_question_asks_is_a_400_and_a_good_one_a_replay() throws Exception {
        // Given a body with a misspelt field, and one with a knowledge task's first answers
        // When each is posted
        HttpResponse<String> bad = send(without, "POST", "/v1/interview", "application/json", "{\"answers\": {\"task.nede\": \"behavior\"}}");
        HttpResponse<String> good = send(without, "POST", "/v1/interview", "application/json",
                "{\"answers\": {\"id\": \"qa\", \"title\": \"\", \"task.need\": \"knowledge\"}}");
        HttpResponse<String> yaml = send(without, "POST", "/v1/interview", "application/yaml", "answers: {}");
        // Then the misspelling is refused, the replay stops at the next question, and another media type is a 415
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(Json.mapper().readTree(bad.body()).get("errors").get(0).get("message").asText().startsWith("answers.task.nede"));
        assertEquals(200, good.statusCode(), good.body());
        JsonNode o = Json.mapper().readTree(good.body());
        assertEquals("task.knowledgeUpdatesPerYear", o.get("next").asText());
        assertEquals("USE_RAG", o.get("result").get("verdict").asText());
        assertEquals(415, yaml.statusCode());
    }

    @Test
    void the_portfolio_routes_answer_with_advises_reports_and_an_upload_with_its_own() throws Exception {
        // Given a server with the support organisation's portfolio
        // When the page asks for its reports, and uploads a fact file
        HttpResponse<String> json = send(withPortfolio, "GET", "/v1/portfolio", null, null);
        HttpResponse<String> html = send(withPortfolio, "GET", "/v1/portfolio/report", null, null);
        HttpResponse<String> changes = send(withPortfolio, "GET", "/v1/portfolio/changes", null, null);
        HttpResponse<String> upload = send(withPortfolio, "POST", "/v1/portfolio", "application/yaml",
                Files.readString(Path.of("facts", "health-plan-benefits-qa.yaml")));
        HttpResponse<String> unreadable = send(withPortfolio, "POST", "/v1/portfolio/report", "application/yaml", "task: [");
        // Then the reports are the ones PortfolioRun writes (advise's), the changes have no previous revision yet, the
        // upload is decided as the file, and an unreadable upload is a 400 at its line
        assertEquals(200, json.statusCode(), json.body());
        assertEquals(3, Json.mapper().readTree(json.body()).get("results").size());
        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(html.body().contains("<svg id=\"funnel\""));
        JsonNode c = Json.mapper().readTree(changes.body());
        assertTrue(c.get("previousRevision").isNull());
        assertEquals(0, c.get("changed").size());
        JsonNode uploaded = Json.mapper().readTree(upload.body()).get("results");
        assertEquals(1, uploaded.size());
        assertEquals("USE_RAG", uploaded.get(0).get("verdict").asText());
        assertEquals("<request>", uploaded.get(0).get("file").asText());
        assertEquals(400, unreadable.statusCode());
        assertEquals(1, Json.mapper().readTree(unreadable.body()).get("errors").get(0).get("line").asInt());
    }

    @Test
    void the_page_is_served_without_a_token_under_a_policy_that_allows_only_the_reports_inline_code() throws Exception {
        // Given a server that wants a token
        try (AdvisorServer guarded = AdvisorServer.start(ServeConfig.loopback().withToken("t0ken"), LiveRules.fixed(TestRules.advisor()))) {
            // When the page is asked for without one
            HttpResponse<String> r = send(guarded, "GET", "/", null, null);
            // Then it comes, with a policy of the server's own files plus one hash for the report's style and one for its script
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("<script src=\"app.js\""), r.body());
            String policy = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(policy.startsWith("default-src 'self'; style-src 'self' 'sha256-"), policy);
            assertEquals(2, policy.split("'sha256-", -1).length - 1, policy);
        }
    }

    @Test
    void a_server_without_a_portfolio_says_so_on_its_portfolio_routes() throws Exception {
        // Given a server started without --portfolio
        // When the page asks for the portfolio, its report and its changes
        // Then each is a 404 that says how to give one
        for (String path : List.of("/v1/portfolio", "/v1/portfolio/report", "/v1/portfolio/changes")) {
            HttpResponse<String> r = send(without, "GET", path, null, null);
            assertEquals(404, r.statusCode(), path);
            assertTrue(r.body().contains("--portfolio"), r.body());
        }
    }
}
