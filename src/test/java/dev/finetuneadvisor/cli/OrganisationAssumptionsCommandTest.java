package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --assumptions FILE}: an organisation's own dated cost inputs change the figures, and the output names them. */
class OrganisationAssumptionsCommandTest {
    private static final String CASE = "facts/content-moderation-500k.yaml";
    /** Set ten days ago: never old enough to be warned about, whatever day the test runs. */
    private static final String RECENT = LocalDate.now().minusDays(10).toString();

    private static Path file(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("org.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static Path engineerWeek(Path dir, String set) throws Exception {
        return file(dir, "costs:\n  engineerUsdPerWeek:\n    value: 5200\n    set: " + set + "\n    note: finance FY27\n");
    }

    private static JsonNode costs(AdviseCommandTest.Run r) throws Exception {
        assertEquals(ExitCodes.OK, r.code(), r.err());
        return Json.mapper().readTree(r.out()).get("results").get(0).get("costs");
    }

    @Test
    void text_names_the_file_and_date_of_the_organisations_value_in_the_costs_block(@TempDir Path dir) throws Exception {
        // Given the organisation's engineer-week
        Path org = engineerWeek(dir, RECENT);
        // When the worked example is advised with it
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--no-counterfactuals", "--assumptions", org.toString(), CASE);
        // Then the engineering cost is 2 cycles x 6 weeks x $5,200, and the value is named with its source
        assertEquals(ExitCodes.OK, r.code(), r.err());
        String out = r.out().replaceAll("\\s+", " ");
        assertTrue(out.contains("engineering $62,400"), out);
        assertTrue(out.contains("$5,200 per engineer-week, from " + org + ", set " + RECENT + " (costs.engineerUsdPerWeek)"), out);
        assertFalse(out.contains("assumed: $4,000 per engineer-week"), out);
    }

    @Test
    void json_carries_the_source_of_each_organisation_value_and_no_longer_calls_it_assumed(@TempDir Path dir) throws Exception {
        // Given the organisation's engineer-week
        Path org = engineerWeek(dir, RECENT);
        // When the worked example is advised with and without it
        JsonNode with = costs(AdviseCommandTest.run("advise", "--format", "json", "--no-counterfactuals", "--assumptions", org.toString(), CASE));
        JsonNode without = costs(AdviseCommandTest.run("advise", "--format", "json", "--no-counterfactuals", "--no-assumptions", CASE));
        // Then the figures change by the price, and the input is listed with its file, date and note
        assertEquals(without.get("engineeringUsdPerYear").asDouble() * 5200 / 4000, with.get("engineeringUsdPerYear").asDouble(), 0.01);
        JsonNode own = with.get("organisationInputs").get(0);
        assertEquals("engineerUsdPerWeek", own.get("name").asText());
        assertEquals(5200.0, own.get("value").asDouble());
        assertEquals(org.toString(), own.get("file").asText());
        assertEquals(RECENT, own.get("set").asText());
        assertEquals("finance FY27", own.get("note").asText());
        assertFalse(with.get("assumed").toString().contains("engineerUsdPerWeek"), with.toString());
        assertTrue(without.get("assumed").toString().contains("engineerUsdPerWeek"), without.toString());
        // and without it the field is not there at all (the output of a run without a file is unchanged)
        assertFalse(without.has("organisationInputs"), without.toString());
    }

    @Test
    void a_use_cases_own_value_wins_over_the_organisations(@TempDir Path dir) throws Exception {
        // Given the organisation's engineer-week and a use case that gives its own
        Path org = engineerWeek(dir, RECENT);
        Path useCase = dir.resolve("own.yaml");
        Files.writeString(useCase, Files.readString(Path.of(CASE)) + "\ncosts:\n  engineerUsdPerWeek: 3000\n");
        // When it is advised with the organisation's file
        JsonNode c = costs(AdviseCommandTest.run("advise", "--format", "json", "--no-counterfactuals", "--assumptions", org.toString(),
                useCase.toString()));
        // Then the use case's price is the one used, and no organisation input is named
        assertEquals(2 * 6 * 3000.0, c.get("engineeringUsdPerYear").asDouble(), 0.01);
        assertFalse(c.has("organisationInputs"), c.toString());
    }

    @Test
    void a_file_with_mistakes_stops_the_run_with_every_mistake_located(@TempDir Path dir) throws Exception {
        // Given a threshold, a bare number and a missing date
        Path org = file(dir, "thresholds:\n  tcoAdvantage: {value: 1.5, set: 2026-01-01}\ncosts:\n  engineerUsdPerWeek: 5200\n"
                + "  hostingUsdPerMonth: {value: 900}\n");
        // When advise runs with it
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--assumptions", org.toString(), CASE);
        // Then nothing is evaluated, the exit code says input was rejected and each mistake has file:line:column
        assertEquals(ExitCodes.INPUT_REJECTED, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains(org + ":1:1: error: "), r.err());
        assertTrue(r.err().contains(org + ":4:3: error: "), r.err());
        assertTrue(r.err().contains(org + ":5:3: error: "), r.err());
    }

    @Test
    void an_old_price_is_warned_about_once_on_stderr_and_never_in_the_results(@TempDir Path dir) throws Exception {
        // Given a price set two years ago, and the same price set recently
        Path old = engineerWeek(dir, LocalDate.now().minusYears(2).toString());
        Path oldDir = dir.resolve("old");
        Files.createDirectories(oldDir);
        Path oldFile = Files.move(old, oldDir.resolve("org.yaml"));
        Path recentDir = dir.resolve("recent");
        Files.createDirectories(recentDir);
        Path recent = engineerWeek(recentDir, RECENT);
        // When two use cases are advised as JSON Lines with each
        AdviseCommandTest.Run warned = AdviseCommandTest.run("advise", "--format", "jsonl", "--assumptions", oldFile.toString(), CASE, CASE.replace(
                "content-moderation-500k", "kyc-document-field-extraction-400-examples"));
        AdviseCommandTest.Run quiet = AdviseCommandTest.run("advise", "--format", "jsonl", "--assumptions", recent.toString(), CASE);
        // Then the old price gets one warning at its line, the run still succeeds and uses it, and stdout has no warning
        assertEquals(ExitCodes.OK, warned.code(), warned.err());
        assertEquals(1, warned.err().lines().filter(l -> l.startsWith("warning: " + oldFile + ":2: ")).count(), warned.err());
        assertFalse(warned.out().contains("warning"), warned.out());
        assertTrue(warned.out().contains("\"engineerUsdPerWeek\""), warned.out());
        assertFalse(quiet.err().contains("warning"), quiet.err());
    }

    @Test
    void portfolio_reports_name_the_organisations_values(@TempDir Path dir) throws Exception {
        Path org = engineerWeek(dir, RECENT);
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--format", "markdown", "--assumptions", org.toString(), CASE);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains(org.toString()), r.out());
        assertTrue(r.out().contains("$5,200 per engineer-week (set " + RECENT + ")"), r.out());
    }

    @Test
    void the_default_file_is_read_from_the_working_directory_unless_told_not_to(@TempDir Path dir) throws Exception {
        // Given a working directory with .advisor/assumptions.yaml
        Files.createDirectories(dir.resolve(".advisor"));
        Files.writeString(dir.resolve(AssumptionsOption.DEFAULT), "costs: {}\n");
        AssumptionsOption plain = new AssumptionsOption();
        AssumptionsOption none = new AssumptionsOption();
        none.none = true;
        AssumptionsOption named = new AssumptionsOption();
        named.file = Path.of("ours.yaml");
        // Then it is used when no option names one, not with --no-assumptions, and --assumptions wins
        assertEquals(dir.resolve(AssumptionsOption.DEFAULT), plain.path(dir));
        assertNull(none.path(dir));
        assertEquals(Path.of("ours.yaml"), named.path(dir));
        // and where there is none, no file is used
        assertNull(plain.path(dir.resolve("elsewhere")));
    }

    @Test
    void commands_that_check_the_rules_do_not_take_an_organisations_file(@TempDir Path dir) throws Exception {
        Path org = engineerWeek(dir, RECENT);
        // test and verify check the rules: the option does not exist there
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("test", "--assumptions", org.toString()).code());
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("verify", "--assumptions", org.toString()).code());
        // diff --space compares the rules over the whole space, on their own numbers
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("diff", "--space", "--base-rules", "rules", "--assumptions", org.toString()).code());
        // and a file with --no-assumptions is a contradiction
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("advise", "--no-assumptions", "--assumptions", org.toString(), CASE).code());
    }
}
