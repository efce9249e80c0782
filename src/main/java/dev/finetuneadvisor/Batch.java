package dev.finetuneadvisor;

import dev.finetuneadvisor.io.DecisionLogWriter;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.JsonLines;
import dev.finetuneadvisor.io.ResultSink;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.UseCase;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one path a batch takes, streaming: use cases are read in input order (fact files whole, JSON Lines
 * one line at a time), parsed and evaluated on {@code threads} workers (one KieBase shared, one session
 * per use case), and handed to a {@link ResultSink} in input order as soon as each one and all before it
 * are done. At most {@link #WINDOW_PER_THREAD} units per worker (counting 16 workers at most) and
 * {@link #WINDOW_BYTES} bytes of input are in flight, so memory stays flat
 * whatever the input size; ids are checked for repeats in input order, so the output is the same for any
 * number of threads.
 */
final class Batch {
    /** Units read ahead per worker: enough to keep workers busy, few enough to bound memory. */
    static final int WINDOW_PER_THREAD = 256;
    /** Bytes of JSON Lines input in flight at most, so that long lines (up to 1 MiB each) cannot fill the heap. */
    static final long WINDOW_BYTES = 16L * 1024 * 1024;

    /**
     * What one unit of work produced: a result (maybe rendered) with its input, or its errors (every mistake of a
     * JSON Lines record, in order); {@code id} when known.
     */
    private record Outcome(Result result, String rendered, List<InputError> errors, String id, int line, FactReader.Loaded input) {
        InputError error() {
            return errors.isEmpty() ? null : errors.get(0);
        }
    }

    private final BiFunction<UseCase, String, Result> advise;
    private final FactReader reader;
    private final JsonLines lines;
    private final int threads;
    private final Function<Result, String> render;
    private final int windowPerThread;
    private final RunCounts counts = new RunCounts();
    private final SeenIds seen = new SeenIds();

    /**
     * @param advise evaluates one use case read from the named file (with whatever the run attaches:
     *     counterfactuals, the range check); an exception from it fails that use case only
     * @param render turns a result into its output text on the worker (null: the sink renders it)
     * @param windowPerThread units read ahead per worker ({@link #WINDOW_PER_THREAD}; tests make it small)
     */
    Batch(BiFunction<UseCase, String, Result> advise, FactReader reader, JsonLines lines, int threads, Function<Result, String> render,
          int windowPerThread) {
        this.windowPerThread = windowPerThread;
        this.advise = Objects.requireNonNull(advise, "advise");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.lines = Objects.requireNonNull(lines, "lines");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.render = render;
    }

    RunCounts counts() {
        return counts;
    }

    /** Reads, evaluates and hands on everything the source names, in order. */
    RunCounts run(Source source, ResultSink sink) {
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "advisor-worker");
            t.setDaemon(true);
            return t;
        });
        Window window = new Window(pool, sink, Math.min(threads, 16) * windowPerThread);
        boolean complete = false;
        try {
            for (Source.Part part : source.parts()) {
                if (part.stream() != null) {
                    readJsonLines(part.stream(), part.name(), part.idPrefix(), window, true);
                    continue;
                }
                if (part.document() != null) {
                    Source.Document d = part.document();
                    readWhole((cases, errors) -> reader.readBytes(part.name(), d.stem(), d.bytes(), d.json(), cases, errors), window);
                    continue;
                }
                Path arg = part.path();
                List<InputError> missing = new ArrayList<>();
                for (Path file : FactReader.expand(List.of(arg), missing)) {
                    if (source.skips(file)) {
                        continue;
                    }
                    if (isJsonLines(file)) {
                        // a named pipe is read like stdin: as its producer writes, each result out when ready
                        boolean live = !Files.isRegularFile(file);
                        try (InputStream in = live ? new FileInputStream(file.toFile()) : Files.newInputStream(file)) {
                            readJsonLines(in, FactReader.show(file), stem(file), window, live);
                        } catch (IOException e) {
                            window.add(done(new InputError(FactReader.show(file), 0, 0, null, null, "cannot read: " + e.getMessage())));
                        }
                    } else {
                        readFactFile(file, window);
                    }
                }
                missing.forEach(e -> window.add(done(e)));
            }
            window.drain(0);
            complete = true;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            if (complete) {
                sink.finish();
            } else {
                sink.abandon();
            }
        }
        return counts;
    }

    static boolean isJsonLines(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
    }

    /** @param live the input may wait for a producer (stdin, a pipe): then what is done is handed on before each wait */
    private void readJsonLines(InputStream in, String file, String stem, Window window, boolean live) {
        JsonLines.LineReader lineReader = live ? new JsonLines.LineReader(in, window::idle) : new JsonLines.LineReader(in);
        try {
            for (JsonLines.Line line = lineReader.next(); line != null; line = lineReader.next()) {
                if (line.number() == 1 && DecisionLogWriter.isLogLine(line.bytes(), line.length())) {
                    // a decision log kept among the fact files (another run's): one error for the file, not one
                    // for every field of every line
                    window.add(done(new InputError(file, 1, 1, null, null, "a decision log (advise --decision-log), not use cases:"
                            + " replay it with advisor diff --base-log " + file + ", or keep it out of the folders given")));
                    return;
                }
                JsonLines.Line l = line;
                window.add(() -> {
                    JsonLines.Parsed parsed = lines.parse(l, file, stem + "#" + l.number());
                    return parsed.errors().isEmpty() ? evaluate(parsed.loaded()) : new Outcome(null, null, parsed.errors(), null, 0, null);
                }, l.length());
            }
        } catch (IOException e) {
            window.add(done(new InputError(file, 0, 0, null, null, "cannot read: " + e.getMessage())));
        }
    }

    private void readFactFile(Path file, Window window) {
        readWhole((cases, errors) -> reader.readFile(file, cases, errors), window);
    }

    /** A fact file read whole (from a path or from bytes): each use case to evaluate and each error, in file order. */
    private void readWhole(BiConsumer<Consumer<FactReader.Loaded>, Consumer<InputError>> read, Window window) {
        List<Callable<Outcome>> units = new ArrayList<>();
        read.accept(loaded -> units.add(() -> evaluate(loaded)), error -> units.add(done(error)));
        units.forEach(window::add);
    }

    private Outcome evaluate(FactReader.Loaded c) {
        String id = c.useCase().getId();
        try {
            Result result = advise.apply(c.useCase(), c.file());
            return new Outcome(result, render == null ? null : render.apply(result), List.of(), id, c.line(), c);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // a fault in one use case (a rule's consequence, a class a rule cannot load) must not stop the batch
            return failed(c, Advisor.describe(e));
        }
    }

    private static Outcome failed(FactReader.Loaded c, String why) {
        String id = c.useCase().getId();
        return new Outcome(null, null, List.of(new InputError(c.file(), c.line(), 0, null, id,
                Advisor.EVALUATION_FAILED + "use case '" + id + "': " + why)), id, c.line(), null);
    }

    private static Callable<Outcome> done(InputError error) {
        return () -> new Outcome(null, null, List.of(error), null, 0, null);
    }

    private static String stem(Path file) {
        return stem(file.getFileName().toString());
    }

    /** A file name without its extension: what default ids start with ({@code part-0003.jsonl}: {@code part-0003}). */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Hands outcomes on in input order: the ids check, then the sink. Runs on the reading thread only. */
    private void deliver(Outcome o, ResultSink sink) {
        if (o.id() != null) {
            switch (seen.add(o.id())) {
                case DUPLICATE -> {
                    String file = o.error() != null ? o.error().file() : o.result().file();
                    int line = o.error() != null ? o.error().line() : o.line();
                    error(sink, new InputError(file, line, 0, "id", o.id(), "duplicate id '" + o.id()
                            + "': an earlier use case in this run has it; ids must be unique in a run"));
                    return;
                }
                case FULL -> counts.idCheckStopped();
                default -> { }
            }
        }
        if (o.error() != null) {
            o.errors().forEach(e -> error(sink, e));
        } else {
            counts.result();
            sink.result(o.input(), o.result(), o.rendered());
        }
    }

    private void error(ResultSink sink, InputError e) {
        counts.error();
        if (e.message().startsWith(Advisor.EVALUATION_FAILED)) {
            counts.evaluationFailed();
        }
        sink.error(e);
    }

    /** A unit submitted to the workers and the input bytes it holds. */
    private record InFlight(Future<Outcome> outcome, int bytes) {
    }

    /** The bounded, ordered window of units in flight: at most {@code size} units and {@link #WINDOW_BYTES} bytes. */
    private final class Window {
        private final ExecutorService pool;
        private final ResultSink sink;
        private final int size;
        private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        private long bytes;

        Window(ExecutorService pool, ResultSink sink, int size) {
            this.pool = pool;
            this.sink = sink;
            this.size = size;
        }

        void add(Callable<Outcome> unit) {
            add(unit, 0);
        }

        void add(Callable<Outcome> unit, int unitBytes) {
            if (pool == null) {
                deliver(call(unit), sink);
                return;
            }
            inFlight.add(new InFlight(pool.submit(unit), unitBytes));
            bytes += unitBytes;
            drain(size);
        }

        /** The input has nothing more for now: finish and hand on everything in flight, and flush the output. */
        void idle() {
            drain(0);
            sink.flush();
        }

        /** Delivers the oldest outcomes until at most {@code keep} units, and not too many bytes, are in flight. */
        void drain(int keep) {
            while (inFlight.size() > keep || (bytes > WINDOW_BYTES && !inFlight.isEmpty())) {
                InFlight oldest = inFlight.poll();
                bytes -= oldest.bytes();
                deliver(await(oldest.outcome()), sink);
            }
        }

        private Outcome call(Callable<Outcome> unit) {
            try {
                return unit.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private Outcome await(Future<Outcome> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
