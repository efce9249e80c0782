package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.RunCounts;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on stderr for long runs (use cases so far, rate, errors), redrawn in place once a second
 * and erased at the end. Only when stderr is a terminal: a log file or a pipe never gets it.
 */
final class Progress implements AutoCloseable {
    private static final long PERIOD_MS = 1000;

    private final ScheduledExecutorService timer;
    private final PrintWriter err;
    private boolean closed;

    private Progress(ScheduledExecutorService timer, PrintWriter err) {
        this.timer = timer;
        this.err = err;
    }

    /** Starts the line when {@code show}; otherwise a no-op. */
    static Progress start(RunCounts counts, PrintWriter err, boolean show) {
        if (!show) {
            return new Progress(null, err);
        }
        long start = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "advisor-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-3);
            long done = counts.results();
            long errors = counts.errors();
            err.print(String.format(Locale.US, "\r\033[K%,d use cases, %,.0f/s, %,d errors\r", done + errors,
                    (done + errors) / seconds, errors));
            err.flush();
        }, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        return new Progress(timer, err);
    }

    /** True when this process's stderr is a terminal (Linux: fd 2 is a tty or pty). */
    static boolean stderrIsTerminal() {
        return Terminals.isTerminal(2);
    }

    @Override
    public void close() {
        if (timer != null && !closed) {
            closed = true;
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.print("\r\033[K");
            err.flush();
        }
    }
}
