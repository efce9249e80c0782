package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.cli.AdvisorCommand;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real headless Chromium: it renders, the script runs, the funnel chart is there with
 * the counts the JSON report gives, the saving is the JSON report's FINE_TUNE use cases' alone, every
 * table link lands on its use case's anchor, and a screenshot is produced (kept as target/html-report.png). Skipped
 * only when no chromium is installed, and fails instead under CI (.ci/run installs it and sets CI).
 */
class HtmlReportBrowserTest {
    private static Path chromium;

    @BeforeAll
    static void findChromium() {
        chromium = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst().orElse(null);
    }

    @Test
    void the_report_renders_with_its_funnel_chart_and_a_screenshot(@TempDir Path dir) throws Exception {
        // under CI (.ci/run sets CI) a missing browser is a failure, not a skip
        assertTrue(chromium != null || System.getenv("CI") == null, "chromium is not installed under CI (apt-get install chromium; .ci/run does it)");
        assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium; .ci/run does it)");
        // Given the HTML report of the bundled portfolio and its JSON report
        Path html = dir.resolve("report.html");
        Files.writeString(html, advise("--format", "html", "facts"));
        JsonNode results = Json.mapper().readTree(advise("--format", "json", "facts")).get("results");

        // When Chromium loads it
        String dom = chromium(dir, "--dump-dom", html.toUri().toString());
        Path png = Path.of("target", "html-report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium(dir, "--screenshot=" + png, "--window-size=1280,2400", html.toUri().toString());

        // Then the page rendered, the sorting script ran, and the funnel has a bar per gate plus the total
        assertTrue(dom.contains("<h1>Fine-tuning portfolio</h1>"), dom.substring(0, Math.min(500, dom.length())));
        assertTrue(dom.contains("data-sortable=\"ready\""), "the table script did not run");
        String funnel = between(dom, "<svg id=\"funnel\"", "</svg>");
        List<Long> values = attributes(funnel, "data-value");
        assertEquals(7, values.size(), funnel);
        assertEquals(results.size(), values.get(0));
        for (int gate = 1; gate <= 6; gate++) {
            int g = gate;
            long passed = 0;
            for (JsonNode r : results) {
                if (r.get("gates").get(g - 1).get("status").asText().equals("PASS")) {
                    passed++;
                }
            }
            assertEquals(passed, values.get(gate), "gate " + gate);
            assertTrue(values.get(gate) <= values.get(gate - 1), "a funnel only narrows");
        }
        assertTrue(dom.contains("<svg id=\"verdicts\""));
        assertTrue(dom.contains("<svg id=\"costs\""));
        // and the saving is the frontier cost less the fine-tuning TCO of the FINE_TUNE use cases that win on cost, no other's
        long savingCents = 0;
        for (JsonNode r : results) {
            if (r.get("verdict").asText().equals("FINE_TUNE") && r.has("costs") && r.get("costs").get("winsOnCost").asBoolean()) {
                savingCents += Math.round(r.get("costs").get("frontierUsdPerYear").asDouble() * 100)
                        - Math.round(r.get("costs").get("fineTuneUsdPerYear").asDouble() * 100);
            }
        }
        assertEquals(String.format(Locale.ROOT, "%.2f", savingCents / 100.0), matches(dom, "class=\"amount\" data-value=\"([0-9.-]+)\"").get(0));
        // and one table link per use case, each to an element of the page, none shared
        List<String> links = matches(between(dom, "<table id=\"use-cases\"", "</table>"), "<a href=\"#([^\"]+)\"");
        assertEquals(results.size(), links.size(), "one link per use case");
        assertEquals(results.size(), new HashSet<>(links).size(), "one anchor per use case");
        for (String link : links) {
            assertEquals(1, count(dom, "<article id=\"" + link + "\""), link);
        }
        // and the screenshot is a real PNG
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "screenshot too small: " + bytes.length);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
    }

    private static String advise(String... args) {
        StringWriter out = new StringWriter();
        List<String> all = new ArrayList<>(List.of("advise"));
        all.addAll(List.of(args));
        AdvisorCommand.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), all.toArray(String[]::new));
        return out.toString();
    }

    /** Runs headless Chromium with the flags this closed network needs; returns what it printed. */
    private static String chromium(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "chromium", ".log");
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(log));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "missing " + start);
        int to = text.indexOf(end, from);
        return text.substring(from, to);
    }

    private static List<Long> attributes(String text, String name) {
        List<Long> values = new ArrayList<>();
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(text);
        while (m.find()) {
            values.add(Long.parseLong(m.group(1)));
        }
        return values;
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
