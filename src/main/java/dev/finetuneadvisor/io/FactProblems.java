package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.finetuneadvisor.model.InputError;
import java.io.Serial;
import java.util.List;

/**
 * Every field-level mistake of one use case, in input order: what {@link UseCaseDeserializer} throws once it
 * has read the whole use case, so that a reader reports them all at once rather than the first.
 */
final class FactProblems extends JsonMappingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * One mistake: where (1-based line and column of the key or value it is about), which field (its dotted
     * path, null for the use case as a whole), and what is allowed and how to write it.
     */
    record Problem(int line, int column, String field, String message) {
        static Problem at(JsonLocation at, String field, String message) {
            return new Problem(Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0), field, message);
        }
    }

    private final transient List<Problem> problems;

    FactProblems(JsonParser p, List<Problem> problems) {
        super(p, first(problems).message(), new JsonLocation(ContentReference.unknown(), -1, first(problems).line(), first(problems).column()));
        this.problems = List.copyOf(problems);
    }

    private static Problem first(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        return problems.get(0);
    }

    /** The mistakes, in input order. */
    List<Problem> problems() {
        return problems;
    }

    /**
     * The mistakes as input errors of {@code file}, each field prefixed with {@code fieldPrefix} (empty for a
     * fact file; {@code useCase.} inside a scenario).
     */
    List<InputError> errors(String file, String fieldPrefix) {
        return problems.stream().map(p -> new InputError(file, p.line(), p.column(),
                p.field() == null ? null : fieldPrefix + p.field(), null, p.message())).toList();
    }
}
