package dev.finetuneadvisor.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.Source;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Questionnaire;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The routes the page calls: the questionnaire and its replay ({@link InterviewReplay}), the server's portfolio and
 * an uploaded one as the JSON and HTML reports of {@code advise}, and what the last reload changed in the server's
 * portfolio ({@link LivePortfolio}). Each maps a request to the {@link Advisor} of the rules it arrived under.
 */
final class PageRoutes {
    private static final String HTML = "text/html; charset=utf-8";

    private PageRoutes() {
    }

    static List<Route> all(AdvisorServer server) {
        LivePortfolio portfolio = LivePortfolio.of(server.config().portfolio(), server.rules());
        String policy = policy(server.rules().current().advisor());
        return List.of(
                Route.get("/", x -> page(x, policy)).withoutToken(),
                Route.get("/index.html", x -> page(x, policy)).withoutToken(),
                Route.get("/v1/questions", x -> {
                    x.query(Set.of());
                    ObjectNode body = Json.mapper().createObjectNode();
                    body.set("parts", Json.mapper().valueToTree(QuestionnaireView.of(questionnaire(x))));
                    x.send(200, ApiRoutes.JSON, Json.compact().writeValueAsBytes(body));
                }),
                Route.post("/v1/interview", x -> interview(server, x)),
                Route.get("/v1/portfolio", x -> {
                    x.query(Set.of());
                    x.send(200, ApiRoutes.JSON, portfolio.state(server.config().requestTimeout()).run().json());
                }),
                Route.post("/v1/portfolio", x -> x.send(200, ApiRoutes.JSON, upload(x).json())),
                Route.get("/v1/portfolio/report", x -> {
                    x.query(Set.of());
                    x.send(200, HTML, portfolio.state(server.config().requestTimeout()).run().html());
                }),
                Route.post("/v1/portfolio/report", x -> x.send(200, HTML, upload(x).html())),
                Route.get("/v1/portfolio/changes", x -> {
                    x.query(Set.of());
                    x.send(200, ApiRoutes.JSON, Json.compact().writeValueAsBytes(portfolio.state(server.config().requestTimeout()).changes()));
                }));
    }

    /** The page's policy, with the hashes of the report's style and script as the writer writes them (an empty report's). */
    private static String policy(Advisor advisor) {
        try {
            return PagePolicy.of(PortfolioRun.of(advisor, Source.paths(List.of())).html());
        } catch (RulesInvalidException e) {
            // no report can be written with these rules' captions: the page then shows none, and its policy allows no inline code
            return PagePolicy.of("");
        }
    }

    /** The page itself, under its Content-Security-Policy; its scripts and styles are the jar's {@code web/} files. */
    private static void page(Exchange x, String policy) throws IOException, HttpError {
        try (InputStream in = PageRoutes.class.getClassLoader().getResourceAsStream("web/index.html")) {
            if (in == null) {
                throw HttpError.of(404, "this build carries no page (web/index.html is not on the class path)");
            }
            x.header("Content-Security-Policy", policy);
            x.header("Cache-Control", "no-cache");
            x.send(200, HTML, in.readAllBytes());
        }
    }

    private static Questionnaire questionnaire(Exchange x) throws HttpError {
        try {
            return x.rules().advisor().questions();
        } catch (RulesInvalidException e) {
            throw HttpError.questionnaireUnusable(e);
        }
    }

    private static void interview(AdvisorServer server, Exchange x) throws Exception {
        x.query(Set.of());
        x.mediaType(List.of(ApiRoutes.JSON));
        JsonNode body;
        try {
            body = Json.mapper().readTree(x.body());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw HttpError.input(List.of(new InputError(ApiRoutes.REQUEST, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    null, null, "not JSON: " + e.getOriginalMessage())));
        }
        Advisor advisor = x.rules().advisor();
        Map<String, String> answers;
        try {
            answers = InterviewReplay.answers(body, questionnaire(x).questions());
        } catch (IllegalArgumentException e) {
            throw HttpError.of(400, e.getMessage());
        }
        InterviewReplay.Outcome outcome;
        try {
            outcome = InterviewReplay.replay(advisor, answers);
        } catch (RulesInvalidException e) {
            throw HttpError.questionnaireUnusable(e);
        } catch (RuntimeException | StackOverflowError e) {
            server.metrics().evaluationFailed();
            throw HttpError.evaluationFailed(0, null, e);
        }
        x.send(200, ApiRoutes.JSON, Json.compact().writeValueAsBytes(outcome));
    }

    /**
     * A portfolio sent in the body, decided under the request's rules: a fact file or portfolio file (JSON or YAML) or
     * JSON Lines, by its media type.
     *
     * @throws HttpError 400 with the located errors when nothing in it could be decided
     */
    private static PortfolioRun upload(Exchange x) throws Exception {
        x.query(Set.of());
        List<String> types = new ArrayList<>(ApiRoutes.FACT_TYPES);
        types.addAll(ApiRoutes.LINES_TYPES);
        String type = x.mediaType(types);
        byte[] body = x.body();
        Source source = ApiRoutes.LINES_TYPES.contains(type)
                ? Source.jsonLines(new ByteArrayInputStream(body), ApiRoutes.REQUEST, "request")
                : Source.document(ApiRoutes.REQUEST, "request", body, type.equals(ApiRoutes.JSON));
        PortfolioRun run;
        try {
            run = PortfolioRun.of(x.rules().advisor(), source);
        } catch (RulesInvalidException e) {
            throw HttpError.of(503, "the portfolio report cannot be written with these rules: "
                    + e.problems().stream().map(RuleProblem::describe).collect(Collectors.joining("; ")));
        }
        if (run.results().isEmpty() && !run.errors().isEmpty()) {
            throw HttpError.input(run.errors());
        }
        return run;
    }
}
