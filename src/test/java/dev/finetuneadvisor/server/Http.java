package dev.finetuneadvisor.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A test's HTTP client of one server: requests built in one call, answers kept whole (status, headers, body as
 * text). Uses the JDK's client, so a test sends what any client sends, with nothing of the server's own code.
 */
final class Http {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    /** A client of the server at {@code base}, sending {@code token} as a bearer token (null: none). */
    Http(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** An answer: its status, a header's value by name, the body as UTF-8 text. */
    record Reply(int status, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** The body's lines (JSON Lines), each without its line end. */
        List<String> lines() {
            List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + " " + body;
        }
    }

    Reply get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    Reply post(String pathAndQuery, String contentType, String body) {
        return post(pathAndQuery, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    Reply post(String pathAndQuery, String contentType, byte[] body) {
        HttpRequest.Builder b = request(pathAndQuery).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    /** The same POST, sent without waiting: several go to the server at once. */
    CompletableFuture<Reply> postAsync(String pathAndQuery, String contentType, byte[] body) {
        HttpRequest r = request(pathAndQuery).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.sendAsync(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(a -> new Reply(a.statusCode(), a.headers(), a.body()));
    }

    /** Any request, built with {@link #request} (with the token) or {@link #bare} (without). */
    Reply send(HttpRequest.Builder builder) {
        return send(builder.build());
    }

    /** A request to this server, with the token when there is one. */
    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** A request to this server without any token, whatever this client has. */
    HttpRequest.Builder bare(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60));
    }

    private Reply send(HttpRequest r) {
        try {
            HttpResponse<String> a = client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(a.statusCode(), a.headers(), a.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
