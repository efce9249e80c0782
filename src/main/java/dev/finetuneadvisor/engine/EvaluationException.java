package dev.finetuneadvisor.engine;

import java.io.Serial;

/** The rules could not reach a sound conclusion for one use case (a loop, a rule error, no or several verdicts). */
public final class EvaluationException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
