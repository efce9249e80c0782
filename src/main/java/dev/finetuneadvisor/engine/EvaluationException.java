package dev.finetuneadvisor.engine;

import java.io.Serial;

/** The rules could not reach a sound conclusion for one use case (a loop, a rule error, no or several verdicts). */
public final class EvaluationException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What went wrong, for a caller that tells the cases apart (the whole-space check names each as an invariant). */
    public enum Kind {
        /** A rule threw. */
        RULE_FAILED,
        /** The rules kept firing up to the firing limit. */
        LOOP,
        /** Not every declared gate got a result. */
        GATES,
        /** No verdict, or more than one. */
        VERDICTS,
        /** More than one cost estimate. */
        COSTS,
        /** A check names a field the catalogue does not have. */
        FIELD
    }

    private final Kind kind;

    public EvaluationException(String message) {
        this(Kind.RULE_FAILED, message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
        this.kind = Kind.RULE_FAILED;
    }

    public EvaluationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
