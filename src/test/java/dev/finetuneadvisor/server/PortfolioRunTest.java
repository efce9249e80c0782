package dev.finetuneadvisor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.Source;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.cli.AdvisorCommand;
import dev.finetuneadvisor.engine.Impact;
import dev.finetuneadvisor.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The server's portfolio: its reports are the CLI's, and the decisions a rule change moves are the ones
 * {@code advisor diff} finds.
 */
class PortfolioRunTest {
    private static final Path PORTFOLIO = Path.of("facts", "portfolio-support-org.yaml");

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        int code = AdvisorCommand.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), args);
        assertEquals(0, code);
        return out.toString();
    }

    @Test
    void the_reports_are_those_advise_writes_for_the_same_file() throws Exception {
        // Given the bundled support organisation's portfolio
        // When the server runs it
        PortfolioRun run = PortfolioRun.of(TestRules.advisor(), Source.paths(List.of(PORTFOLIO)));
        // Then its JSON and HTML reports are advise's, byte for byte
        assertEquals(cli("advise", "--format", "json", PORTFOLIO.toString()), run.json());
        assertEquals(cli("advise", "--format", "html", PORTFOLIO.toString()), run.html());
        assertEquals(3, run.results().size());
    }

    @Test
    void a_portfolio_given_as_a_body_reads_as_the_file_does() throws Exception {
        // Given the portfolio's text, as an upload sends it
        byte[] text = Files.readAllBytes(PORTFOLIO);
        // When the server runs it
        PortfolioRun run = PortfolioRun.of(TestRules.advisor(), Source.document("<request>", "request", text, false));
        // Then it has the file's verdicts, named as the request
        PortfolioRun file = PortfolioRun.of(TestRules.advisor(), Source.paths(List.of(PORTFOLIO)));
        assertEquals(file.results().stream().map(r -> r.id() + " " + r.verdict()).toList(),
                run.results().stream().map(r -> r.id() + " " + r.verdict()).toList());
        assertTrue(run.results().stream().allMatch(r -> r.file().equals("<request>")));
    }

    @Test
    void the_changes_after_a_rule_change_are_the_decisions_advisor_diff_finds() throws Exception {
        // Given the bundled facts decided under the rules, and under the rules without the knowledge gate's failing rule
        Advisor before = TestRules.advisor();
        Advisor after = before.without(Set.of("gate1-knowledge-fails"));
        List<Path> facts = List.of(Path.of("facts"));
        PortfolioRun first = PortfolioRun.of(before, Source.paths(facts));
        PortfolioRun second = PortfolioRun.of(after, Source.paths(facts));
        // When the second run is compared with the first
        List<Impact> changed = second.changesSince(first);
        // Then the changed decisions are those diff reports, written as its JSON writes them
        List<Impact> diff = after.diff(before, facts).changed();
        assertFalse(diff.isEmpty());
        assertEquals(Json.pretty().writeValueAsString(diff), Json.pretty().writeValueAsString(changed));
        assertTrue(second.changesSince(second).isEmpty());
    }
}
