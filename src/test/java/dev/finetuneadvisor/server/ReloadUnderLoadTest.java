package dev.finetuneadvisor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.AdviceOptions;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.io.JsonLinesWriter;
import dev.finetuneadvisor.model.InputError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules reloaded while a server is answering: a burst of concurrent {@code POST /v1/advise} requests runs while the
 * rules are edited and reloaded several times, with good edits (each changes the answer) and broken ones (a DRL
 * syntax error). Every answer must be whole, name its revision, and be exactly what that revision's rules give; a
 * broken edit must leave the last good rules serving and show its errors on {@code /health}.
 *
 * <p>Each distinct set of DRL files costs a compile of seconds, so the edits share them: an edit of
 * {@code assumptions.yaml} alone is read from the compiled-rules cache (its key is the DRL files), and only one good
 * edit changes a DRL file.
 */
class ReloadUnderLoadTest {
    /** A use case with 1,500 labeled examples: enough under the article's 1,000, not enough under 2,000. */
    private static final byte[] USE_CASE = ("id: reload-probe\n" + TestRules.PASSES_ALL_GATES.replace("labeledExamples: 3000", "labeledExamples: 1500"))
            .getBytes(StandardCharsets.UTF_8);
    private static final String ASSUMPTIONS = "assumptions.yaml";
    private static final String VERDICTS = "verdict/verdicts.drl";
    /** What the broken DRL edit inserts: a rule whose condition never closes. */
    private static final String BROKEN_RULE = "rule \"A half-written rule\"\nwhen\n    GateResult( name == \n";
    /** Answers to wait for under each revision before the next edit, so every revision serves part of the burst. */
    private static final int ANSWERS_PER_REVISION = 25;
    /** The burst's senders, and their pause between requests: requests keep coming, and a compile still gets the CPU. */
    private static final int SENDERS = 3;
    private static final long PAUSE_MILLIS = 10;

    @TempDir
    static Path tmp;
    private static Path cache;
    private static Map<String, String> original;
    private static HttpClient client;

    /** The rules' files in one state: the text of the files this test edits, by path below the rules directory. */
    private record State(String name, Map<String, String> files) {
    }

