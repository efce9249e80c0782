package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.FieldCatalogue;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Sweep;
import dev.finetuneadvisor.model.FieldKind;
import dev.finetuneadvisor.model.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
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
    void a_syntax_error_is_reported_alone_at_its_line(@TempDir Path dir) throws Exception {
        // Given the bundled catalogue with one line indented too far (the fields after it cannot be read)
        List<String> lines = new ArrayList<>(Files.readAllLines(BUNDLED));
        int at = lines.indexOf("  task.narrow:");
        lines.set(at, "   " + lines.get(at));

        // When it is read
        List<RuleProblem> problems = problemsOf(dir, String.join("\n", lines) + "\n");

        // Then the one mistake is the one problem, at its line, not followed by every field after it "missing"
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(at + 1, problems.get(0).line());
        assertTrue(problems.get(0).message().lines().count() == 1, problems.get(0).message());
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
        RulesInvalidException e = assertThrows(RulesInvalidException.class, () -> CompiledRules.load(dir));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().endsWith(FieldsFile.NAME)), e.problems().toString());
    }

    @Test
    void the_bundled_catalogue_declares_the_volume_rates_alternatives_and_the_verdict_every_gate_passing_gives() {
        // Given the bundled catalogue
        FieldCatalogue c = FieldsFile.read(BUNDLED, FieldsFile.NAME, new ArrayList<>());
        // Then calls a day and calls a month are one another's alternatives, and FINE_TUNE is what passing every gate gives
        assertEquals(List.of("volume.callsPerMonth"), c.alternativesOf("volume.callsPerDay"));
        assertEquals(List.of("volume.callsPerDay"), c.alternativesOf("volume.callsPerMonth"));
        assertEquals(List.of(), c.alternativesOf("volume.tokensPerCall"));
        assertEquals("FINE_TUNE", c.allGatesPass());
    }

    @Test
    void a_malformed_group_of_alternatives_or_verdict_is_an_error_on_its_line(@TempDir Path dir) throws Exception {
        // Given a group naming a field that does not exist, a group of one, a group mixing a count and a volume,
        // a field in two groups, and a verdict that is not a code
        String text = Files.readString(BUNDLED)
                .replace("  - [volume.callsPerDay, volume.callsPerMonth]\n", "  - [volume.callsPerDay, volume.callsPerWeek]\n"
                        + "  - [data.labeledExamples]\n  - [evals.goldenExamples, volume.callsPerMonth]\n  - [volume.callsPerDay, data.noiseRate]\n")
                .replace("allGatesPass: FINE_TUNE", "allGatesPass: fine-tune");
        // When it is read
        List<RuleProblem> problems = problemsOf(dir, text);
        // Then each is an error on its own line
        assertTrue(problems.stream().anyMatch(p -> p.line() == lineOf(text, "volume.callsPerWeek") && p.message().contains("'volume.callsPerWeek'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.line() == lineOf(text, "[data.labeledExamples]") && p.message().contains("two or more")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.line() == lineOf(text, "[evals.goldenExamples") && p.message().contains("of one type")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.line() == lineOf(text, "data.noiseRate]") && p.message().contains("already in a group")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.line() == lineOf(text, "allGatesPass: fine-tune") && p.message().startsWith("allGatesPass")), problems.toString());
    }

    @Test
    void without_the_verdict_every_gate_passing_gives_the_catalogue_does_not_load(@TempDir Path dir) throws Exception {
        String text = Files.readString(BUNDLED).replace("allGatesPass: FINE_TUNE", "");
        List<RuleProblem> problems = problemsOf(dir, text);
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("allGatesPass")), problems.toString());
    }

    @Test
    void the_search_and_the_sweep_go_by_the_declarations_of_the_rules_directory(@TempDir Path dir) throws Exception {
        // Given a copy of rules/ whose catalogue declares no alternatives and names GET_DATA_FIRST as what passing every gate gives
        copy(TestRules.RULES, dir);
        Path fields = dir.resolve(FieldsFile.NAME);
        Files.writeString(fields, Files.readString(fields).replace("  - [volume.callsPerDay, volume.callsPerMonth]\n", "")
                .replace("alternatives:\n", "").replace("allGatesPass: FINE_TUNE", "allGatesPass: GET_DATA_FIRST"));
        Evaluator copied = new Evaluator(CompiledRules.load(dir));
        String monthly = TestRules.PASSES_ALL_GATES.replace("callsPerDay: 500000", "callsPerMonth: 15000000");
        Result fineTune = TestRules.evaluate(monthly);
        // When the default target is asked for, and calls a day are swept on a use case that gives calls a month
        String target = new Counterfactuals(copied).defaultTarget(fineTune);
        Sweep declared = new Sensitivity(TestRules.evaluator()).sweep(TestRules.useCase(monthly), "x.yaml",
                FactField.find(new Sensitivity(TestRules.evaluator()).fields(), "volume.callsPerDay"), 0.0, 1000000.0, 2);
        Sensitivity undeclared = new Sensitivity(copied);
        Sweep swept = undeclared.sweep(TestRules.useCase(monthly), "x.yaml", FactField.find(undeclared.fields(), "volume.callsPerDay"), 0.0, 1000000.0, 2);
        // Then the search aims at the copy's verdict (the bundled catalogue gives none: FINE_TUNE is reached) ...
        assertEquals("GET_DATA_FIRST", target);
        assertNull(new Counterfactuals(TestRules.evaluator()).defaultTarget(fineTune));
        // ... and with the rates declared alternatives the sweep sets calls a month aside; without, the fact model refuses both
        assertTrue(declared.rows().stream().allMatch(r -> r.verdict() != null), declared.rows().toString());
        assertTrue(swept.rows().stream().allMatch(r -> r.verdict() == null), swept.rows().toString());
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(Objects.requireNonNull(target.getParent()));
                Files.copy(p, target);
            }
        }
    }
}
