package dev.finetuneadvisor.engine;

/** The rules could not reach a sound conclusion for one use case (a loop, a rule error, no or several verdicts). */
public final class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
