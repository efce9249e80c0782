package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;

/**
 * Where a batch hands its outcomes, in input order, one call at a time from one thread: each result (with
 * its text when a worker rendered it already) and each error, then {@link #finish()} once.
 */
public interface ResultSink {
    void result(Result result, String rendered);

    /**
     * A result with the use case it was decided from, as read, and where it was read: what a sink that records
     * decisions needs ({@link DecisionLogWriter#around}). A batch calls this one; by default the input is dropped.
     */
    default void result(FactReader.Loaded input, Result result, String rendered) {
        result(result, rendered);
    }

    void error(InputError error);

    /** The batch is over: write what waits for the end (summaries, whole-portfolio reports), flush. */
    void finish();

    /** The input is waiting for more: push out what was written (streamed formats); reports wait for the end. */
    default void flush() {
    }

    /**
     * The batch stopped on an error before its end: write nothing that would read as complete (no summary,
     * no totals) and let go of what is held. What was already streamed stays as it is.
     */
    default void abandon() {
    }
}
