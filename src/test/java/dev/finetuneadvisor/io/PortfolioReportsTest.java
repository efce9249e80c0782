package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Markdown and HTML portfolio reports add up only what means something together (the saving over the
 * FINE_TUNE use cases), give every use case its next step from its stopping gate, and anchor each use case
 * under a slug of its id that no other use case or section shares.
 */
class PortfolioReportsTest {
    private static final String[] GATES = {"knowledge-or-behavior", "prompt-first", "eval-harness", "narrow-and-stable",
        "volume-or-latency", "enough-good-data"};

    private static final Captions CAPTIONS = TestRules.captions();
    private static final BiFunction<PrintWriter, PrintWriter, ResultSink> MARKDOWN = (out, err) -> MarkdownReportWriter.sink(out, err, CAPTIONS, TestRules.REVISIONS);
    private static final BiFunction<PrintWriter, PrintWriter, ResultSink> HTML = (out, err) -> HtmlReportWriter.sink(out, err, CAPTIONS, TestRules.REVISIONS);

    // ---- tiny builders ----

    /** A result whose gates pass up to {@code stop} (1-based; 0: all pass), which has {@code status}; the rest not reached. */
    private static Result result(String id, String verdict, String action, int stop, Status status, String reason, List<String> fields,
                                 CostEstimate costs, String... advisories) {
        List<GateResult> gates = new ArrayList<>();
        for (int n = 1; n <= GATES.length; n++) {
            Status s = stop == 0 || n < stop ? Status.PASS : n == stop ? status : Status.NOT_REACHED;
            gates.add(new GateResult(n, GATES[n - 1], s, s == Status.NOT_REACHED ? Status.PASS : s,
                    n == stop ? reason : "gate " + n + " holds", n == stop ? fields : List.of()));
        }
        List<Recommendation> recs = new ArrayList<>();
        // as the verdict rules state it: the gate the use case stopped at
        recs.add(new Recommendation(verdict, Recommendation.Kind.VERDICT, "verdict-rule", "A section", action,
                stop == 0 ? null : GATES[stop - 1], verdict + " explained"));
        for (String a : advisories) {
            recs.add(new Recommendation(a, Recommendation.Kind.ADVISORY, "advice-rule", "A section", null, a + " explained"));
        }
        return new Result(id, id + ".yaml", "Title of " + id, verdict, gates, recs, costs, List.of());
    }

    private static CostEstimate costs(double frontier, double fineTune) {
        CostEstimate c = new CostEstimate();
        c.setFrontierUsdPerYear(frontier);
        c.setFineTuneUsdPerYear(fineTune);
        c.setAdvantage(frontier / fineTune);
        c.setRequiredAdvantage(2.0);
        // as the cost rules set it
        c.setWinsOnCost(frontier >= 2.0 * fineTune);
        return c;
    }

    private static String write(BiFunction<PrintWriter, PrintWriter, ResultSink> format, List<Result> results) {
        StringWriter out = new StringWriter();
        ResultSink sink = format.apply(new PrintWriter(out), new PrintWriter(new StringWriter()));
        results.forEach(r -> sink.result(r, null));
        sink.finish();
        return out.toString();
    }

    private static List<String> cells(String markdown, String rowStart) {
        String row = markdown.lines().filter(l -> l.startsWith(rowStart)).findFirst().orElseThrow(() -> new AssertionError(rowStart));
        return List.of(row.split("\\|", -1)).stream().map(String::trim).toList();
    }

    private static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static final List<Result> MIXED = List.of(
            result("moderation", "FINE_TUNE", "Fine-tune", 0, null, null, List.of(), costs(456_250, 72_250), "BUDGET_FULL_TCO"),
            result("b2b-intent", "SIMPLER_ARCHITECTURE", "Stay on the frontier", 5, Status.FAIL, "0.66x, short of 2.00x",
                    List.of("volume.callsPerDay"), costs(36_500, 55_460)),
            result("kb-bot", "USE_RAG", "Use retrieval", 1, Status.FAIL, "a knowledge task", List.of("task.need"), null));

