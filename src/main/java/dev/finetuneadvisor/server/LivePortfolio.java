package dev.finetuneadvisor.server;

import dev.finetuneadvisor.Source;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The server's portfolio ({@code advisor serve --portfolio PATH}), decided again under each new revision of the rules:
 * when rules are swapped in, the portfolio is run again on a background thread (one run at a time, in the order the
 * rules came) and compared with the last run that succeeded, so the page can list which decisions the reload changed.
 * A request waits for the run of the newest rules, so a page that saw a new revision on {@code /health} gets its changes.
 */
final class LivePortfolio {
    /** What a request is answered with: the newest run and what changed against the run before it. */
    record State(PortfolioRun run, PortfolioChanges changes) {
    }

    private final List<Path> paths;
    private final ExecutorService runner;
    /** The newest run, done or under way (null: no portfolio). */
    private volatile CompletableFuture<State> latest;
    /** The last run that succeeded; touched by the runner's thread only. */
    private PortfolioRun lastGood;

    private LivePortfolio(List<Path> paths) {
        this.paths = List.copyOf(paths);
        // one thread, gone when idle: runs come one after another, in the order the rules were swapped in
        this.runner = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "advisor-portfolio");
            t.setDaemon(true);
            return t;
        });
    }

    /** The portfolio of {@code paths} under the live rules; none when {@code paths} is empty. */
    static LivePortfolio of(List<Path> paths, LiveRules rules) {
        LivePortfolio p = new LivePortfolio(paths);
        if (!paths.isEmpty()) {
            p.schedule(rules.current());
            rules.onSwap((before, after) -> p.schedule(after));
        }
        return p;
    }

    boolean exists() {
        return !paths.isEmpty();
    }

    private synchronized void schedule(LiveRules.Snapshot rules) {
        latest = CompletableFuture.supplyAsync(() -> {
            try {
                PortfolioRun run = PortfolioRun.of(rules.advisor(), Source.paths(paths));
                PortfolioChanges changes = lastGood == null ? PortfolioChanges.first(run) : PortfolioChanges.between(lastGood, run);
                lastGood = run;
                return new State(run, changes);
            } catch (RulesInvalidException e) {
                throw new IllegalStateException("the portfolio report cannot be written with these rules: "
                        + e.problems().stream().map(RuleProblem::describe).collect(Collectors.joining("; ")), e);
            }
        }, runner);
    }

    /**
     * The newest run, waiting for it when it is under way.
     *
     * @throws HttpError 404 when the server has no portfolio, 503 when the run does not end in time or failed
     */
    State state(Duration timeout) throws HttpError {
        CompletableFuture<State> run = latest;
        if (run == null) {
            throw HttpError.of(404, "this server has no portfolio: start it with --portfolio PATH, or POST one to /v1/portfolio");
        }
        try {
            return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw HttpError.of(503, "the portfolio is still being decided under the newest rules; ask again in a moment");
        } catch (ExecutionException e) {
            throw HttpError.of(503, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpError.of(503, "stopping");
        }
    }
}