    @BeforeAll
    static void copyTheRules() throws IOException {
        cache = Files.createDirectory(tmp.resolve("cache"));
        seedCache(cache);
        original = new LinkedHashMap<>();
        for (String f : List.of(ASSUMPTIONS, VERDICTS)) {
            original.put(f, Files.readString(TestRules.RULES.resolve(f)));
        }
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void every_answer_during_good_and_broken_reloads_is_whole_and_exactly_its_revisions_answer() throws Exception {
        // Given a copy of the rules and four good states of them: the rules as they are; the article's 1,000 labeled
        // examples raised to 2,000 (the probe's verdict changes); that plus a reworded data verdict (a DRL edit); the
        // reworded rules with 1,000 again. And two broken states: a half-written rule in a DRL file, and a YAML syntax
        // error in assumptions.yaml.
        Path rules = copyRules(tmp.resolve("rules"));
        State r0 = state("as bundled", Map.of());
        State r1 = state("2,000 examples", Map.of(ASSUMPTIONS, raisedMinimum()));
        State r2 = state("2,000 examples, reworded", Map.of(ASSUMPTIONS, raisedMinimum(), VERDICTS, reworded()));
        State r3 = state("reworded", Map.of(VERDICTS, reworded()));
        State b1 = state("broken rule", Map.of(ASSUMPTIONS, raisedMinimum(), VERDICTS, broken()));
        State b2 = state("broken assumptions", Map.of(ASSUMPTIONS, brokenAssumptions(), VERDICTS, reworded()));
        // and, computed up front for each good state, the answer an Advisor built from its files gives the probe
        Map<String, Map<Boolean, String>> expected = new ConcurrentHashMap<>();
        Map<State, String> keyOf = new LinkedHashMap<>();
        Map<State, Advisor> advisors = new LinkedHashMap<>();
        for (State s : List.of(r0, r1, r2, r3)) {
            write(rules, s);
            Advisor a = load(rules);
            advisors.put(s, a);
            keyOf.put(s, key(a.revisions().rulesRevision(), a.revisions().assumptionsRevision()));
            expected.put(keyOf.get(s), Map.of(true, answer(a, true), false, answer(a, false)));
        }
        assertEquals(4, expected.size(), "each good state is a revision of its own: " + keyOf);
        assertNotEquals(verdict(expected.get(keyOf.get(r0)).get(false)), verdict(expected.get(keyOf.get(r1)).get(false)),
                "raising the minimum changes the probe's verdict");
        assertNotEquals(expected.get(keyOf.get(r1)).get(false).replace(rev(advisors.get(r1)), ""),
                expected.get(keyOf.get(r2)).get(false).replace(rev(advisors.get(r2)), ""), "the rewording shows in the answer");
        // and a server answering with the rules as bundled, reloading from the copy
        write(rules, r0);
        LiveRules live = LiveRules.of(advisors.get(r0), () -> load(rules), Clock.systemUTC());
        Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try (AdvisorServer server = AdvisorServer.start(ServeConfig.loopback(), live)) {
            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < SENDERS; t++) {
                load.add(pool.submit(() -> burst(server.uri(), expected, answered, wrong, sent, stop)));
            }
            // When the rules are edited and reloaded, a good or broken edit at a time, while the burst runs
            awaitAnswers(answered, keyOf.get(r0), ANSWERS_PER_REVISION, wrong);
            State good = r0;
            for (State s : List.of(r1, b1, r2, b2, r3)) {
                write(rules, s);
                int before = count(answered, keyOf.get(good));
                LiveRules.Reload reload = live.reload();
                if (keyOf.containsKey(s)) {
                    // Then a good edit is swapped in, serves the burst, and clears the errors of a broken one before it
                    assertEquals("loaded", reload.outcome(), s.name() + ": " + reload.errors());
                    awaitAnswers(answered, keyOf.get(s), ANSWERS_PER_REVISION, wrong);
                    JsonNode health = health(server);
                    assertEquals("loaded", health.path("lastReload").path("outcome").asText(), s.name() + ": " + health);
                    assertEquals(0, health.path("lastReload").path("errors").size(), s.name() + ": " + health);
                    assertEquals(advisors.get(s).revisions().rulesRevision(), health.path("rulesRevision").asText());
                    good = s;
                } else {
                    // Then a broken edit fails where it is broken, shown on /health, and the last good rules keep serving
                    String file = s == b1 ? VERDICTS : ASSUMPTIONS;
                    assertEquals("failed", reload.outcome(), s.name());
                    assertFalse(reload.errors().isEmpty(), s.name());
                    for (RuleProblem p : reload.errors()) {
                        assertTrue(p.file().endsWith(file), s.name() + ": " + p.describe());
                        assertTrue(p.line() >= brokenLine(file), s.name() + ": at or after the broken line: " + p.describe());
                    }
                    JsonNode health = health(server);
                    assertEquals("failed", health.path("lastReload").path("outcome").asText(), s.name() + ": " + health);
                    JsonNode first = health.path("lastReload").path("errors").path(0);
                    assertTrue(first.path("file").asText().endsWith(file), s.name() + ": " + health);
                    assertTrue(first.path("line").asInt() >= brokenLine(file), s.name() + ": " + health);
                    assertEquals(advisors.get(good).revisions().rulesRevision(), health.path("rulesRevision").asText(), s.name());
                    awaitAnswers(answered, keyOf.get(good), before + ANSWERS_PER_REVISION, wrong);
                }
            }
            stop.set(true);
            for (Future<?> f : load) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
            live.close();
        }
        // Then no answer was wrong, and every good revision answered part of the burst
        assertEquals(List.of(), List.copyOf(wrong).subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong answers of " + sent.get());
        for (State s : keyOf.keySet()) {
            assertTrue(count(answered, keyOf.get(s)) >= ANSWERS_PER_REVISION, s.name() + ": " + answered);
        }
        assertEquals(sent.get(), answered.values().stream().mapToInt(AtomicInteger::get).sum(), "every request answered");
    }

    @Test
    void the_rules_directory_is_watched_and_an_edit_is_served_without_a_reload_call() throws Exception {
        // Given a server on a watched copy of the rules
        Path rules = copyRules(tmp.resolve("watched"));
        Advisor first = load(rules);
        try (LiveRules live = LiveRules.of(first, () -> load(rules), Clock.systemUTC()).watch(rules);
             AdvisorServer server = AdvisorServer.start(ServeConfig.loopback(), live)) {
            String before = health(server).path("assumptionsRevision").asText();
            // When assumptions.yaml is edited (written again until the watcher, which starts on its own thread, sees it)
            JsonNode health = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                Files.writeString(rules.resolve(ASSUMPTIONS), raisedMinimum());
                long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (System.nanoTime() < wait && (health = health(server)).path("assumptionsRevision").asText().equals(before)) {
                    Thread.sleep(50);
                }
                if (!health.path("assumptionsRevision").asText().equals(before)) {
                    break;
                }
            }
            // Then the server answers with the edited rules, and /health says they were loaded
            assertNotEquals(before, health.path("assumptionsRevision").asText(), health.toString());
            assertEquals("loaded", health.path("lastReload").path("outcome").asText(), health.toString());
            HttpResponse<String> r = advise(server.uri(), false);
            assertEquals("GET_DATA_FIRST", Json.mapper().readTree(r.body()).path("verdict").asText(), r.body());
        }
    }

