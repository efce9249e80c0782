package dev.finetuneadvisor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.cli.AdvisorCommand;
import dev.finetuneadvisor.io.DecisionLogWriter;
import dev.finetuneadvisor.io.FactFormat;
import dev.finetuneadvisor.io.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code advisor serve} as an operator runs it: a process of its own, on every interface with an access token,
 * logging its decisions, stopped with SIGTERM while it answers a batch. One process for the class (a JVM start
 * costs seconds); the stop comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeProcessTest {
    private static final String TOKEN = "s3cret-t0ken-for-this-test";
    private static final int LINES = 200;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path tmp;
    private static Process serve;
    private static Path log;
    private static Path stderr;
    private static URI uri;

    @BeforeAll
    static void startTheServer() throws IOException {
        Path token = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
        log = tmp.resolve("decisions.jsonl");
        stderr = tmp.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp", classPath(), AdvisorCommand.class.getName(), "serve", "--port", "0",
                "--bind", "0.0.0.0", "--token-file", token.toString(), "--decision-log", log.toString()));
        // the test run's environment: its compiled-rules cache makes the start a read instead of a compile
        serve = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String first = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertNotNull(first, "advisor serve printed where it listens: " + Files.readString(stderr));
        URI printed = URI.create(first);
        assertEquals("0.0.0.0", printed.getHost(), first);
        uri = URI.create("http://127.0.0.1:" + printed.getPort() + "/");
    }

    @AfterAll
    static void stopTheServer() throws InterruptedException {
        if (serve != null && serve.isAlive()) {
            serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void on_every_interface_every_api_call_needs_the_token_of_the_token_file() throws Exception {
        // When the API is called without the token, with another one, and with the file's
        HttpResponse<String> none = get("/v1/rules", null);
        HttpResponse<String> wrong = get("/v1/rules", "not-" + TOKEN);
        HttpResponse<String> right = get("/v1/rules", TOKEN);
        // Then only the file's token is answered; the health check needs none
        assertEquals(401, none.statusCode(), none.body());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), none.headers().toString());
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals(200, right.statusCode(), right.body());
        assertEquals(200, get("/health", null).statusCode());
    }

    @Test
    @Order(2)
    void on_sigterm_it_stops_taking_requests_finishes_the_batch_in_flight_and_exits_0_with_every_decision_logged() throws Exception {
        // Given a batch of 200 use cases under way: the first half of its body sent, the rest not yet
        List<String> lines = batchLines();
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(feed, 1 << 20);
        HttpRequest request = HttpRequest.newBuilder(uri.resolve("/v1/advise/batch?counterfactuals=false"))
                .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        CompletableFuture<HttpResponse<Stream<String>>> answer = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        write(feed, lines.subList(0, LINES / 2));
        awaitLogged(LINES / 4);
        // and a connection kept open after a request answered
        try (Socket kept = new Socket("127.0.0.1", uri.getPort())) {
            assertEquals(200, ask(kept, "/health"));
            // When the server is sent SIGTERM
            serve.destroy();
            // Then it stops taking connections at once, and answers a new request on one already open 503
            awaitRefused();
            assertEquals(503, ask(kept, "/health"));
        }
        // and when the rest of the batch arrives, it is answered whole, every line in order
        write(feed, lines.subList(LINES / 2, LINES));
        feed.close();
        HttpResponse<Stream<String>> r = answer.get(30, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        List<String> answered = r.body().toList();
        assertEquals(LINES, answered.size(), "every line of the batch answered");
        for (int i = 0; i < LINES; i++) {
            assertEquals("batch-" + (i + 1), Json.mapper().readTree(answered.get(i)).path("id").asText(), answered.get(i));
        }
        // and it exits 0, saying it stopped, leaving a log whose every line is a whole decision, one for each line answered
        assertTrue(serve.waitFor(20, TimeUnit.SECONDS), "the server stopped");
        String err = Files.readString(stderr);
        assertEquals(0, serve.exitValue(), err);
        assertTrue(err.contains("advisor serve: stopped"), err);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "the log ends with a whole line");
        List<String> decisions = text.lines().toList();
        assertEquals(LINES, decisions.size());
        for (int i = 0; i < LINES; i++) {
            JsonNode d = Json.mapper().readTree(decisions.get(i));
            assertEquals(DecisionLogWriter.FORMAT, d.path("log").asText(), decisions.get(i));
            assertEquals("batch-" + (i + 1), d.path("id").asText());
            assertEquals(Json.mapper().readTree(answered.get(i)).path("verdict").asText(), d.path("result").path("verdict").asText());
        }
    }

    @Test
    void a_non_loopback_bind_without_a_token_file_is_a_usage_error_before_it_listens() {
        // When serve is asked to listen on every interface with no token
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdvisorCommand.execute(new PrintWriter(out), new PrintWriter(err), "serve", "--bind", "0.0.0.0", "--port", "0");
        // Then it refuses as a usage error naming the option that allows it, and never printed an address
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("--token-file"), err.toString());
        assertEquals("", out.toString());
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends a GET on a connection kept open and reads its answer through; returns its status. */
    private static int ask(Socket socket, String path) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String status = in.readLine();
        int length = 0;
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        in.skip(length);
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static List<String> batchLines() throws IOException {
        JsonNode useCase = FactFormat.yaml().readTree(TestRules.PASSES_ALL_GATES);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= LINES; i++) {
            lines.add(((ObjectNode) useCase.deepCopy()).put("id", "batch-" + i).toString());
        }
        return lines;
    }

    private static void write(PipedOutputStream feed, List<String> lines) throws IOException {
        for (String line : lines) {
            feed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        feed.flush();
    }

    /** Waits until the log holds {@code count} decisions: the batch is being answered. */
    private static void awaitLogged(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).lines().count() >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the batch was not being answered: " + Files.readString(stderr));
    }

    /** Waits until a new connection to the server is refused. */
    private static void awaitRefused() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 1000);
            } catch (ConnectException e) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("a new connection is still taken after SIGTERM");
    }

    /**
     * The test run's class path, resolved to its entries (the build may pass it in a manifest-only jar): the
     * project's classes and its libraries.
     */
    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar") && Path.of(e).getFileName().toString().startsWith("surefirebooter")) {
                try (JarFile jar = new JarFile(e)) {
                    for (String url : jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH).split(" ")) {
                        if (!url.isBlank()) {
                            entries.add(Path.of(URI.create(url)).toString());
                        }
                    }
                }
            } else {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
