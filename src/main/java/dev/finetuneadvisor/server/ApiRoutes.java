package dev.finetuneadvisor.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.AdviceOptions;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.Source;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.io.DecisionLogWriter;
import dev.finetuneadvisor.io.FactFileSchema;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.io.JsonLinesWriter;
import dev.finetuneadvisor.io.ResultSink;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * The API's routes: one use case advised, a JSON Lines batch streamed, the rule catalog, the fact-file schema, the
 * health check and the metrics. Each maps a request to one {@link Advisor} call and writes what the command line's
 * writers write: a result is the object of a JSON Lines line ({@code advise --format jsonl}), an error the located
 * error object of a JSON report.
 */
final class ApiRoutes {
    /** How a result and an error name the body they came from (no file on the server is ever named by a request). */
    static final String REQUEST = "<request>";
    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";
    static final List<String> FACT_TYPES = List.of("application/json", "application/yaml", "application/x-yaml", "text/yaml");
    static final List<String> LINES_TYPES = List.of("application/x-ndjson", "application/jsonl", "application/json-lines");
    static final Set<String> ADVICE_QUERY = Set.of("whyNot", "counterfactuals", "ranges");
    /**
     * One-case evaluations running at once: as many as there are cores. More would only share the cores, each
     * costing more CPU (the rules engine's working memory falls out of the cache when its thread is switched out);
     * a request beyond them waits its turn, in arrival order. Measured in docs/performance.md.
     */
    private static final Semaphore EVALUATING = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    private ApiRoutes() {
    }

    static List<Route> all(AdvisorServer server) {
        return List.of(
                Route.post("/v1/advise", x -> advise(server, x)),
                Route.post("/v1/advise/batch", x -> batch(server, x)),
                Route.get("/v1/rules", x -> {
                    x.query(Set.of());
                    ObjectNode body = Json.mapper().createObjectNode();
                    body.set("rules", Json.mapper().valueToTree(x.rules().advisor().rules().index().catalog()));
                    x.send(200, JSON, Json.compact().writeValueAsBytes(body));
                }),
                Route.get("/v1/schema", x -> {
                    x.query(Set.of());
                    Advisor a = x.rules().advisor();
                    x.send(200, "application/schema+json", FactFileSchema.text(a.rules().fields(), a.rules().assumptions(), a.costInputs()));
                }),
                OpenApiDocument.route(),
                Route.get("/health", x -> health(server, x)).withoutToken(),
                Route.get("/metrics", x -> {
                    x.query(Set.of());
                    x.send(200, server.metrics().contentType(), server.metrics().scrape());
                }));
    }

    /** The options a request's query asks for, checked as {@code advise} checks its options. */
    static AdviceOptions options(Exchange x) throws HttpError {
        Map<String, String> q = x.query(ADVICE_QUERY);
        boolean counterfactuals = x.flag(ADVICE_QUERY, "counterfactuals", true);
        boolean ranges = x.flag(ADVICE_QUERY, "ranges", false);
        String whyNot = q.get("whyNot");
        if (whyNot != null) {
            if (!counterfactuals) {
                throw HttpError.of(400, "whyNot needs the counterfactual search; drop counterfactuals=false");
            }
            Advisor a = x.rules().advisor();
            if (!a.codes().contains(whyNot)) {
                throw HttpError.of(400, "whyNot=" + whyNot + ": no rule concludes that code; the rules conclude " + String.join(", ", a.codes()));
            }
        }
        return new AdviceOptions(counterfactuals, whyNot, ranges);
    }

    private static void advise(AdvisorServer server, Exchange x) throws Exception {
        AdviceOptions options = options(x);
        String type = x.mediaType(FACT_TYPES);
        byte[] body = x.body();
        List<FactReader.Loaded> cases = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        x.rules().reader().readBytes(REQUEST, "request", body, type.equals("application/json"), cases::add, errors::add);
        if (!errors.isEmpty()) {
            server.metrics().inputError();
            throw HttpError.input(errors);
        }
        if (cases.size() != 1) {
            server.metrics().inputError();
            throw HttpError.input(List.of(new InputError(REQUEST, 0, 0, null, null, cases.isEmpty()
                    ? "the body holds no use case; send one fact file (the shape of one use case)"
                    : "the body holds " + cases.size() + " use cases; send one, or send them as JSON Lines to /v1/advise/batch")));
        }
        FactReader.Loaded loaded = cases.get(0);
        Result result;
        EVALUATING.acquire();
        try {
            result = x.rules().advisor().advise(loaded.useCase(), REQUEST, options);
        } catch (RuntimeException | StackOverflowError e) {
            server.metrics().evaluationFailed();
            throw HttpError.evaluationFailed(loaded.line(), loaded.useCase().getId(), e);
        } finally {
            EVALUATING.release();
        }
        DecisionLogWriter log = server.config().decisionLog();
        if (log != null) {
            // recorded before it is acknowledged: a decision answered is a decision logged
            try {
                log.append(loaded.useCase(), REQUEST, loaded.line(), result);
            } catch (IOException e) {
                System.err.println("error: --decision-log: " + e.getMessage());
                throw HttpError.of(500, "the decision could not be written to the decision log, so it is not given; the server's log says why");
            }
        }
        server.metrics().evaluated(result.verdict());
        x.send(200, JSON, JsonLinesWriter.render(result));
    }

    private static void batch(AdvisorServer server, Exchange x) throws Exception {
        AdviceOptions options = options(x);
        x.mediaType(LINES_TYPES);
        InputStream in = x.body(server.config().maxBatchBody(), "--max-batch-body");
        OutputStream out = x.stream(200, NDJSON);
        ResultSink sink = new ResultSink() {
            @Override
            public void result(Result result, String rendered) {
                server.metrics().evaluated(result.verdict());
                line(out, rendered != null ? rendered : JsonLinesWriter.render(result));
            }

            @Override
            public void error(InputError error) {
                if (error.message().startsWith(Advisor.EVALUATION_FAILED)) {
                    server.metrics().evaluationFailed();
                } else {
                    server.metrics().inputError();
                }
                ObjectNode line = Json.mapper().createObjectNode();
                line.set("error", Json.mapper().valueToTree(error));
                line(out, line.toString());
            }

            @Override
            public void flush() {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void finish() {
                flush();
            }
        };
        DecisionLogWriter log = server.config().decisionLog();
        try {
            x.rules().advisor().stream(Source.jsonLines(in, REQUEST, "request"), log == null ? sink : log.around(sink), options,
                    JsonLinesWriter::render, counts -> { });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.close();
    }

    private static void line(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void health(AdvisorServer server, Exchange x) throws Exception {
        x.query(Set.of());
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("status", "ready");
        body.put("rulesRevision", x.rules().revision());
        boolean full = server.authorized(x.request());
        if (full) {
            body.put("advisorVersion", x.rules().revisions().advisorVersion());
            body.put("assumptionsRevision", x.rules().revisions().assumptionsRevision());
            body.put("loadedAt", x.rules().loadedAt().toString());
            LiveRules.Reload last = server.rules().lastReload();
            ObjectNode reload = body.putObject("lastReload");
            reload.put("at", last.at().toString());
            reload.put("outcome", last.outcome());
            ArrayNode errors = reload.putArray("errors");
            for (RuleProblem p : last.errors()) {
                ObjectNode e = errors.addObject();
                e.put("file", p.file());
                e.put("line", p.line());
                e.put("message", p.message());
            }
        }
        x.send(200, JSON, Json.compact().writeValueAsBytes(body));
    }
}