    @Test
    void the_markdown_saving_counts_only_the_fine_tune_use_cases() {
        // Given a FINE_TUNE use case ($456,250 against $72,250), a SIMPLER_ARCHITECTURE one ($36,500 against $55,460), one without costs
        // When the Markdown report is written
        String md = write(MARKDOWN, MIXED);
        // Then the saving is the FINE_TUNE case's alone, the other's frontier cost is apart, the uncosted one is counted
        assertEquals(List.of("", "verdict FINE_TUNE, winning on cost", "1", "$456,250", "$72,250", "**$384,000**", ""), cells(md, "| verdict FINE_TUNE, winning on cost |"));
        assertEquals(List.of("1", "$36,500", "", "not a saving"),
                cells(md, "| other verdicts").subList(2, 6));
        assertEquals("1", cells(md, "| no cost estimate").get(2));
        assertTrue(md.contains("**Estimated yearly saving: $384,000, from fine-tuning the 1 use case whose verdict is FINE_TUNE"), md);
        // and nothing adds the SIMPLER_ARCHITECTURE case in: not its frontier cost to the saving, nor both cases' difference
        assertFalse(md.contains("$365,040"), md);
        assertFalse(md.contains("$492,750"), md);
        assertTrue(md.contains("estimates from the cost model"), md);
    }

    @Test
    void the_html_saving_counts_only_the_fine_tune_use_cases() {
        // Given the same three use cases
        // When the HTML report is written
        String html = write(HTML, MIXED);
        // Then the headline figure and the totals row hold the FINE_TUNE case's saving alone
        assertEquals(List.of("384000.00"), all(html, "<span class=\"amount\" data-value=\"([0-9.-]+)\""));
        String fineTune = all(html, "(<tr data-key=\"fine-tune\">.*?</tr>)").get(0);
        assertEquals(List.of("1", "456250.00", "72250.00", "384000.00"), all(fineTune, "data-v=\"([0-9.-]+)\""));
        String others = all(html, "(<tr data-key=\"others\">.*?</tr>)").get(0);
        assertEquals(List.of("1", "36500.00"), all(others, "data-v=\"([0-9.-]+)\""));
        assertTrue(others.contains("not a saving"), others);
        assertEquals(List.of("1"), all(all(html, "(<tr data-key=\"uncosted\">.*?</tr>)").get(0), "data-v=\"([0-9.-]+)\""));
        // and the chart compares the FINE_TUNE case's frontier cost with its TCO, nothing else
        String chart = html.substring(html.indexOf("<svg id=\"costs\""), html.indexOf("</svg>", html.indexOf("<svg id=\"costs\"")));
        assertEquals(List.of("456250.00", "72250.00"), all(chart, "data-value=\"([0-9.]+)\""));
        assertFalse(html.contains("365040") || html.contains("$365,040"), "no sum over every use case");
    }

    @Test
    void a_fine_tune_carried_by_latency_is_shown_apart_and_not_counted_as_a_saving() {
        // Given two FINE_TUNE cases, one carried by latency at a cost above the frontier's, one winning on cost
        List<Result> results = List.of(
                result("fast", "FINE_TUNE", "Fine-tune", 0, null, null, List.of(), costs(40_000, 55_000)),
                result("big", "FINE_TUNE", "Fine-tune", 0, null, null, List.of(), costs(100_000, 40_000)));
        // When the Markdown report is written
        String md = write(MARKDOWN, results);
        // Then the saving is the cost winner's alone (100,000 - 40,000), the latency case has a row of its own
        assertEquals("**$60,000**", cells(md, "| verdict FINE_TUNE, winning on cost |").get(5));
        assertEquals("1", cells(md, "| verdict FINE_TUNE for latency, not cost |").get(2));
        assertEquals("not a saving", cells(md, "| verdict FINE_TUNE for latency, not cost |").get(5));
        assertTrue(md.contains("is not in the figure"), md);
    }

    @Test
    void a_saving_that_rests_on_a_frontier_api_private_data_may_not_use_says_so() {
        // Given a FINE_TUNE case winning on cost whose data must stay private
        CostEstimate c = costs(100_000, 40_000);
        c.setFrontierMayNotBeAllowed(true);
        // When the Markdown report is written
        String md = write(MARKDOWN, List.of(result("private", "FINE_TUNE", "Fine-tune", 0, null, null, List.of(), c)));
        // Then the saving is still counted, with the caveat
        assertEquals("**$60,000**", cells(md, "| verdict FINE_TUNE, winning on cost |").get(5));
        assertTrue(md.contains("1 of the use cases in the saving must keep its data private"), md);
    }

