package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.RuleIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/rule-catalog.md is what {@code advisor rules --format markdown} prints for rules/: a rule added, moved
 * or changed without regenerating the page fails here. Run with {@code -Dupdate.docs=true} to rewrite it.
 */
class RuleCatalogPageTest {
    private static final Path PAGE = Path.of("docs/rule-catalog.md");
    private static AdviseCommandTest.Run printed;

    /** {@code advisor rules --format markdown} for the bundled rules, run once for both tests. */
    private static synchronized AdviseCommandTest.Run catalog() {
        if (printed == null) {
            printed = AdviseCommandTest.run("rules", "--format", "markdown");
        }
        return printed;
    }

    @Test
    void the_docs_page_is_the_catalog_of_the_rules_as_they_are() throws Exception {
        // Given the committed page
        String page = Files.exists(PAGE) ? Files.readString(PAGE) : "";
        // When the catalog is printed as Markdown for the bundled rules
        AdviseCommandTest.Run r = catalog();
        assertEquals(ExitCodes.OK, r.code(), r.err());
        if (Boolean.getBoolean("update.docs")) {
            Files.writeString(PAGE, r.out());
            page = r.out();
        }
        // Then the page is that output, byte for byte
        assertEquals(r.out(), page, "docs/rule-catalog.md is stale: run mvn -q -o -B test -Dtest=RuleCatalogPageTest -Dupdate.docs=true");
    }

    @Test
    void every_rule_has_a_row_with_its_line_phase_conclusion_and_the_assumptions_it_reads() {
        // Given the rules as the index reads them
        int rules = RuleIndex.scan(TestRules.RULES).rules().size();
        // When the catalog is printed as Markdown
        String page = catalog().out();
        // Then there is one row a rule, and a row carries the rule's place, phase, code and assumptions
        assertEquals(rules, page.lines().filter(l -> l.startsWith("| `")).count(), page);
        String verdict = row(page, "verdict-fine-tune");
        assertTrue(verdict.matches(".*\\[verdicts\\.drl:\\d+]\\(\\.\\./rules/verdict/verdicts\\.drl#L\\d+\\).*"), verdict);
        assertTrue(verdict.contains("| VERDICT (-300) |"), verdict);
        assertTrue(verdict.contains("verdict FINE_TUNE"), verdict);
        String budget = row(page, "advice-labeling-budget");
        assertTrue(budget.contains("`labelingUsdPerExample`") && budget.contains("`minLabeledExamples`"), budget);
    }

    private static String row(String page, String id) {
        return page.lines().filter(l -> l.startsWith("| `" + id + "` |")).findFirst().orElseThrow(() -> new AssertionError(id + " has no row"));
    }
}
