package dev.finetuneadvisor.server;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

/**
 * One request and its response, as a route sees them: the method, path, query, media type and body (read within
 * the server's size limit), the rules it is answered with (taken once, when it arrived: a reload in the meantime
 * does not change them), and the ways to answer. Used by one thread.
 */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final LiveRules.Snapshot rules;
    private final long bodyLimit;
    /** When reading the body must be over (System.nanoTime): a client sending a byte at a time holds a thread no longer. */
    private final long deadline;
    private final long timeoutSeconds;
    private Map<String, String> query;
    private boolean committed;
    private int status;

    Exchange(Request request, Response response, LiveRules.Snapshot rules, long bodyLimit, Duration timeout) {
        this.request = request;
        this.response = response;
        this.rules = rules;
        this.bodyLimit = bodyLimit;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.timeoutSeconds = timeout.toSeconds();
    }

    /** The rules this request is answered with, and their revision (in the X-Rules-Revision header of every response). */
    public LiveRules.Snapshot rules() {
        return rules;
    }

    public String method() {
        return request.getMethod();
    }

    public String path() {
        return Request.getPathInContext(request);
    }

    /** A request header, or null. */
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /**
     * The query parameters, each named once, every one among {@code allowed}.
     *
     * @throws HttpError 400 for a parameter not allowed or given twice
     */
    public Map<String, String> query(Set<String> allowed) throws HttpError {
        if (query == null) {
            Map<String, String> q = new LinkedHashMap<>();
            Fields fields;
            try {
                fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // Jetty's "bad query": a % not followed by two hex digits, bytes that are not UTF-8
                throw HttpError.of(400, "the query cannot be read: write it URL-encoded in UTF-8 (a % followed by two hex digits)");
            }
            for (Fields.Field f : fields) {
                if (!allowed.contains(f.getName())) {
                    throw HttpError.of(400, "unknown query parameter '" + f.getName() + "'; "
                            + (allowed.isEmpty() ? "this route takes none" : "this route takes " + String.join(", ", allowed.stream().sorted().toList())));
                }
                if (f.getValues().size() > 1) {
                    throw HttpError.of(400, "query parameter '" + f.getName() + "' is given " + f.getValues().size() + " times; give it once");
                }
                q.put(f.getName(), f.getValue());
            }
            query = q;
        }
        return query;
    }

    /** A true/false query parameter; {@code otherwise} when absent. */
    public boolean flag(Set<String> allowed, String name, boolean otherwise) throws HttpError {
        String v = query(allowed).get(name);
        if (v == null) {
            return otherwise;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpError.of(400, "query parameter '" + name + "' is '" + v + "'; write true or false");
        };
    }

    /**
     * The body's media type, lowercased, without parameters; one of {@code accepted}.
     *
     * @throws HttpError 415 when it is absent or another one, or names a charset other than UTF-8
     */
    public String mediaType(List<String> accepted) throws HttpError {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String bare = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!accepted.contains(bare)) {
            throw HttpError.of(415, (type == null ? "no Content-Type" : "Content-Type " + bare) + " is not taken here; send "
                    + String.join(" or ", accepted));
        }
        if (type.contains(";")) {
            for (String param : type.substring(type.indexOf(';') + 1).split(";")) {
                String[] kv = param.strip().split("=", 2);
                if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("charset")
                        && !kv[1].strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
                    throw HttpError.of(415, "charset " + kv[1].strip() + " is not taken; send UTF-8");
                }
            }
        }
        return bare;
    }

    /**
     * The whole body, at most the server's limit ({@code --max-body}).
     *
     * @throws HttpError 413 when it is longer
     * @throws TooSlow when it has not all arrived within the request time limit
     */
    public byte[] body() throws HttpError, IOException {
        long declared = request.getLength();
        try (InputStream in = body(bodyLimit, "--max-body")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, bodyLimit) : 4096);
            in.transferTo(out);
            return out.toByteArray();
        } catch (TooLarge e) {
            throw tooLarge(-1, bodyLimit, "--max-body");
        }
    }

    /**
     * The body as a stream, read as it arrives, that fails with {@link TooLarge} past {@code limit} bytes and with
     * {@link TooSlow} once the request time limit has passed.
     *
     * @param option the option that sets the limit, for the message
     * @throws HttpError 413 when the declared length is already over it
     */
    public InputStream body(long limit, String option) throws HttpError {
        long declared = request.getLength();
        if (declared > limit) {
            throw tooLarge(declared, limit, option);
        }
        return new Limited(Content.Source.asInputStream(request), limit, option, deadline, timeoutSeconds);
    }

    private static HttpError tooLarge(long declared, long limit, String option) {
        return HttpError.of(413, "the body " + (declared > 0 ? "is " + declared + " bytes" : "is longer than " + limit + " bytes")
                + "; the most this server takes on this route is " + limit + " bytes (advisor serve " + option + ")");
    }

    /** Sets a response header (before the body is written). */
    public void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /** Answers with a whole body. */
    public void send(int status, String contentType, byte[] body) throws IOException {
        begin(status, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        Content.Sink.write(response, true, ByteBuffer.wrap(body));
    }

    /** Answers with a whole body of text (UTF-8). */
    public void send(int status, String contentType, String body) throws IOException {
        send(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a streamed answer: what is written goes out as it is flushed; close the stream to end it. */
    public OutputStream stream(int status, String contentType) {
        begin(status, contentType);
        return Content.Sink.asOutputStream(response);
    }

    private void begin(int status, String contentType) {
        if (committed) {
            throw new IllegalStateException("answered already");
        }
        committed = true;
        this.status = status;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    }

    /** True once a status and headers were sent or are about to be: an error can no longer change them. */
    boolean committed() {
        return committed || response.isCommitted();
    }

    /** The status answered (0: none yet). */
    int status() {
        return status;
    }

    Request request() {
        return request;
    }

    /** Thrown by a body stream past its limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit, String option) {
            super("the body is longer than " + limit + " bytes, the most this server takes on this route (advisor serve " + option + ")", null);
        }
    }

    /** Thrown by a body stream once the request time limit has passed. */
    static final class TooSlow extends IOException {
        private static final long serialVersionUID = 1L;

        TooSlow(long seconds) {
            super("the body did not arrive within " + seconds + " s, the most a request may take (advisor serve --request-timeout)", null);
        }
    }

    /** A stream that fails once more than {@code limit} bytes have come through, or once its time is up. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private final String option;
        private final long deadline;
        private final long seconds;
        private long read;

        Limited(InputStream in, long limit, String option, long deadline, long seconds) {
            super(in);
            this.limit = limit;
            this.option = option;
            this.deadline = deadline;
            this.seconds = seconds;
        }

        private void check() throws IOException {
            if (read > limit) {
                throw new TooLarge(limit, option);
            }
            if (System.nanoTime() > deadline) {
                throw new TooSlow(seconds);
            }
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            if (b >= 0) {
                read++;
                check();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            check();
            int n = super.read(buf, off, len);
            if (n > 0) {
                read += n;
                check();
            }
            return n;
        }
    }
}