    @Test
    void a_stopped_use_case_is_told_its_action_then_its_stopping_gate_and_failing_checks() {
        // Given a use case stopped at gate 2 by two failing checks
        Result stopped = result("commit-messages", "FIX_PROMPT_FIRST", "Fix the prompt and add few-shot examples", 2, Status.FAIL,
                "the prompt has not been engineered yet; the prompt has no few-shot examples yet", List.of("prompt.engineered", "prompt.fewShot"),
                costs(91_250, 57_650), "DATA_TARGET");
        // When both reports are written
        String md = write(MARKDOWN, List.of(stopped));
        String html = write(HTML, List.of(stopped));
        // Then its entry gives the action, then gate 2 by number and name with the failing checks; advisories are not its next step
        String entry = md.substring(md.indexOf("<a id=\"commit-messages\"></a>"));
        int action = entry.indexOf("- **Next step:** Fix the prompt and add few-shot examples\n");
        int gate = entry.indexOf("- **Stopped at gate 2 (prompt-first):** the prompt has not been engineered yet; the prompt has no few-shot examples yet\n");
        assertTrue(action > 0 && gate > action, entry);
        assertFalse(entry.contains("DATA_TARGET"), entry);
        assertEquals("Fix the prompt and add few-shot examples", cells(md, "| [`commit-messages`](#commit-messages) |").get(4));
        String article = html.substring(html.indexOf("<article id=\"commit-messages\""));
        int htmlAction = article.indexOf("<strong>Next step:</strong> Fix the prompt and add few-shot examples</p>");
        int htmlGate = article.indexOf("Stopped at gate 2 (prompt-first): the prompt has not been engineered yet;");
        assertTrue(htmlAction > 0 && htmlGate > htmlAction, article);
        assertTrue(html.contains("<td>Fix the prompt and add few-shot examples</td><td>prompt-first</td>"), "the table's next step");
    }

    @Test
    void an_undecided_gate_asks_for_its_facts_and_a_fine_tune_lists_its_advisories() {
        // Given a use case whose gate 6 cannot be decided, and a FINE_TUNE one with advisories
        Result unknown = result("returns", "NEEDS_INFO", "Gather the missing facts", 6, Status.UNKNOWN,
                "data.labeledExamples is not given", List.of("data.labeledExamples"), costs(273_750, 77_450));
        Result tune = result("ide", "FINE_TUNE", "Fine-tune, with the eval harness as the judge", 0, null, null, List.of(),
                costs(164_250, 60_570), "BUDGET_FULL_TCO", "GUARDRAILS_BEFORE_PRODUCTION");
        // When both reports are written
        String md = write(MARKDOWN, List.of(unknown, tune));
        String html = write(HTML, List.of(unknown, tune));
        // Then the undecided gate names the facts to gather, and the FINE_TUNE case lists every advisory code
        assertTrue(md.contains("- **Stopped at gate 6 (enough-good-data), not decided yet:** data.labeledExamples is not given\n"
                + "- **Facts to gather:** `data.labeledExamples`\n"), md);
        assertTrue(md.contains("- **Next step:** Fine-tune, with the eval harness as the judge\n"
                + "- **Advisories:** `BUDGET_FULL_TCO`, `GUARDRAILS_BEFORE_PRODUCTION`\n"
                + "- **Estimated saving:** $103,680 a year ($164,250 on the frontier API against $60,570 fine-tuning TCO)\n"), md);
        assertTrue(html.contains("<p class=\"gather\">Facts to gather: <code>data.labeledExamples</code></p>"), html);
        assertTrue(html.contains("<p class=\"advisories\">Advisories: <code>BUDGET_FULL_TCO</code>, <code>GUARDRAILS_BEFORE_PRODUCTION</code></p>"), html);
    }

    @Test
    void ids_that_slug_alike_get_distinct_stable_anchors() {
        // Given ids that read alike once lower-cased and stripped, ids named like the page's sections, and ids with no letter to keep
        List<String> ids = List.of("support-bot", "Support Bot", "support bot", "SUPPORT_BOT", "support--bot", "support.bot", "funnel",
                "use-cases", "saving", "日本語", "中文", "-", "x".repeat(200), "x".repeat(201));
        // When each is given its anchor, twice
        List<String> slugs = ids.stream().map(Anchors::slug).toList();
        // Then the anchors are all different, the same on a second run, and a clean id keeps its own name
        assertEquals(ids.size(), new HashSet<>(slugs).size(), slugs.toString());
        assertEquals(slugs, ids.stream().map(Anchors::slug).toList());
        assertEquals("support-bot", Anchors.slug("support-bot"));
        assertEquals("support.bot", Anchors.slug("support.bot"));
        assertTrue(Anchors.slug("Support Bot").matches("support-bot--[0-9a-f]{12}"), Anchors.slug("Support Bot"));
        assertTrue(Anchors.slug("funnel").startsWith("funnel--"), "a section's name is not a use case's anchor");
        for (String s : slugs) {
            assertTrue(s.matches("[a-z0-9._-]+") && s.length() <= 64, s);
        }
    }

