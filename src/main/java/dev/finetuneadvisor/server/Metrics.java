package dev.finetuneadvisor.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * What {@code GET /metrics} shows, in Prometheus' text format: requests by route, method and status, their
 * latency, the use cases evaluated by verdict, the input errors and failed evaluations, the reloads by
 * outcome, and the rules revision serving. One per server (its own registry, not the process-wide one).
 */
final class Metrics {
    /** Latency buckets, in seconds: fine below 10 ms, where one-case advice lands. */
    private static final double[] BUCKETS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests = Counter.builder().name("advisor_http_requests_total")
            .help("HTTP requests answered, by route, method and status").labelNames("route", "method", "status").register(registry);
    private final Histogram latency = Histogram.builder().name("advisor_http_request_duration_seconds")
            .help("Time from a request's arrival to its last byte written, by route").labelNames("route")
            .classicOnly().classicUpperBounds(BUCKETS).register(registry);
    private final Counter evaluations = Counter.builder().name("advisor_evaluations_total")
            .help("Use cases evaluated, by verdict").labelNames("verdict").register(registry);
    private final Counter inputErrors = Counter.builder().name("advisor_input_errors_total")
            .help("Use cases or lines rejected as input (each a located error)").register(registry);
    private final Counter evaluationFailures = Counter.builder().name("advisor_evaluation_failures_total")
            .help("Use cases the rules failed on (a rule threw or looped)").register(registry);
    private final Counter reloads = Counter.builder().name("advisor_rules_reloads_total")
            .help("Reloads of the rules after a change, by outcome (loaded, failed, unchanged)").labelNames("outcome").register(registry);
    private final Gauge serving = Gauge.builder().name("advisor_rules_info")
            .help("The rules revision serving (value 1)").labelNames("revision").register(registry);

    void request(String route, String method, int status, long nanos) {
        requests.labelValues(route, method, Integer.toString(status)).inc();
        latency.labelValues(route).observe(nanos / 1e9);
    }

    void evaluated(String verdict) {
        evaluations.labelValues(verdict).inc();
    }

    void inputError() {
        inputErrors.inc();
    }

    void evaluationFailed() {
        evaluationFailures.inc();
    }

    void reloaded(String outcome) {
        reloads.labelValues(outcome).inc();
    }

    void serving(String before, String after) {
        if (before != null && !before.equals(after)) {
            serving.remove(before);
        }
        serving.labelValues(after).set(1);
    }

    String contentType() {
        return writer.getContentType();
    }

    byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape());
        return out.toByteArray();
    }
}