    /** Sends requests until told to stop, checking each answer against the one expected for the revision it names. */
    private static Void burst(URI uri, Map<String, Map<Boolean, String>> expected, Map<String, AtomicInteger> answered,
                              Queue<String> wrong, AtomicInteger sent, AtomicBoolean stop) throws Exception {
        int n = 0;
        while (!stop.get() && wrong.size() < 10) {
            // one request in four with the counterfactual search: both kinds checked, the search's CPU left to the compiles
            boolean counterfactuals = n++ % 4 == 0;
            sent.incrementAndGet();
            HttpResponse<String> r = advise(uri, counterfactuals);
            String header = r.headers().firstValue(AdvisorServer.REVISION_HEADER).orElse("(none)");
            JsonNode body;
            try {
                body = Json.mapper().readTree(r.body());
            } catch (IOException e) {
                wrong.add("not whole JSON (" + r.statusCode() + ", revision " + header + "): " + r.body());
                continue;
            }
            String rules = body.path("rulesRevision").asText();
            String key = key(rules, body.path("assumptionsRevision").asText());
            answered.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Map<Boolean, String> answers = expected.get(key);
            if (r.statusCode() != 200) {
                wrong.add("status " + r.statusCode() + ": " + r.body());
            } else if (!header.equals(rules)) {
                wrong.add("header " + header + " but the body's rules revision is " + rules);
            } else if (answers == null) {
                wrong.add("a revision none of the edits made: " + key);
            } else if (!answers.get(counterfactuals).equals(r.body())) {
                wrong.add("not the answer of " + key + " (counterfactuals " + counterfactuals + "): " + r.body());
            }
            Thread.sleep(PAUSE_MILLIS);
        }
        return null;
    }

