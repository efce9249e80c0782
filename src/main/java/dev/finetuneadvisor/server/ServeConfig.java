package dev.finetuneadvisor.server;

import dev.finetuneadvisor.io.DecisionLogWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a server is started: where it listens, the access token (null: none), the one origin allowed to call it
 * from a browser page of another site (null: none), the size and time limits, the decision log (null: none),
 * and the portfolio the page shows (empty: none).
 *
 * @param maxBody the most bytes a body may hold, but a batch's
 * @param maxBatchBody the most bytes a batch's JSON Lines body may hold
 * @param requestTimeout how long a connection may stay silent, and the most a batch may take
 */
public record ServeConfig(String bind, int port, String token, String corsOrigin, long maxBody, long maxBatchBody,
                          Duration requestTimeout, DecisionLogWriter decisionLog, List<Path> portfolio) {
    /** The default size of a body: a fact file's own limit would be 8 MiB; one use case is a few KiB. */
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;
    /** The default size of a batch body: JSON Lines are read as they arrive, so only time bounds it otherwise. */
    public static final long DEFAULT_MAX_BATCH_BODY = 256L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ServeConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        portfolio = portfolio == null ? List.of() : List.copyOf(portfolio);
    }

    /** Loopback, an ephemeral port, no token, no CORS, the default limits, no log, no portfolio: a test's server. */
    public static ServeConfig loopback() {
        return new ServeConfig("127.0.0.1", 0, null, null, DEFAULT_MAX_BODY, DEFAULT_MAX_BATCH_BODY, DEFAULT_TIMEOUT, null, List.of());
    }

    public ServeConfig withToken(String token) {
        return new ServeConfig(bind, port, token, corsOrigin, maxBody, maxBatchBody, requestTimeout, decisionLog, portfolio);
    }

    public ServeConfig withBind(String bind) {
        return new ServeConfig(bind, port, token, corsOrigin, maxBody, maxBatchBody, requestTimeout, decisionLog, portfolio);
    }

    public ServeConfig withCors(String origin) {
        return new ServeConfig(bind, port, token, origin, maxBody, maxBatchBody, requestTimeout, decisionLog, portfolio);
    }

    public ServeConfig withLimits(long maxBody, long maxBatchBody, Duration requestTimeout) {
        return new ServeConfig(bind, port, token, corsOrigin, maxBody, maxBatchBody, requestTimeout, decisionLog, portfolio);
    }

    public ServeConfig withDecisionLog(DecisionLogWriter log) {
        return new ServeConfig(bind, port, token, corsOrigin, maxBody, maxBatchBody, requestTimeout, log, portfolio);
    }

    public ServeConfig withPortfolio(List<Path> paths) {
        return new ServeConfig(bind, port, token, corsOrigin, maxBody, maxBatchBody, requestTimeout, decisionLog, paths);
    }
}
