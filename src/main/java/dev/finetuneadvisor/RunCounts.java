package dev.finetuneadvisor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The running totals of a streaming run ({@link Advisor#stream}): results handed on, errors handed on,
 * whether the rules failed on some use case, whether the duplicate-id check stopped at its capacity.
 * Readable from another thread while the run goes on (a progress line).
 */
public final class RunCounts {
    private final AtomicLong results = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean evaluationFailed;
    private volatile boolean idCheckStopped;

    RunCounts() {
    }

    void result() {
        results.incrementAndGet();
    }

    void error() {
        errors.incrementAndGet();
    }

    void evaluationFailed() {
        evaluationFailed = true;
    }

    void idCheckStopped() {
        idCheckStopped = true;
    }

    /** Use cases evaluated and handed to the sink. */
    public long results() {
        return results.get();
    }

    /** Errors handed to the sink: rejected input, duplicate ids, use cases the rules failed on. */
    public long errors() {
        return errors.get();
    }

    /** True when the rules failed on at least one use case (a rule threw, looped, or reached no single verdict). */
    public boolean isEvaluationFailed() {
        return evaluationFailed;
    }

    /**
     * True when the run had more use cases than the duplicate-id check remembers ({@link #ID_CHECK_CAPACITY}):
     * ids after that many were not checked for repeats.
     */
    public boolean isIdCheckStopped() {
        return idCheckStopped;
    }

    /** How many ids a run checks for repeats. */
    public static final int ID_CHECK_CAPACITY = SeenIds.CAPACITY;
}
