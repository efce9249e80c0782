package dev.finetuneadvisor.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The JSON report: {@code {"results":[...],"errors":[...]}}. Field names are a contract that tests and
 * other tools rely on; add fields, never rename them.
 */
public final class JsonReportWriter {
    private JsonReportWriter() {
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