    private static HttpResponse<String> advise(URI uri, boolean counterfactuals) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri.resolve("/v1/advise" + (counterfactuals ? "" : "?counterfactuals=false")))
                .header("Content-Type", "application/yaml").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(USE_CASE)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode health(AdvisorServer server) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    /** The probe's answer as the server writes it: the same reading and the same JSON Lines writer as advise. */
    private static String answer(Advisor a, boolean counterfactuals) {
        List<FactReader.Loaded> cases = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        new FactReader(a.rules().assumptions().costKeys()).readBytes(ApiRoutes.REQUEST, "request", USE_CASE, false, cases::add, errors::add);
        assertEquals(List.of(), errors);
        return JsonLinesWriter.render(a.advise(cases.get(0).useCase(), ApiRoutes.REQUEST, new AdviceOptions(counterfactuals, null, false)));
    }

    private static String verdict(String answer) throws IOException {
        return Json.mapper().readTree(answer).path("verdict").asText();
    }

    private static String rev(Advisor a) {
        return a.revisions().rulesRevision();
    }

    private static String key(String rules, String assumptions) {
        return rules + "/" + assumptions;
    }

    private static int count(Map<String, AtomicInteger> answered, String key) {
        AtomicInteger n = answered.get(key);
        return n == null ? 0 : n.get();
    }

    private static void awaitAnswers(Map<String, AtomicInteger> answered, String key, int atLeast, Queue<String> wrong) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count(answered, key) < atLeast && wrong.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of(), List.copyOf(wrong));
        assertTrue(count(answered, key) >= atLeast, "answers under " + key + ": " + answered);
    }

    private static Advisor load(Path rules) throws RulesInvalidException {
        return Advisor.builder().rules(rules).cache(cache).build();
    }

    private static State state(String name, Map<String, String> changed) {
        Map<String, String> files = new LinkedHashMap<>(original);
        files.putAll(changed);
        return new State(name, files);
    }

    private static void write(Path rules, State s) throws IOException {
        for (Map.Entry<String, String> f : s.files().entrySet()) {
            Files.writeString(rules.resolve(f.getKey()), f.getValue());
        }
    }

    private static String raisedMinimum() {
        String text = original.get(ASSUMPTIONS);
        String from = "  minLabeledExamples:\n    value: 1000\n";
        assertTrue(text.contains(from), "assumptions.yaml declares minLabeledExamples 1000");
        return text.replace(from, "  minLabeledExamples:\n    value: 2000\n");
    }

    private static String reworded() {
        String text = original.get(VERDICTS);
        assertTrue(text.contains("\"Get the data first: \""), "the data verdict's explanation starts 'Get the data first: '");
        return text.replace("\"Get the data first: \"", "\"Get the labeled data first: \"");
    }

    /** verdicts.drl with a half-written rule inserted before its first rule. */
    private static String broken() {
        String text = original.get(VERDICTS);
        int at = text.indexOf("\nrule ") + 1;
        return text.substring(0, at) + BROKEN_RULE + text.substring(at);
    }

    /** assumptions.yaml with the value of minLabeledExamples a list that never closes. */
    private static String brokenAssumptions() {
        return original.get(ASSUMPTIONS).replace("  minLabeledExamples:\n    value: 1000\n", "  minLabeledExamples:\n    value: [1000\n");
    }

    /** The first line a broken file is broken at: the half-written rule's, or minLabeledExamples' value's. */
    private static int brokenLine(String file) {
        String text = original.get(file);
        String before = file.equals(VERDICTS) ? text.substring(0, text.indexOf("\nrule ") + 1)
                : text.substring(0, text.indexOf("  minLabeledExamples:\n") + "  minLabeledExamples:\n".length());
        return (int) before.lines().count() + 1;
    }

    static Path copyRules(Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(TestRules.RULES)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(TestRules.RULES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** Copies the test run's compiled-rules cache (rules/ as bundled, compiled already) into {@code cache}. */
    static void seedCache(Path cache) throws IOException {
        TestRules.compiled();
        Path shared = TestRules.cacheDirectory();
        if (shared == null || !Files.isDirectory(shared)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(shared)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path target = cache.resolve(shared.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
    }
}
