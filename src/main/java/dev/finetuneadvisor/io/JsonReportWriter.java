package dev.finetuneadvisor.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.io.Writer;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON report: {@code {"results":[...],"errors":[...]}}. Field names are a contract that tests and
 * other tools rely on; add fields, never rename them.
 */
public final class JsonReportWriter {
    private JsonReportWriter() {
    }

    /** Gathers the whole run, then writes the report at the end; errors also go to {@code err} as they come. */
    public static ResultSink sink(PrintWriter out, PrintWriter err) {
        return new ResultSink() {
            private final List<Result> results = new ArrayList<>();
            private final List<InputError> errors = new ArrayList<>();

            @Override
            public void result(Result result, String rendered) {
                results.add(result);
            }

            @Override
            public void error(InputError error) {
                errors.add(error);
                TextReportWriter.writeError(error, err);
            }

            @Override
            public void finish() {
                write(new Report(results, errors), out);
                err.flush();
            }
        };
    }

    public static void write(Report report, Writer out) {
        try {
            Json.pretty().writeValue(new NonClosing(out), report);
            out.write("\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jackson closes what it writes to; the caller owns stdout. */
    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
