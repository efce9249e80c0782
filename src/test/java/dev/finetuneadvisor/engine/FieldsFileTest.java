package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.FieldCatalogue;
import dev.finetuneadvisor.model.FieldKind;
import dev.finetuneadvisor.model.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue of fact fields is held to the fact model at start, each problem with its line. */
class FieldsFileTest {
    private static final Path BUNDLED = TestRules.RULES.resolve(FieldsFile.NAME);

    private static List<RuleProblem> problemsOf(Path dir, String text) throws Exception {
        Path file = dir.resolve(FieldsFile.NAME);
        Files.writeString(file, text);
        List<RuleProblem> problems = new ArrayList<>();
        assertNull(FieldsFile.read(file, FieldsFile.NAME, problems));
        return problems;
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + needle);
    }

    @Test
    void the_bundled_catalogue_declares_every_field_of_the_fact_model_once() {
        // Given the bundled catalogue, When it is read
        List<RuleProblem> problems = new ArrayList<>();
        FieldCatalogue c = FieldsFile.read(BUNDLED, FieldsFile.NAME, problems);
        // Then it holds, with every field of the fact model and the cost inputs
        assertEquals(List.of(), problems);
        assertNotNull(c);
        assertEquals(FactField.modelTypes().size() + 1, c.fields().size());
        // and the descriptions the article's "Full stop" calls for are descriptions
        for (String path : List.of("task.need", "task.kind", "task.generalReasoning", "task.knowledgeUpdatesPerYear",
                "task.needsCitations", "latency.p95BudgetMs", "latency.frontierP95Ms", "deployment.privacyRequired")) {
            assertEquals(FieldKind.DESCRIPTION, c.kindOf(path), path);
        }
        assertEquals(FieldKind.CONDITION, c.kindOf("volume.callsPerDay"));
        assertEquals(FieldKind.CONDITION, c.kindOf("costs.engineerUsdPerWeek"));
        assertEquals(FieldKind.LEVER, c.kindOf("data.labeledExamples"));
        assertEquals(FieldType.VOLUME, c.get("volume.callsPerMonth").type());
    }

    @Test
    void a_field_left_out_is_an_error_naming_it(@TempDir Path dir) throws Exception {
        String text = Files.readString(BUNDLED).replaceAll("(?s)\n  task\\.stable:.*?kind: condition\n", "\n");
        List<RuleProblem> problems = problemsOf(dir, text);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("task.stable"), problems.get(0).describe());
    }

    @Test
    void an_unknown_path_kind_or_type_is_an_error_on_its_line(@TempDir Path dir) throws Exception {
        String text = Files.readString(BUNDLED)
                .replace("  evals.humanRated:", "  evals.humanRatedd:")
                .replaceFirst("kind: lever", "kind: knob")
                .replace("type: milliseconds", "type: seconds");
        List<RuleProblem> problems = problemsOf(dir, text);
        List<Integer> lines = problems.stream().map(RuleProblem::line).toList();
        assertTrue(lines.contains(lineOf(text, "evals.humanRatedd:")), problems.toString());
        assertTrue(lines.contains(lineOf(text, "kind: knob")), problems.toString());
        assertTrue(lines.contains(lineOf(text, "type: seconds")), problems.toString());
        // and the field renamed away is missing
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("'evals.humanRated'")), problems.toString());
    }

    @Test
    void a_type_that_does_not_fit_the_fact_model_or_a_range_beyond_it_is_an_error(@TempDir Path dir) throws Exception {
        String text = Files.readString(BUNDLED)
                .replace("range: [0, 100000000000]", "range: [0, 100000000001]")
                .replaceFirst("(  prompt\\.fewShot:\n    type: )flag", "$1count");
        List<RuleProblem> problems = problemsOf(dir, text);
        assertTrue(problems.stream().anyMatch(p -> p.line() == lineOf(text, "range: [0, 100000000001]")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.message().startsWith("prompt.fewShot")), problems.toString());
    }

    @Test
    void a_gate_the_rules_do_not_declare_is_an_error_on_the_fields_line() {
        // Given the bundled catalogue and the gates the rules declare
        FieldCatalogue c = TestRules.compiled().fields();
        List<String> gates = TestRules.evaluator().gateNames();
        // Then the bundled catalogue names only those gates, and one gate fewer leaves its fields named
        assertEquals(List.of(), FieldsFile.unknownGates(c, gates, FieldsFile.NAME));
        List<RuleProblem> problems = FieldsFile.unknownGates(c, gates.subList(0, gates.size() - 1), FieldsFile.NAME);
        assertTrue(problems.stream().anyMatch(p -> p.message().startsWith("data.noiseRate: unknown gate 'enough-good-data'")
                && p.line() == c.get("data.noiseRate").line()), problems.toString());
    }

    @Test
    void a_rules_directory_without_the_catalogue_does_not_load(@TempDir Path dir) throws Exception {
        RuleIndex.copy(TestRules.RULES, dir);
        Files.delete(dir.resolve(FieldsFile.NAME));
        RulesInvalidException e = org.junit.jupiter.api.Assertions.assertThrows(RulesInvalidException.class, () -> CompiledRules.load(dir));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().endsWith(FieldsFile.NAME)), e.problems().toString());
    }
}
