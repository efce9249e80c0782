package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.InputError;
import java.io.PrintWriter;

/**
 * A sink that writes each outcome as it comes (text, CSV, JSON Lines): errors go to stderr at once,
 * {@link #flush()} pushes both streams out, and {@link #end()} writes what waits for the end.
 */
abstract class StreamingSink implements ResultSink {
    final PrintWriter out;
    final PrintWriter err;

    StreamingSink(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void error(InputError error) {
        TextReportWriter.writeError(error, err);
    }

    @Override
    public final void flush() {
        out.flush();
        err.flush();
    }

    @Override
    public final void finish() {
        end();
        flush();
    }

    /** What is written once the batch is over (a summary line, a header over no rows); nothing by default. */
    void end() {
    }
}
