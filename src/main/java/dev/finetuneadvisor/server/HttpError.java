package dev.finetuneadvisor.server;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.model.InputError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request the server answers with an error status: the status, the located errors of its body (as the command
 * line reports them) or one message, and any header the status calls for ({@code Allow}, {@code WWW-Authenticate}).
 */
final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<InputError> errors;
    private final transient Map<String, String> headers;

    HttpError(int status, List<InputError> errors, Map<String, String> headers) {
        super(errors.isEmpty() ? "" : errors.get(0).message(), null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    /** An error with one message and no place in the body (a query parameter, a header, the route). */
    static HttpError of(int status, String message) {
        return new HttpError(status, List.of(new InputError(null, 0, 0, null, null, message)), Map.of());
    }

    /** 400 with the body's located errors, in input order. */
    static HttpError input(List<InputError> errors) {
        return new HttpError(400, errors, Map.of());
    }

    /** 500: the rules failed on the request's use case (a defect of the rules, not of the input), said as the CLI says it. */
    static HttpError evaluationFailed(int line, String id, Throwable e) {
        return new HttpError(500, List.of(new InputError(ApiRoutes.REQUEST, line, 0, null, id, Advisor.EVALUATION_FAILED + e.getMessage())), Map.of());
    }

    /** 503: the rules' questionnaire, which the page's routes read, cannot be used. */
    static HttpError questionnaireUnusable(RulesInvalidException e) {
        return of(503, "the rules' questionnaire cannot be used: "
                + e.problems().stream().map(RuleProblem::describe).collect(Collectors.joining("; ")));
    }

    HttpError with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new HttpError(status, errors, more);
    }

    int status() {
        return status;
    }

    List<InputError> errors() {
        return errors;
    }

    Map<String, String> headers() {
        return headers;
    }
}
