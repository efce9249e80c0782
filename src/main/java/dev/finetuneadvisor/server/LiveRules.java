package dev.finetuneadvisor.server;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.FileWatcher;
import dev.finetuneadvisor.model.Revisions;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The rules a server answers with, reloaded live: the rules directory is watched, a change is compiled on a
 * background thread and swapped in at once when it compiles. A request takes the current {@link Snapshot} once,
 * when it arrives, and is answered with it to the end, whatever is swapped in meanwhile; a snapshot is whole
 * (an advisor built completely before it is published). An edit that does not compile leaves the last good
 * rules serving, and its problems (file:line) are kept in {@link #lastReload()} until a good edit arrives.
 */
public final class LiveRules implements Closeable {
    /** How the rules are built: the command line's way (its cache, the organisation's prices). */
    @FunctionalInterface
    public interface Loader {
        Advisor load() throws RulesInvalidException;
    }

    /**
     * The rules serving requests: the advisor built from them, the fact-file reader for their cost inputs, and when
     * they were swapped in. Immutable: safe to share between requests.
     */
    public static final class Snapshot {
        private final Advisor advisor;
        private final Instant loadedAt;
        private final FactReader reader;

        Snapshot(Advisor advisor, Instant loadedAt) {
            this.advisor = Objects.requireNonNull(advisor, "advisor");
            this.loadedAt = loadedAt;
            this.reader = new FactReader(advisor.rules().assumptions().costKeys());
        }

        public Advisor advisor() {
            return advisor;
        }

        public Instant loadedAt() {
            return loadedAt;
        }

        /** Reads fact files as {@code advise} does with these rules (thread-safe). */
        public FactReader reader() {
            return reader;
        }

        public Revisions revisions() {
            return advisor.revisions();
        }

        /** The rules' revision (12 hex digits), as every response names it. */
        public String revision() {
            return advisor.revisions().rulesRevision();
        }
    }

    /**
     * The last reload tried: when, its outcome ({@code loaded}, {@code failed}, {@code unchanged}; {@code none}
     * before the first change), the revision it loaded, and the problems of a failed one.
     */
    public record Reload(Instant at, String outcome, String revision, List<RuleProblem> errors) {
        public Reload {
            errors = List.copyOf(errors);
        }
    }

    private final Loader loader;
    private final Clock clock;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicReference<Reload> lastReload;
    private final List<BiConsumer<Snapshot, Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Reload>> reloadListeners = new CopyOnWriteArrayList<>();
    private final Object reloading = new Object();
    private volatile boolean closed;
    /** Set on the watcher's thread once its first run (before any change) is passed over. */
    private boolean started;
    private Thread watcher;

    private LiveRules(Loader loader, Advisor first, Clock clock) {
        this.loader = loader;
        this.clock = clock;
        Instant now = clock.instant();
        current.set(new Snapshot(first, now));
        lastReload = new AtomicReference<>(new Reload(now, "none", first.revisions().rulesRevision(), List.of()));
    }

    /** Rules serving {@code first} now, built again by {@code loader} after each change. */
    public static LiveRules of(Advisor first, Loader loader, Clock clock) {
        return new LiveRules(loader, first, clock);
    }

    /**
     * The rules' files a server reads besides those the advisor compiles: the questionnaire the page asks and the
     * captions of the portfolio's reports. Rules whose files cannot all be read are not served.
     *
     * @return {@code advisor}, when they can
     * @throws RulesInvalidException with the problems, located, when one cannot be read
     */
    public static Advisor check(Advisor advisor) throws RulesInvalidException {
        advisor.questions();
        PortfolioRun.captions(advisor.rules());
        return advisor;
    }

    /** Rules that never change (a fixed advisor: a test's). */
    public static LiveRules fixed(Advisor advisor) {
        return new LiveRules(() -> advisor, advisor, Clock.systemUTC());
    }

    /** Watches {@code directory} (and every folder below it) and reloads after each change, on a daemon thread. */
    public LiveRules watch(Path directory) {
        Thread t = new Thread(() -> FileWatcher.watch(List.of(directory), this::reloadIfNotFirst, () -> !closed),
                "advisor-rules-watch");
        t.setDaemon(true);
        watcher = t;
        t.start();
        return this;
    }

    private void reloadIfNotFirst() {
        // FileWatcher runs the action once before the first change: the rules were loaded already
        if (!started) {
            started = true;
            return;
        }
        reload();
    }

    /** Called after each swap with the rules before and after (on the reloading thread; keep it short or hand it on). */
    public void onSwap(BiConsumer<Snapshot, Snapshot> listener) {
        listeners.add(listener);
    }

    /** Called after each reload tried, whatever its outcome (on the reloading thread). */
    public void onReload(Consumer<Reload> listener) {
        reloadListeners.add(listener);
    }

    /** The rules to answer a request with: take it once per request. */
    public Snapshot current() {
        return current.get();
    }

    /** The last reload tried, and its problems when it failed. */
    public Reload lastReload() {
        return lastReload.get();
    }

    /**
     * Builds the rules again now (the watcher calls it after a change; tests call it directly). When they compile, they
     * are swapped in and the listeners told; when not, the rules serving stay and the problems are kept.
     *
     * @return the reload's outcome
     */
    public Reload reload() {
        synchronized (reloading) {
            Instant at = clock.instant();
            Reload outcome;
            Snapshot before = current.get();
            Snapshot after = null;
            try {
                Advisor next = check(loader.load());
                if (next.revisions().equals(before.revisions())) {
                    outcome = new Reload(at, "unchanged", before.revision(), List.of());
                } else {
                    after = new Snapshot(next, at);
                    current.set(after);
                    outcome = new Reload(at, "loaded", after.revision(), List.of());
                }
            } catch (RulesInvalidException e) {
                outcome = new Reload(at, "failed", before.revision(), e.problems().stream()
                        .filter(p -> p.severity() == RuleProblem.Severity.ERROR).toList());
            } catch (RuntimeException e) {
                outcome = new Reload(at, "failed", before.revision(),
                        List.of(new RuleProblem(RuleProblem.Severity.ERROR, "rules", 0, 0, "cannot load the rules: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()))));
            }
            lastReload.set(outcome);
            if (after != null) {
                for (BiConsumer<Snapshot, Snapshot> l : listeners) {
                    l.accept(before, after);
                }
            }
            for (Consumer<Reload> l : reloadListeners) {
                l.accept(outcome);
            }
            return outcome;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (watcher != null) {
            try {
                watcher.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
