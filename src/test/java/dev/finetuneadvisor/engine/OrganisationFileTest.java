package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.ScenarioOutcome;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.OrganisationCost;
import dev.finetuneadvisor.model.OrganisationCosts;
import dev.finetuneadvisor.model.Provenance;
import dev.finetuneadvisor.model.UseCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An organisation's own assumptions file: read strictly, every mistake located, and its values used in place of the rules'. */
class OrganisationFileTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private static final Set<String> COST_INPUTS = OrganisationFile.settable(TestRules.compiled().assumptions());

    private static OrganisationCosts read(Path dir, String yaml, List<RuleProblem> problems) throws Exception {
        Path file = dir.resolve("org.yaml");
        Files.writeString(file, yaml);
        OrganisationCosts read = OrganisationFile.read(file, "org.yaml", COST_INPUTS, TODAY, problems);
        assertEquals(problems.isEmpty(), read != null, "a file with problems is not used: " + problems);
        return read;
    }

    @Test
    void each_value_comes_with_its_date_its_note_and_its_line(@TempDir Path dir) throws Exception {
        // Given two cost inputs, one with a note
        List<RuleProblem> problems = new ArrayList<>();
        OrganisationCosts costs = read(dir, """
                costs:
                  engineerUsdPerWeek:
                    value: 5200
                    set: 2026-10-01
                    note: finance FY27
                  frontierUsdPerMillionTokens: {value: 2.1, set: 2026-11-20}
                """, problems);
        // Then both are read in file order
        assertNotNull(costs, problems.toString());
        assertEquals(2, costs.costs().size());
        OrganisationCost week = costs.costs().get(0);
        assertEquals("engineerUsdPerWeek", week.name());
        assertEquals(5200.0, week.value());
        assertEquals(LocalDate.of(2026, 10, 1), week.set());
        assertEquals("finance FY27", week.note());
        assertEquals(2, week.line());
        assertEquals("org.yaml", week.file());
        assertNull(costs.costs().get(1).note());
        assertEquals(2.1, costs.costs().get(1).value());
    }

    @Test
    void every_mistake_of_the_file_is_located_in_one_pass(@TempDir Path dir) throws Exception {
        // Given a threshold, a misspelt name, a number with a separator, a missing date, a bad date, a date to come,
        // a field the file does not know and a bare number
        List<RuleProblem> problems = new ArrayList<>();
        read(dir, """
                thresholds:
                  minLabeledExamples: {value: 500, set: 2026-01-01}
                costs:
                  engineerUsdPerWek: {value: 5200, set: 2026-10-01}
                  hostingUsdPerMonth: {value: "1,800", set: 2026-09-15}
                  labelingUsdPerExample: {value: 9}
                  trainingEpochs: {value: 2, set: 2026-13-01}
                  trainingCyclesPerYear: {value: 3, set: 2027-01-01}
                  tunedUsdPerMillionTokens: {value: 0.2, set: 2026-11-01, source: contract}
                  engineeringWeeksPerCycle: 5
                """, problems);
        // Then each is an error at its line and column, in file order
        List<String> at = problems.stream().map(p -> p.severity() + "@" + p.line() + ":" + p.column()).toList();
        assertEquals(List.of("ERROR@1:1", "ERROR@4:3", "ERROR@5:24", "ERROR@6:3", "ERROR@7:30", "ERROR@8:37", "ERROR@9:59", "ERROR@10:3"),
                at, problems.toString());
        // and the misspelt name gets the name it is nearest to
        assertTrue(problems.get(1).message().contains("engineerUsdPerWeek"), problems.get(1).message());
    }

    @Test
    void a_name_that_is_not_a_cost_input_of_these_rules_is_refused(@TempDir Path dir) throws Exception {
        // Given a name the rules do not have among the names allowed
        List<RuleProblem> problems = new ArrayList<>();
        Path file = dir.resolve("org.yaml");
        Files.writeString(file, "costs:\n  engineerUsdPerWeek: {value: 5200, set: 2026-10-01}\n");
        // When the allowed names leave it out (a cost input a use case gives elsewhere)
        OrganisationCosts read = OrganisationFile.read(file, "org.yaml", Set.of("hostingUsdPerMonth"), TODAY, problems);
        // Then it is an error
        assertNull(read);
        assertEquals(2, problems.get(0).line());
    }

    @Test
    void a_missing_file_is_an_error_naming_it(@TempDir Path dir) {
        List<RuleProblem> problems = new ArrayList<>();
        assertNull(OrganisationFile.read(dir.resolve("none.yaml"), "none.yaml", COST_INPUTS, TODAY, problems));
        assertEquals("none.yaml", problems.get(0).file());
    }

    @Test
    void values_older_than_the_age_are_the_ones_to_warn_about(@TempDir Path dir) throws Exception {
        // Given one value set 181 days ago and one 180 days ago
        List<RuleProblem> problems = new ArrayList<>();
        OrganisationCosts costs = read(dir, "costs:\n  engineerUsdPerWeek: {value: 5200, set: " + TODAY.minusDays(181) + "}\n"
                + "  hostingUsdPerMonth: {value: 900, set: " + TODAY.minusDays(180) + "}\n", problems);
        // When the age allowed is 180 days
        List<OrganisationCost> old = OrganisationFile.olderThan(costs, 180, TODAY);
        // Then only the first is old
        assertEquals(List.of("engineerUsdPerWeek"), old.stream().map(OrganisationCost::name).toList());
    }

    @Test
    void the_age_allowed_is_a_number_of_the_rules_labelled_as_an_assumption() {
        Assumptions a = TestRules.compiled().assumptions();
        assertTrue(a.organisation().get(OrganisationFile.MAX_AGE_DAYS) > 0);
        assertEquals(Provenance.Kind.ASSUMPTION, a.provenance(OrganisationFile.MAX_AGE_DAYS).kind());
    }

    @Test
    void the_organisations_values_change_the_costs_and_a_use_cases_own_still_win(@TempDir Path dir) throws Exception {
        // Given an organisation's engineer-week and GPU hosting prices
        List<RuleProblem> problems = new ArrayList<>();
        OrganisationCosts costs = read(dir, """
                costs:
                  engineerUsdPerWeek: {value: 5000, set: 2026-10-01}
                  frontierUsdPerMillionTokens: {value: 2.0, set: 2026-10-01}
                """, problems);
        Advisor advisor = TestRules.advisor().withOrganisation(costs);
        UseCase plain = TestRules.useCase(TestRules.PASSES_ALL_GATES);
        UseCase own = TestRules.useCase(TestRules.PASSES_ALL_GATES + "costs: { engineerUsdPerWeek: 3000 }\n");
        // When a use case without costs of its own and one with its own engineer-week are evaluated
        CostEstimate withOrg = advisor.advise(plain).costs();
        CostEstimate rulesOnly = TestRules.advisor().advise(plain).costs();
        CostEstimate caseOwn = advisor.advise(own).costs();
        // Then the organisation's prices are used and named as the source
        assertEquals(rulesOnly.getEngineeringUsdPerYear() * 5000 / 4000, withOrg.getEngineeringUsdPerYear(), 0.01);
        assertEquals(rulesOnly.getFrontierUsdPerYear() * 2.0 / 2.5, withOrg.getFrontierUsdPerYear(), 0.01);
        assertEquals(List.of("frontierUsdPerMillionTokens", "engineerUsdPerWeek"),
                withOrg.getOrganisationInputs().stream().map(OrganisationCost::name).toList());
        assertTrue(!withOrg.getAssumed().contains("engineerUsdPerWeek"), withOrg.getAssumed().toString());
        // and a use case's own value wins over the organisation's, and is not named as the organisation's
        assertEquals(rulesOnly.getEngineeringUsdPerYear() * 3000 / 4000, caseOwn.getEngineeringUsdPerYear(), 0.01);
        assertEquals(List.of("frontierUsdPerMillionTokens"), caseOwn.getOrganisationInputs().stream().map(OrganisationCost::name).toList());
    }

    @Test
    void regression_scenarios_run_on_the_rules_own_numbers_whatever_the_organisation_sets(@TempDir Path dir) throws Exception {
        // Given an organisation whose engineer-week would change the scenario's figures
        List<RuleProblem> problems = new ArrayList<>();
        OrganisationCosts costs = read(dir, "costs:\n  engineerUsdPerWeek: {value: 9000, set: 2026-10-01}\n", problems);
        Path scenario = Path.of("tests/costs/private-data-near-break-even-flips-at-the-top-of-the-hosting-range.yaml");
        // When the scenario runs on an advisor with the organisation's numbers
        ScenarioOutcome outcome = TestRules.advisor().withOrganisation(costs).testOne(scenario, false);
        // Then it passes against its snapshot, as on the rules' own numbers, and names no organisation input
        assertTrue(outcome.passed(), outcome.failures().toString());
        assertTrue(outcome.result().costs().getOrganisationInputs().isEmpty());
    }
}
