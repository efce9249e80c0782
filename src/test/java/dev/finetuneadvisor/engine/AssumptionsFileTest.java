package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssumptionsFileTest {
    /** A valid file: one threshold from the article, a cost chosen in a range, one assumed. */
    private static final String VALID = """
            thresholds:
              minLabeledExamples:
                value: 1000
                source: article
                quote: "Do you have 1,000+ high-quality labeled examples?"
            costs:
              hostingUsdPerMonth:
                value: 500
                source: range
                range: [500, 5000]
                quote: "GPU infrastructure at $500-$5,000/month"
                label: a month of GPU hosting
                unit: usd
              engineerUsdPerWeek:
                value: 4000
                source: assumption
                reason: the article gives no price for a week
                label: per engineer-week
                unit: usd
            """;

    private static List<RuleProblem> problems(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("assumptions.yaml");
        Files.writeString(file, yaml);
        List<RuleProblem> problems = new ArrayList<>();
        Assumptions read = AssumptionsFile.read(file, "rules/assumptions.yaml", problems);
        assertEquals(problems.isEmpty(), read != null, "a file with problems gives no assumptions");
        return problems;
    }

    /** The one problem of a file, asserting that there is exactly one and on which line. */
    private static RuleProblem onlyProblem(Path dir, String yaml, int line) throws Exception {
        List<RuleProblem> problems = problems(dir, yaml);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(line, problems.get(0).line(), problems.get(0).describe());
        assertEquals("rules/assumptions.yaml", problems.get(0).file());
        return problems.get(0);
    }

    @Test
    void each_number_carries_its_kind_quote_or_reason_and_range_by_name(@TempDir Path dir) throws Exception {
        // Given a valid file
        Path file = dir.resolve("assumptions.yaml");
        Files.writeString(file, VALID);
        // When it is read
        Assumptions a = AssumptionsFile.read(file, "assumptions.yaml", new ArrayList<>());
        // Then values and provenance are there by name
        assertNotNull(a);
        assertEquals(1000.0, a.num("minLabeledExamples"));
        assertEquals(Provenance.Kind.ARTICLE, a.provenance("minLabeledExamples").kind());
        Provenance hosting = a.provenance("hostingUsdPerMonth");
        assertEquals(Provenance.Kind.RANGE, hosting.kind());
        assertEquals(500.0, hosting.low());
        assertEquals(5000.0, hosting.high());
        assertEquals("$500-$5,000 a month of GPU hosting", hosting.shownRange());
        Provenance engineer = a.provenance("engineerUsdPerWeek");
        assertEquals(Provenance.Kind.ASSUMPTION, engineer.kind());
        assertEquals("the article gives no price for a week", engineer.reason());
        assertEquals("$4,000 per engineer-week", engineer.shown(4000));
        assertTrue(a.isAssumedHere("engineerUsdPerWeek"));
        // and a use case's own value is marked as its own
        Assumptions own = a.withCosts(Map.of("engineerUsdPerWeek", 9000.0));
        assertEquals(9000.0, own.num("engineerUsdPerWeek"));
        assertTrue(own.isOverridden("engineerUsdPerWeek"));
        assertEquals(false, own.isAssumedHere("engineerUsdPerWeek"));
    }

    @Test
    void an_unknown_source_kind_is_an_error_on_its_line(@TempDir Path dir) throws Exception {
        RuleProblem p = onlyProblem(dir, VALID.replace("source: article", "source: blog"), 4);
        assertTrue(p.message().contains("thresholds.minLabeledExamples.source"), p.message());
        assertTrue(p.message().contains("article, range, assumption"), p.message());
    }

    @Test
    void a_range_that_does_not_contain_its_value_is_an_error_on_the_range_line(@TempDir Path dir) throws Exception {
        RuleProblem p = onlyProblem(dir, VALID.replace("range: [500, 5000]", "range: [600, 5000]"), 10);
        assertTrue(p.message().contains("costs.hostingUsdPerMonth"), p.message());
    }

    @Test
    void a_range_given_backwards_or_with_one_end_is_an_error(@TempDir Path dir) throws Exception {
        onlyProblem(dir, VALID.replace("range: [500, 5000]", "range: [5000, 500]"), 10);
        onlyProblem(dir, VALID.replace("range: [500, 5000]", "range: [500]"), 10);
        // and a range input without its range, on the entry's line
        onlyProblem(dir, VALID.replace("    range: [500, 5000]\n", ""), 7);
    }

    @Test
    void the_articles_number_needs_its_quote_and_an_assumption_its_reason(@TempDir Path dir) throws Exception {
        RuleProblem quote = onlyProblem(dir, VALID.replace("    quote: \"Do you have 1,000+ high-quality labeled examples?\"\n", ""), 2);
        assertTrue(quote.message().contains("missing quote"), quote.message());
        RuleProblem reason = onlyProblem(dir, VALID.replace("    reason: the article gives no price for a week\n", ""), 14);
        assertTrue(reason.message().contains("missing reason"), reason.message());
        // a range's quote too
        onlyProblem(dir, VALID.replace("    quote: \"GPU infrastructure at $500-$5,000/month\"\n", ""), 7);
    }

    @Test
    void a_cost_input_needs_a_label_for_the_reports(@TempDir Path dir) throws Exception {
        RuleProblem p = onlyProblem(dir, VALID.replace("    label: per engineer-week\n", ""), 14);
        assertTrue(p.message().contains("label"), p.message());
    }

    @Test
    void negatives_bare_numbers_unknown_fields_and_duplicates_are_errors_on_their_lines(@TempDir Path dir) throws Exception {
        onlyProblem(dir, VALID.replace("value: 4000", "value: -4000"), 15);
        RuleProblem bare = onlyProblem(dir, VALID.replace("costs:\n", "costs:\n  tokensPerCall: 1000\n"), 7);
        assertTrue(bare.message().contains("source:"), bare.message());
        RuleProblem unknown = onlyProblem(dir, VALID.replace("    unit: usd\n  engineer", "    units: usd\n  engineer"), 13);
        assertTrue(unknown.message().contains("allowed: value, source"), unknown.message());
        List<RuleProblem> twice = problems(dir, VALID + """
                  hostingUsdPerMonth:
                    value: 600
                    source: assumption
                    reason: twice
                    label: a month
                """);
        assertEquals(1, twice.size(), twice.toString());
        assertEquals(20, twice.get(0).line(), twice.get(0).describe());
        List<RuleProblem> both = problems(dir, VALID.replace("thresholds:\n", """
                thresholds:
                  engineerUsdPerWeek:
                    value: 1
                    source: assumption
                    reason: both a threshold and a cost
                """));
        assertEquals(1, both.size(), both.toString());
        assertTrue(both.get(0).message().contains("both a threshold and a cost input"), both.get(0).message());
    }

    @Test
    void the_bundled_file_marks_the_numbers_the_article_does_not_give() {
        // Given the project's own assumptions
        Assumptions a = TestRules.compiled().assumptions();
        // Then each is marked as the reading of the article has it
        for (String article : List.of("frontierUsdPerMillionTokens", "tunedUsdPerMillionTokens", "trainingUsdPerMillionTokens",
                "tokensPerCall", "minLabeledExamples", "tcoAdvantage", "openSourceCallsPerMonth")) {
            assertEquals(Provenance.Kind.ARTICLE, a.provenance(article).kind(), article);
            assertNotNull(a.provenance(article).quote(), article);
        }
        assertRange(a, "engineeringWeeksPerCycle", 6, 4, 8);
        assertRange(a, "hostingUsdPerMonth", 500, 500, 5000);
        assertRange(a, "labelingUsdPerExample", 12.5, 5, 20);
        for (String assumed : List.of("engineerUsdPerWeek", "trainingCyclesPerYear", "trainingEpochs", "largeScaleCallsPerMonth")) {
            assertEquals(Provenance.Kind.ASSUMPTION, a.provenance(assumed).kind(), assumed);
            assertNotNull(a.provenance(assumed).reason(), assumed);
        }
        long assumedThresholds = a.thresholds().keySet().stream().filter(n -> a.provenance(n).kind() != Provenance.Kind.ARTICLE).count();
        assertEquals(1, assumedThresholds, "every threshold but largeScaleCallsPerMonth is the article's");
        assertNull(a.provenance("engineerUsdPerWeek").low());
    }

    @Test
    void the_organisation_section_is_optional_and_holds_only_the_numbers_the_advisor_reads(@TempDir Path dir) throws Exception {
        // Given a file without it: read, with no organisation numbers
        List<RuleProblem> none = new ArrayList<>();
        Path file = dir.resolve("assumptions.yaml");
        Files.writeString(file, VALID);
        assertTrue(AssumptionsFile.read(file, "rules/assumptions.yaml", none).organisation().isEmpty(), none.toString());
        // When the section gives the age and a name the advisor does not read
        List<RuleProblem> problems = problems(dir, VALID + """
                organisation:
                  maxPriceAgeDays: {value: 180, source: assumption, reason: prices move, label: days}
                  maxNoteLength: {value: 80, source: assumption, reason: short notes, label: characters}
                """);
        // Then the unknown name is an error at its line
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(22, problems.get(0).line(), problems.get(0).describe());
    }

    private static void assertRange(Assumptions a, String name, double value, double low, double high) {
        Provenance p = a.provenance(name);
        assertEquals(Provenance.Kind.RANGE, p.kind(), name);
        assertEquals(value, a.num(name), name);
        assertEquals(low, p.low(), name);
        assertEquals(high, p.high(), name);
        assertNotNull(p.quote(), name);
    }

    /** VALID with a tokens-per-call cost input that a use case gives as a field of its own, given as {@code givenAs}. */
    private static String withTokensPerCall(String givenAs) {
        return VALID + """
                  tokensPerCall:
                    value: 1000
                    source: article
                    quote: "assuming 1k tokens per call"
                    label: tokens a call
                    givenAs: %s
                """.formatted(givenAs);
    }

    @Test
    void a_cost_input_given_as_a_fact_field_is_not_a_name_a_use_case_writes_under_costs(@TempDir Path dir) throws Exception {
        // Given a cost input declared as given by volume.tokensPerCall
        Path file = dir.resolve("assumptions.yaml");
        Files.writeString(file, withTokensPerCall("volume.tokensPerCall"));
        // When it is read
        Assumptions a = AssumptionsFile.read(file, "assumptions.yaml", new ArrayList<>());
        // Then the cost model still reads it, but costs: may not name it, and says where it goes
        assertNotNull(a);
        assertEquals(1000.0, a.num("tokensPerCall"));
        assertEquals(List.of("engineerUsdPerWeek", "hostingUsdPerMonth"), List.copyOf(a.costKeys().allowed()));
        assertEquals("volume.tokensPerCall", a.costKeys().givenAs("tokensPerCall"));
    }

    @Test
    void given_as_must_name_a_fact_field_of_a_cost_input(@TempDir Path dir) throws Exception {
        RuleProblem notAField = onlyProblem(dir, withTokensPerCall("volume.tokens"), 25);
        assertTrue(notAField.message().contains("volume.tokens"), notAField.message());
        RuleProblem threshold = onlyProblem(dir, VALID.replace("    quote: \"Do you have", "    givenAs: data.labeledExamples\n    quote: \"Do you have"), 5);
        assertTrue(threshold.message().contains("givenAs"), threshold.message());
    }

    @Test
    void the_shipped_rules_give_tokens_per_call_in_one_place_and_no_search_varies_it_as_a_cost() {
        // Given the shipped rules
        var rules = TestRules.compiled();
        // Then tokensPerCall is given as volume.tokensPerCall, and the fields searches vary hold no costs.tokensPerCall
        assertEquals("volume.tokensPerCall", rules.assumptions().costKeys().givenAs("tokensPerCall"));
        List<String> varied = FactField.all(rules.fields(), rules.assumptions(), true).stream().map(FactField::path).toList();
        assertTrue(varied.contains("costs.engineerUsdPerWeek"), varied::toString);
        assertTrue(!varied.contains("costs.tokensPerCall"), varied::toString);
    }
}
