package dev.finetuneadvisor.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.model.InputError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code advisor serve}: the advisor over HTTP, on Jetty's core server. Every request is answered with the rules
 * current when it arrived ({@link LiveRules}), names their revision in an {@code X-Rules-Revision} header, and gets
 * a JSON error body ({@code {"errors": [...], "revisions": {...}}}) for anything but success: never a stack trace.
 * The routes are listed by {@link #routes()}; the page's files come from the jar's {@code web/} folder.
 *
 * <p>Safe by default: it listens on loopback unless told otherwise, and anywhere else only with an access token,
 * checked on every route but the page, its files and the health check; no CORS header unless one origin is named;
 * bodies and silences are bounded; nothing in a request names a file on the server. {@link #close()} stops taking
 * requests, lets those in flight finish (up to the request timeout), then returns.
 */
public final class AdvisorServer implements AutoCloseable {
    /** The header naming the rules revision that answered. */
    public static final String REVISION_HEADER = "X-Rules-Revision";
    /** The header naming the assumptions' revision (rules/assumptions.yaml and the organisation's prices) that answered. */
    public static final String ASSUMPTIONS_HEADER = "X-Assumptions-Revision";
    private static final String JSON = "application/json";
    /** A file of the page: a plain name, so no request can reach outside the jar's {@code web/} folder. */
    private static final Pattern ASSET = Pattern.compile("/[A-Za-z0-9][A-Za-z0-9._-]*");
    /** How the route of the page's files is listed: not an exact path, so it answers a GET that no route's path has. */
    public static final String PAGE_FILE = "/{file}";
    /** The longest body refused with an error that is still read to its end first (see {@link #drained}); a longer one closes the connection. */
    private static final long DRAIN_LIMIT = 8L * 1024 * 1024;
    private static final Map<String, String> ASSET_TYPES = Map.of(".html", "text/html; charset=utf-8", ".js", "text/javascript; charset=utf-8",
            ".css", "text/css; charset=utf-8", ".svg", "image/svg+xml", ".png", "image/png", ".json", "application/json", ".ico", "image/x-icon");

    private final ServeConfig config;
    private final LiveRules rules;
    private final Metrics metrics = new Metrics();
    private final Map<String, Map<String, Route>> routes = new LinkedHashMap<>();
    private final Route pageFile = Route.get(PAGE_FILE, x -> asset(x, x.path())).withoutToken();
    private final Server server;
    private final ServerConnector connector;
    private final byte[] token;

    private AdvisorServer(ServeConfig config, LiveRules rules) {
        this.config = config;
        this.rules = rules;
        this.token = config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("advisor-http");
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.bind());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.requestTimeout().toMillis());
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(new Dispatcher()));
        server.setErrorHandler(new JsonErrors());
        server.setStopTimeout(config.requestTimeout().toMillis());
        for (Route r : ApiRoutes.all(this)) {
            add(r);
        }
        for (Route r : PageRoutes.all(this)) {
            add(r);
        }
        metrics.serving(null, rules.current().revision());
        rules.onSwap((before, after) -> metrics.serving(before.revision(), after.revision()));
        rules.onReload(reload -> metrics.reloaded(reload.outcome()));
    }

    /**
     * Starts a server with the API routes and the page.
     *
     * @throws IllegalArgumentException when it would listen beyond loopback without a token, or the address is unknown
     * @throws IOException when it cannot listen there (the port is taken)
     */
    public static AdvisorServer start(ServeConfig config, LiveRules rules) throws IOException {
        return start(config, rules, List.of());
    }

    /** Like {@link #start(ServeConfig, LiveRules)}, with more routes (added before it listens). */
    public static AdvisorServer start(ServeConfig config, LiveRules rules, List<Route> more) throws IOException {
        String refused = refusal(config.bind(), config.token() != null);
        if (refused != null) {
            throw new IllegalArgumentException(refused);
        }
        if (config.token() != null && config.token().isBlank()) {
            throw new IllegalArgumentException("the access token is empty");
        }
        AdvisorServer s = new AdvisorServer(config, rules);
        for (Route r : more) {
            s.add(r);
        }
        try {
            s.server.start();
        } catch (IOException e) {
            s.close();
            throw e;
        } catch (Exception e) {
            s.close();
            throw new IOException(e.getMessage(), e);
        }
        return s;
    }

    /**
     * Why the server will not listen on {@code bind}, or null when it will: any address but loopback needs the access
     * token, so a server is never reachable from other machines without one.
     *
     * @throws IllegalArgumentException when {@code bind} is not an address of this machine
     */
    public static String refusal(String bind, boolean token) {
        if (bind.isBlank()) {
            return "--bind needs an address, e.g. 127.0.0.1";
        }
        if (!token && !isLoopback(bind)) {
            return "--bind " + bind + " is not a loopback address: the server would be reachable from other machines; give"
                    + " --token-file FILE (the access token every API call must send), or bind to 127.0.0.1";
        }
        return null;
    }

    /** True for a loopback address (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopback(String bind) {
        try {
            for (InetAddress a : InetAddress.getAllByName(bind)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + bind + ": not an address of this machine (" + e.getMessage() + ")");
        }
    }

    private void add(Route r) {
        Route before = routes.computeIfAbsent(r.path(), p -> new LinkedHashMap<>()).put(r.method(), r);
        if (before != null) {
            throw new IllegalStateException("two routes for " + r.method() + " " + r.path());
        }
    }

    /** The routes, in the order they were added, and last the page's files ({@code GET /{file}}), answered for a path no route has. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>();
        routes.values().forEach(m -> all.addAll(m.values()));
        all.add(pageFile);
        return all;
    }

    /** The port it listens on (the one chosen when port 0 was asked for). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    public ServeConfig config() {
        return config;
    }

    public LiveRules rules() {
        return rules;
    }

    Metrics metrics() {
        return metrics;
    }

    /** Stops taking requests, lets those in flight finish (up to the request timeout), then stops. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping: what could not stop cleanly is gone with the process
        }
    }

    /** Finds the route, checks the token and CORS, runs it, maps what it throws to a JSON error, counts it. */
    private final class Dispatcher extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long start = System.nanoTime();
            Exchange x = new Exchange(request, response, rules.current(), config.maxBody(), config.requestTimeout());
            String routeName = "other";
            try {
                response.getHeaders().put(REVISION_HEADER, x.rules().revision());
                response.getHeaders().put(ASSUMPTIONS_HEADER, x.rules().revisions().assumptionsRevision());
                response.getHeaders().put("X-Content-Type-Options", "nosniff");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                String path = x.path();
                String method = request.getMethod();
                boolean preflight = cors(request, response, method);
                Map<String, Route> byMethod = routes.get(path);
                Route route = byMethod == null ? null : byMethod.get(method);
                if (token == null && !localHost(request)) {
                    routeName = "refused";
                    throw HttpError.of(421, "this server answers requests for localhost only (the Host header names "
                            + Request.getServerName(request) + "): without --token-file, a page of another site must not reach it"
                            + " under a name of its own");
                }
                if (byMethod == null && method.equals("GET") && ASSET.matcher(path).matches()) {
                    routeName = "page";
                    pageFile.handler().handle(x);
                } else if (byMethod == null) {
                    routeName = "unknown";
                    throw HttpError.of(404, "no route " + path + "; the routes are listed in /openapi.json");
                } else if (preflight) {
                    routeName = path;
                    response.setStatus(204);
                } else if (route == null) {
                    routeName = path;
                    throw HttpError.of(405, method + " is not answered on " + path + "; use " + String.join(", ", byMethod.keySet()))
                            .with("Allow", String.join(", ", byMethod.keySet()));
                } else {
                    routeName = path;
                    if (!route.open()) {
                        authorize(request);
                    }
                    route.handler().handle(x);
                }
            } catch (HttpError e) {
                error(x, e);
            } catch (Exchange.TooLarge e) {
                error(x, HttpError.of(413, e.getMessage()));
            } catch (Exchange.TooSlow e) {
                error(x, HttpError.of(408, e.getMessage()).with(HttpHeader.CONNECTION.asString(), "close"));
            } catch (IOException e) {
                if (!x.committed() && e.getCause() instanceof TimeoutException) {
                    // Jetty's idle timeout while the body was read: the client stopped sending
                    error(x, HttpError.of(408, "the body stopped arriving for " + config.requestTimeout().toSeconds()
                            + " s (advisor serve --request-timeout)").with(HttpHeader.CONNECTION.asString(), "close"));
                    metrics.request(routeName, request.getMethod(), 408, System.nanoTime() - start);
                    callback.succeeded();
                    return true;
                }
                // the client went away, or the body stopped short: nothing more can be said to it
                callback.failed(e);
                metrics.request(routeName, request.getMethod(), 499, System.nanoTime() - start);
                return true;
            } catch (Exception | LinkageError | StackOverflowError e) {
                System.err.println("error: " + request.getMethod() + " " + x.path() + ": " + e);
                if (x.committed()) {
                    // a streamed answer under way: cut it short, so the client sees it incomplete, not ended
                    callback.failed(e);
                    metrics.request(routeName, request.getMethod(), 500, System.nanoTime() - start);
                    return true;
                }
                error(x, HttpError.of(500, "internal error; the server's log has its cause"));
            }
            metrics.request(routeName, request.getMethod(), x.status() == 0 ? response.getStatus() : x.status(), System.nanoTime() - start);
            callback.succeeded();
            return true;
        }
    }

    /**
     * What Jetty answers itself, before a route (a malformed request, headers too large, 503 while stopping): the
     * same JSON error body and revision header as a route's errors, not Jetty's HTML page.
     */
    private final class JsonErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
            LiveRules.Snapshot now = rules.current();
            ObjectNode body = Json.mapper().createObjectNode();
            // Jetty's own message says what was wrong with a request it could not read (4xx); for 5xx it may name a Java
            // exception, which no answer shows
            body.putArray("errors").addObject().put("message", code == 503 ? "the server is stopping; try again shortly"
                    : code >= 500 ? "internal error; the server's log has its cause"
                    : message != null ? message : HttpStatus.getMessage(code));
            body.set("revisions", Json.mapper().valueToTree(now.revisions()));
            response.getHeaders().put(REVISION_HEADER, now.revision());
            response.getHeaders().put(ASSUMPTIONS_HEADER, now.revisions().assumptionsRevision());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
            try {
                response.write(true, ByteBuffer.wrap(Json.compact().writeValueAsBytes(body)), callback);
            } catch (IOException e) {
                callback.failed(e);
            }
        }
    }

    private void authorize(Request request) throws HttpError {
        if (!authorized(request)) {
            throw HttpError.of(401, request.getHeaders().get(HttpHeader.AUTHORIZATION) == null
                    ? "this server needs an access token: send 'Authorization: Bearer TOKEN'"
                    : "the access token is not the server's").with("WWW-Authenticate", "Bearer realm=\"advisor\"");
        }
    }

    /** True when the server has no token, or the request sends it ({@code Authorization: Bearer TOKEN}, compared in constant time). */
    boolean authorized(Request request) {
        if (token == null) {
            return true;
        }
        String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        byte[] presented = given != null && given.regionMatches(true, 0, "Bearer ", 0, 7)
                ? given.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        return MessageDigest.isEqual(presented, token);
    }

    /**
     * True when the request names this machine in its Host header (localhost, a loopback address, the address bound): a
     * server without a token answers no other name, so a web page cannot reach it by pointing a name of its own at
     * 127.0.0.1 (DNS rebinding).
     */
    private boolean localHost(Request request) {
        String host = Request.getServerName(request);
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || bare.equals("127.0.0.1") || bare.equals("::1") || bare.equals(config.bind());
    }

    /** Adds the CORS headers for the one origin allowed; true for a preflight request it answers. */
    private boolean cors(Request request, Response response, String method) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (config.corsOrigin() == null || origin == null || !origin.equals(config.corsOrigin())) {
            return false;
        }
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.getHeaders().put(HttpHeader.VARY, "Origin");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, REVISION_HEADER + ", " + ASSUMPTIONS_HEADER);
        if (method.equals("OPTIONS") && request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD) != null) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type");
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
            return true;
        }
        return false;
    }

    private void asset(Exchange x, String name) throws IOException, HttpError {
        String lower = name.toLowerCase(Locale.ROOT);
        String type = ASSET_TYPES.entrySet().stream().filter(e -> lower.endsWith(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
        try (InputStream in = type == null ? null : AdvisorServer.class.getClassLoader().getResourceAsStream("web" + name)) {
            if (in == null) {
                throw HttpError.of(404, "no page file " + name);
            }
            x.header("Cache-Control", "no-cache");
            x.send(200, type, in.readAllBytes());
        }
    }

    /**
     * Reads and drops what is left of a body the answer refuses. A client that writes its whole body before it reads
     * the answer (most HTTP libraries, without Expect: 100-continue) would otherwise find the connection reset under
     * it by the unread bytes, and lose the answer with it.
     */
    private boolean drained(Exchange x) {
        // through the exchange's own body stream: bounded in size and by the request's time limit, as any body read
        try (InputStream in = x.body(DRAIN_LIMIT, "--max-body")) {
            in.transferTo(OutputStream.nullOutputStream());
            return true;
        } catch (HttpError | IOException e) {
            return false;
        }
    }

    /** Writes an error as JSON, when nothing was sent yet; a streamed answer already under way is cut short instead. */
    private void error(Exchange x, HttpError e) {
        if (x.committed()) {
            return;
        }
        e.headers().forEach(x::header);
        Request request = x.request();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        // a refused token: nothing of the body is read for a caller who may not call (closing costs it nothing it may have)
        if ((request.getLength() > 0 || chunked)
                && (e.status() == 401 || chunked || request.getLength() > DRAIN_LIMIT || !drained(x))) {
            // the body is left unread (too long to read, of unknown length, or cut off): Jetty closes the connection after
            // the answer, and saying so makes a client open a new one for its next request instead of getting no answer
            x.header(HttpHeader.CONNECTION.asString(), "close");
        }
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode errors = body.putArray("errors");
        for (InputError ie : e.errors()) {
            errors.add(ie.file() == null ? Json.mapper().createObjectNode().put("message", ie.message()) : Json.mapper().valueToTree(ie));
        }
        body.set("revisions", Json.mapper().valueToTree(x.rules().revisions()));
        try {
            x.send(e.status(), JSON, Json.compact().writeValueAsBytes(body) );
        } catch (IOException ignored) {
            // the client went away
        }
    }
}
