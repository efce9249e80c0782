package dev.finetuneadvisor.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.io.Json;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives itself, before or instead of a route: a request it cannot parse or whose path is ambiguous
 * (400), headers too large (431), a URI too long (414), a request refused while the server stops (503). They get the
 * same JSON error body and the same {@code X-Rules-Revision} header as every other answer, instead of Jetty's HTML page
 * (which can also show a stack trace).
 */
final class JsonErrorHandler extends ErrorHandler {
    private final Supplier<LiveRules.Snapshot> rules;

    JsonErrorHandler(Supplier<LiveRules.Snapshot> rules) {
        this.rules = rules;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(AdvisorServer.REVISION_HEADER, rules.get().revision());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiRoutes.JSON);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    /** A request the HTTP parser rejects, answered before there is a request to hand to a handler. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(AdvisorServer.REVISION_HEADER, rules.get().revision());
        fields.put(HttpHeader.CONTENT_TYPE, ApiRoutes.JSON);
        return ByteBuffer.wrap(body(status, reason));
    }

    private byte[] body(int status, String message) {
        ObjectNode body = Json.mapper().createObjectNode();
        String text = status == HttpStatus.INTERNAL_SERVER_ERROR_500 ? "internal error"
                : message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503 && (message == null || message.isBlank())) {
            text = "the server is stopping; send the request again once it is back";
        }
        body.putArray("errors").addObject().put("message", text);
        body.set("revisions", Json.mapper().valueToTree(rules.get().revisions()));
        try {
            return Json.compact().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
