package dev.finetuneadvisor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.OrganisationFile;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.model.OrganisationCosts;
import dev.finetuneadvisor.model.Result;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page of {@code advisor serve} in a real headless Chromium, driven by Selenium with Debian's chromedriver (never a
 * downloaded one): the questionnaire answered to a verdict that is the one {@code advise} gives the fact file the page
 * saves, with the gates and the costs shown; the portfolio report with the JSON report's counts, and an upload; a
 * broken reload's errors in a banner and a good reload's changed decisions; the token asked for once. Screenshots are
 * kept as target/serve-questionnaire.png and target/serve-portfolio.png. Skipped when chromium or chromedriver is
 * missing, but under CI (the CI variable set), where .ci/run installs both, it fails instead.
 */
class ServePageBrowserTest {
    private static final Path PORTFOLIO = Path.of("facts", "portfolio-support-org.yaml");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Path downloads;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static AdvisorServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path chromium = executable("chromium", "chromium-browser");
        Path driver = executable("chromedriver");
        if (chromium == null || driver == null) {
            String missing = (chromium == null ? "chromium " : "") + (driver == null ? "chromedriver " : "")
                    + "not installed (apt-get install chromium chromium-driver; .ci/run does it)";
            if (System.getenv("CI") != null) {
                fail("under CI the page's browser test must run: " + missing);
            }
            assumeTrue(false, missing);
        }
        server = AdvisorServer.start(ServeConfig.loopback().withPortfolio(List.of(PORTFOLIO)), LiveRules.fixed(TestRules.advisor()));
        downloads = Files.createTempDirectory("serve-page-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--hide-scrollbars", "--window-size=1400,1500", "--user-data-dir=" + Files.createTempDirectory("serve-page-profile"));
        // the browser's console, where Chromium reports what the page's Content-Security-Policy refused
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser = chrome;
        // checked often: each answer is a round trip of a few milliseconds, and the questionnaire has over thirty
        wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(20));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Path executable(String... names) {
        List<Path> places = new ArrayList<>();
        for (String name : names) {
            places.add(Path.of("/usr/bin", name));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                places.add(Path.of(dir, name));
            }
        }
        return places.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    @Test
    void the_questionnaire_shows_a_rejected_answer_at_its_question_then_the_verdict_advise_gives_the_fact_file_it_saves() throws Exception {
        // Given the page of a server, with the questions answered up to the system prompt's length
        open(server);
        Map<String, String> answers = InterviewReplayTest.fineTune();
        Map<String, String> mistaken = new LinkedHashMap<>(answers);
        mistaken.put("prompt.systemPromptTokens", "1,200");
        // When that number is given with a thousands separator
        answerAll(mistaken);
        // Then it is marked rejected with the server's message, and the next question is not open yet
        WebElement q = browser.findElement(By.id("q-prompt.systemPromptTokens"));
        assertEquals("rejected", q.getAttribute("data-state"));
        assertFalse(q.findElement(By.className("error")).getText().isBlank());
        assertEquals("later", browser.findElement(By.id("q-evals.goldenExamples")).getAttribute("data-state"));
        screenshot("serve-rejected.png");

        // When it is answered again (left empty: not known) and every later question in order, as a team of a behavior
        // task that passes all gates would
        answerAll(answers);
        wait.until(ExpectedConditions.attributeToBe(By.id("verdict"), "data-decided", "true"));
        String shown = browser.findElement(By.id("verdict-code")).getText();
        browser.findElement(By.id("download")).click();
        Path saved = downloads.resolve(answers.get("id") + ".yaml");
        wait.until(d -> Files.isRegularFile(saved) && saved.toFile().length() > 0);

        // Then the verdict shown is the one advise gives the fact file saved, and its gates and costs are shown
        Advisor advisor = TestRules.advisor();
        List<FactReader.Loaded> read = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        new FactReader(advisor.rules().assumptions().costKeys()).readFile(saved, read::add, errors::add);
        assertEquals(List.of(), errors);
        Result result = advisor.advise(read.get(0).useCase());
        assertEquals(result.verdict(), shown);
        assertEquals("FINE_TUNE", shown);
        List<WebElement> gates = browser.findElements(By.cssSelector("#gates li.gate"));
        assertEquals(result.gates().stream().map(g -> g.getName() + " " + g.getStatus()).toList(),
                gates.stream().map(g -> g.findElement(By.className("name")).getText() + " " + g.getAttribute("data-status")).toList());
        assertEquals(String.format(Locale.US, "$%,d", Math.round(result.costs().getFrontierUsdPerYear())),
                browser.findElement(By.cssSelector("#costs-table tr.frontier td")).getText());
        assertEquals(String.format(Locale.US, "$%,d", Math.round(result.costs().getFineTuneUsdPerYear())),
                browser.findElement(By.cssSelector("#costs-table tr.fine-tune td")).getText());
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, document.querySelector('.part[data-gate=\"volume-or-latency\"]').offsetTop - 16)");
        screenshot("serve-questionnaire.png");
    }

    @Test
    void the_portfolio_view_shows_the_report_with_the_json_reports_counts_and_an_uploaded_file() throws Exception {
        // Given the server's portfolio as its JSON report
        JsonNode results = Json.mapper().readTree(get(server, "/v1/portfolio")).get("results");
        // When the portfolio view is opened
        open(server);
        browser.findElement(By.id("tab-portfolio")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("portfolio-frame"), "data-loaded", "true"));
        // Then the report's funnel and table have the JSON report's counts
        browser.switchTo().frame(browser.findElement(By.id("portfolio-frame")));
        List<Long> funnel = browser.findElements(By.cssSelector("svg#funnel [data-value]")).stream()
                .map(e -> Long.parseLong(e.getAttribute("data-value"))).toList();
        int rows = browser.findElements(By.cssSelector("#use-cases tbody tr")).size();
        // and its own style and script run under the page's policy, which refuses any other inline code
        String sortable = browser.findElement(By.id("use-cases")).getAttribute("data-sortable");
        String width = (String) ((JavascriptExecutor) browser).executeScript("return getComputedStyle(document.body).maxWidth");
        browser.switchTo().defaultContent();
        assertEquals("ready", sortable, "the report's script did not run");
        assertEquals("1100px", width, "the report's style was not applied");
        assertEquals(results.size(), rows);
        List<Long> expected = new ArrayList<>(List.of((long) results.size()));
        for (int gate = 0; gate < 6; gate++) {
            int g = gate;
            expected.add(Stream.iterate(0, i -> i + 1).limit(results.size())
                    .filter(i -> results.get(i).get("gates").get(g).get("status").asText().equals("PASS")).count());
        }
        assertEquals(expected, funnel);
        screenshot("serve-portfolio.png");

        // and when a fact file is uploaded, the report is that file's
        browser.findElement(By.id("portfolio-upload")).sendKeys(Path.of("facts", "health-plan-benefits-qa.yaml").toAbsolutePath().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("portfolio-source"), "Uploaded: health-plan-benefits-qa.yaml"));
        wait.until(ExpectedConditions.attributeToBe(By.id("portfolio-frame"), "data-loaded", "true"));
        browser.switchTo().frame(browser.findElement(By.id("portfolio-frame")));
        List<String> ids = browser.findElements(By.cssSelector("#use-cases tbody tr td:first-child")).stream().map(WebElement::getText).toList();
        browser.switchTo().defaultContent();
        assertEquals(List.of("health-plan-benefits-qa"), ids);
    }

    @Test
    void a_broken_reload_shows_its_errors_until_a_good_one_whose_changed_decisions_are_listed(@TempDir Path dir)
            throws Exception {
        // Given a server whose rules reload, and an organisation's engineer-week price that moves a decision of its portfolio
        Advisor base = TestRules.advisor();
        Path prices = dir.resolve("prices.yaml");
        Files.writeString(prices, "costs:\n  engineerUsdPerWeek:\n    value: 60000\n    set: " + LocalDate.now() + "\n    note: a test's price\n");
        List<RuleProblem> problems = new ArrayList<>();
        OrganisationCosts costs = OrganisationFile.read(prices, "prices.yaml", base.costInputs(), LocalDate.now(), problems);
        assertEquals(List.of(), problems);
        AtomicReference<String> next = new AtomicReference<>("broken");
        LiveRules live = LiveRules.of(base, () -> {
            if (next.get().equals("broken")) {
                throw new RulesInvalidException(List.of(new RuleProblem(RuleProblem.Severity.ERROR, "rules/gates/knowledge.drl", 12, 5,
                        "mismatched input 'then'")));
            }
            return base.withOrganisation(costs);
        }, Clock.systemUTC());
        try (AdvisorServer reloading = AdvisorServer.start(ServeConfig.loopback().withPortfolio(List.of(PORTFOLIO)), live)) {
            open(reloading);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("revision"), base.revisions().assumptionsRevision()));
            // When a broken edit is reloaded
            live.reload();
            // Then its errors are shown in a banner, file:line: message
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reload-banner")));
            assertEquals(List.of("rules/gates/knowledge.drl:12: mismatched input 'then'"),
                    browser.findElements(By.cssSelector("#reload-errors li")).stream().map(WebElement::getText).toList());

            // and when a good edit follows, the banner goes and the decision it changed is listed with both revisions
            next.set("priced");
            live.reload();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reload-banner")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#changes tr[data-id]")));
            browser.findElement(By.id("tab-changes")).click();
            JsonNode changes = Json.mapper().readTree(get(reloading, "/v1/portfolio/changes"));
            List<WebElement> rows = browser.findElements(By.cssSelector("#changes tr[data-id]"));
            assertEquals(changes.get("changed").size(), rows.size());
            assertEquals("support-org-ticket-routing", rows.get(0).getAttribute("data-id"));
            JsonNode first = changes.get("changed").get(0);
            assertEquals(first.get("before").get("verdict").asText() + " → " + first.get("after").get("verdict").asText(),
                    rows.get(0).findElement(By.className("verdict")).getText());
            assertEquals("GET_DATA_FIRST → SIMPLER_ARCHITECTURE", rows.get(0).findElement(By.className("verdict")).getText());
            screenshot("serve-changes.png");
        } finally {
            live.close();
        }
    }

    @Test
    void a_server_with_a_token_has_it_asked_for_once_and_sent_on_every_call() throws Exception {
        // Given a server that wants a token and has no portfolio
        try (AdvisorServer guarded = AdvisorServer.start(ServeConfig.loopback().withToken("s3cret-token"), LiveRules.fixed(TestRules.advisor()))) {
            browser.get(guarded.uri().toString());
            // When the page's first call is refused, the token is asked for and given
            WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
            input.sendKeys("s3cret-token", Keys.ENTER);
            // Then the questions load, and the portfolio view says there is none without asking again
            wait.until(ExpectedConditions.attributeToBe(By.id("q-id"), "data-state", "current"));
            browser.findElement(By.id("tab-portfolio")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("portfolio-note"), "--portfolio"));
            assertFalse(browser.findElement(By.id("token-dialog")).isDisplayed());
            assertTrue(browser.findElements(By.cssSelector("#parts .question")).size() > 30);
        }
    }

    /** Opens the page afresh and waits for the first question. */
    private static void open(AdvisorServer s) {
        browser.get(s.uri().toString());
        wait.until(ExpectedConditions.attributeToBe(By.id("q-id"), "data-state", "current"));
    }

    /**
     * Answers the open question, one after the other, each with its answer in {@code answers} ("" or none: don't know),
     * until none is open or one is rejected. The page is read with one script call a step: over thirty questions, each
     * WebDriver call counts.
     */
    private static void answerAll(Map<String, String> answers) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        String field = (String) js.executeScript("const q = document.querySelector(\".question[data-state='current'], .question[data-state='rejected']\");"
                + " return q && q.dataset.field;");
        while (field != null) {
            answer(field, answers.getOrDefault(field, ""));
            // waits in the page (no polling from here) until the server's answer is shown: the question's new state, and the next one
            @SuppressWarnings("unchecked")
            List<String> after = (List<String>) js.executeAsyncScript("const field = arguments[0], done = arguments[arguments.length - 1];"
                    + " const check = () => { const q = document.getElementById('q-' + field);"
                    + "   if (q.dataset.state === 'current' || document.body.dataset.busy !== 'false') { setTimeout(check, 5); return; }"
                    + "   const next = document.querySelector(\".question[data-state='current']\");"
                    + "   done([q.dataset.state, next ? next.dataset.field : null]); };"
                    + " check();", field);
            if (after.get(0).equals("rejected")) {
                return;
            }
            field = after.get(1);
        }
    }

    /** Gives one answer as a reader would: a click on its button, a choice in its list, or the number typed and Enter. */
    private static void answer(String field, String value) {
        // the control found and named in one call
        @SuppressWarnings("unchecked")
        List<Object> found = (List<Object>) ((JavascriptExecutor) browser).executeScript("const q = document.getElementById('q-' + arguments[0]);"
                + " const c = arguments[1] === '' ? q.querySelector('button.dont-know')"
                + "   : [...q.querySelectorAll('button.choice')].find(b => b.dataset.answer === arguments[1]) || q.querySelector('select, input.text');"
                + " return [c, c.tagName];", field, value);
        WebElement c = (WebElement) found.get(0);
        switch (((String) found.get(1)).toLowerCase(Locale.ROOT)) {
            case "button" -> c.click();
            case "select" -> new Select(c).selectByValue(value);
            default -> c.sendKeys(Keys.chord(Keys.CONTROL, "a"), value, Keys.ENTER);
        }
    }

    private static String get(AdvisorServer s, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.uri() + path.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static void screenshot(String name) throws Exception {
        Path png = Path.of("target", name);
        Files.createDirectories(png.getParent());
        Files.write(png, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(png) > 10_000, name + " is too small to be a screenshot of the page");
    }
}
