package dev.finetuneadvisor.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Revisions;
import dev.finetuneadvisor.model.UseCase;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * Appends decisions to a decision log: one JSON object a line, in the format {@value #FORMAT} (docs/decision-log.md).
 * A line holds the format, the time (UTC, ISO-8601), where the input was read (file and line), the use case's id,
 * the advisor and revisions that decided it, the use case as read ({@code input}: a JSON object that
 * {@code advisor diff --base-log} reads back) and the result as the JSON report writes it.
 *
 * <p>The file is opened for appending and never truncated. Each line goes to the operating system in one write as
 * soon as its decision is made, so a crash of the advisor loses no completed decision (there is no fsync: a crash of
 * the machine itself may still lose what the system had not stored). Writes are serialized, so several threads (a
 * decision service) may share one writer; lines of several processes appending to one local file do not interleave.
 */
public final class DecisionLogWriter implements Closeable {
    /** The format and version every line names in its {@code log} field; a new version for any change a reader must know. */
    public static final String FORMAT = DecisionLogReader.FORMAT_PREFIX + DecisionLogReader.VERSION;

    /** How every line of a decision log starts, whatever its version: what tells a log from use cases. */
    private static final byte[] LINE_START = ("{\"log\":\"" + DecisionLogReader.FORMAT_PREFIX).getBytes(StandardCharsets.UTF_8);

    /** True when a line, as this writer writes them, is a decision of a log (of any version), not a use case. */
    public static boolean isLogLine(byte[] line, int length) {
        return length >= LINE_START.length && Arrays.equals(line, 0, LINE_START.length, LINE_START, 0, LINE_START.length);
    }

    private final Path path;
    private final OutputStream out;
    private final Clock clock;

    private DecisionLogWriter(Path path, OutputStream out, Clock clock) {
        this.path = path;
        this.out = out;
        this.clock = clock;
    }

    /**
     * Opens (or creates) a decision log for appending.
     *
     * @param clock the time each line records (UTC)
     * @throws IOException when the file cannot be opened for writing
     */
    public static DecisionLogWriter append(Path file, Clock clock) throws IOException {
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new DecisionLogWriter(file, out, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Appends one decision and hands it to the operating system.
     *
     * @param input the use case as read (its defaulted id included)
     * @param file where it was read, as reports name it ({@code facts/x.yaml}, {@code <stdin>}, a request)
     * @param line the line in that file where it starts (0 when none)
     * @param result the result as given, with its revisions
     */
    public void append(UseCase input, String file, int line, Result result) throws IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(result, "result");
        ObjectNode entry = Json.mapper().createObjectNode();
        entry.put("log", FORMAT);
        entry.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        entry.put("file", file);
        entry.put("line", line);
        entry.put("id", result.id());
        Revisions revisions = result.revisions();
        if (revisions != null) {
            entry.put("advisorVersion", revisions.advisorVersion());
            entry.put("rulesRevision", revisions.rulesRevision());
            entry.put("assumptionsRevision", revisions.assumptionsRevision());
        }
        entry.set("input", Json.mapper().valueToTree(input));
        entry.set("result", Json.mapper().valueToTree(result));
        byte[] bytes = (Json.compact().writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            // one write a line: with the file in append mode, the line lands whole at the end
            out.write(bytes);
            out.flush();
        }
    }

    /**
     * The sink that logs every result handed to it, then hands it on to {@code sink}; errors (rejected input, a use
     * case the rules failed on) are not decisions and are only handed on. A line that cannot be written stops the
     * run with a {@link ReportOutputException}: decisions are not given that the log does not hold.
     */
    public ResultSink around(ResultSink sink) {
        Objects.requireNonNull(sink, "sink");
        return new ResultSink() {
            @Override
            public void result(Result result, String rendered) {
                throw new IllegalStateException("a decision log needs the use case each result was decided from");
            }

            @Override
            public void result(FactReader.Loaded input, Result result, String rendered) {
                try {
                    append(input.useCase(), input.file(), input.line(), result);
                } catch (IOException e) {
                    throw new ReportOutputException("cannot write the decision log " + path + ": " + e.getMessage(), e);
                }
                sink.result(input, result, rendered);
            }

            @Override
            public void error(InputError error) {
                sink.error(error);
            }

            @Override
            public void finish() {
                sink.finish();
            }

            @Override
            public void flush() {
                sink.flush();
            }

            @Override
            public void abandon() {
                sink.abandon();
            }
        };
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