    @Test
    void the_reports_own_anchors_are_all_kept_from_use_cases() {
        // Given a report of every format over a use case and a rejected input
        List<Result> one = List.of(result("kb-bot", "USE_RAG", "Use retrieval", 1, Status.FAIL, "a knowledge task", List.of("task.need"), null));
        StringWriter html = new StringWriter();
        ResultSink sink = HtmlReportWriter.sink(new PrintWriter(html), new PrintWriter(new StringWriter()), CAPTIONS, TestRules.REVISIONS);
        sink.result(one.get(0), null);
        sink.error(new InputError("x.yaml", 1, 1, "task.need", "x", "not a choice"));
        sink.finish();
        String md = write(MARKDOWN, one);
        // When the anchors the page makes for itself are listed: HTML ids, and the anchors a viewer makes from Markdown headings
        Set<String> own = new HashSet<>(all(html.toString(), " id=\"([^\"]+)\""));
        own.remove("kb-bot");
        for (String heading : all(md, "(?m)^#+ (.+)$")) {
            own.add(heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
        }
        // Then no use case can take one of them
        assertTrue(own.size() >= 10, own.toString());
        for (String id : own) {
            assertTrue(Anchors.PAGE.contains(id), id + " is not kept from use cases");
            assertFalse(Anchors.slug(id).equals(id), id);
        }
    }

    @Test
    void every_html_anchor_is_unique_and_every_table_link_lands_on_its_use_case() {
        // Given use cases whose ids collide once slugged, or with the page's own sections
        List<Result> results = new ArrayList<>();
        for (String id : List.of("support-bot", "Support Bot", "support bot", "funnel", "use-cases", "details", "saving")) {
            results.add(result(id, "USE_RAG", "Use retrieval", 1, Status.FAIL, "a knowledge task", List.of("task.need"), null));
        }
        // When the HTML and Markdown reports are written
        String html = write(HTML, results);
        String md = write(MARKDOWN, results);
        // Then no id attribute repeats, and each table link names the article of the use case on its row
        List<String> ids = all(html, " id=\"([^\"]+)\"");
        assertEquals(ids.size(), new HashSet<>(ids).size(), ids.toString());
        List<String> links = all(html, "<tr><td><a href=\"#([^\"]+)\">");
        assertEquals(results.size(), links.size());
        for (int i = 0; i < results.size(); i++) {
            String article = html.substring(html.indexOf("<article id=\"" + links.get(i) + "\""));
            assertTrue(article.startsWith("<article id=\"" + links.get(i) + "\" class=\"use-case\">\n<h3>"
                    + HtmlReportWriter.esc(results.get(i).id()) + ":"), article.substring(0, 120));
        }
        // and the Markdown anchors are as many, unique, with a link to each
        Set<String> mdAnchors = new HashSet<>(all(md, "<a id=\"([^\"]+)\"></a>"));
        assertEquals(results.size(), mdAnchors.size());
        assertEquals(mdAnchors, new HashSet<>(all(md, "\\]\\(#([^)]+)\\)")));
        // and the same input gives the same bytes
        assertEquals(html, write(HTML, results));
        assertEquals(md, write(MARKDOWN, results));
    }

    @Test
    void control_characters_and_line_ends_from_fact_files_are_shown_not_sent_in_html() {
        // Given a use case whose id carries an escape sequence and a line end (its title is built from the id)
        Result r = result("x\u001b[2J\nforged", "FINE_TUNE", "Fine-tune", 0, null, null, List.of(), costs(100_000, 40_000));
        // When the HTML report is written
        String html = write(HTML, List.of(r));
        // Then no ESC byte reaches the file, and the id is shown with its controls written out
        assertFalse(html.contains("\u001b"), "no raw ESC");
        assertTrue(html.contains("x\\u001b[2J\\u000aforged"), html);
    }
}
