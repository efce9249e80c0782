package dev.finetuneadvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.engine.Counterfactuals;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Scenario;
import dev.finetuneadvisor.io.ScenarioReader;
import dev.finetuneadvisor.model.Change;
import dev.finetuneadvisor.model.Counterfactual;
import dev.finetuneadvisor.model.FieldCatalogue;
import dev.finetuneadvisor.model.FieldKind;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "If knowledge: use RAG. Full stop." Over every scenario in tests/ (towards its whyNot or FINE_TUNE) and
 * every bundled fact file in facts/, no counterfactual proposes changing a field that rules/fields.yaml
 * declares a description of the task, and every change says the kind the catalogue gives its field.
 */
class CounterfactualsKeepTaskDescriptionsTest {
    @Test
    void no_counterfactual_changes_a_description_of_the_task() {
        // Given every scenario and every bundled fact file
        Evaluator evaluator = TestRules.evaluator();
        FieldCatalogue catalogue = TestRules.compiled().fields();
        var costInputs = TestRules.compiled().assumptions().costKeys();
        List<InputError> errors = new ArrayList<>();
        List<Scenario> scenarios = new ScenarioReader(costInputs).readAll(Path.of("tests"), errors);
        FactReader.Batch facts = new FactReader(costInputs).readAll(List.of(Path.of("facts")));
        assertTrue(errors.isEmpty() && facts.errors().isEmpty(), () -> "unreadable: " + errors + facts.errors());
        assertTrue(scenarios.size() >= 50 && facts.useCases().size() >= 20, "expected the whole suite and every fact file");
        List<Case> cases = new ArrayList<>();
        scenarios.forEach(s -> cases.add(new Case(s.file(), s.useCase(), s.whyNot())));
        facts.useCases().forEach(f -> cases.add(new Case(f.file(), f, null)));
        Counterfactuals search = new Counterfactuals(evaluator);
        // When the counterfactuals of each are searched
        List<String> wrong = new ArrayList<>();
        int changes = 0;
        for (Case c : cases) {
            Result r = evaluator.evaluate(c.loaded().useCase(), c.loaded().file());
            String target = c.whyNot() != null ? c.whyNot() : search.defaultTarget(r);
            for (Counterfactual cf : search.find(c.loaded().useCase(), r, target)) {
                for (Change change : cf.getChanges()) {
                    changes++;
                    FieldKind kind = catalogue.kindOf(change.getField());
                    if (kind == FieldKind.DESCRIPTION || kind != change.getKind()) {
                        wrong.add(c.file() + ": " + change.getField() + " (" + kind + ", said " + change.getKind() + ")");
                    }
                }
            }
        }
        // Then none changes a description, and each change carries its field's kind
        assertTrue(changes > 20, "expected the searches to propose changes at all: " + changes);
        assertEquals(List.of(), wrong);
    }

    @Test
    void every_field_a_gate_reports_is_declared_as_read_by_that_gate() {
        // Given every bundled fact file, evaluated
        FieldCatalogue catalogue = TestRules.compiled().fields();
        var costInputs = TestRules.compiled().assumptions().costKeys();
        FactReader.Batch facts = new FactReader(costInputs).readAll(List.of(Path.of("facts")));
        List<String> wrong = new ArrayList<>();
        for (FactReader.Loaded f : facts.useCases()) {
            Result r = TestRules.evaluator().evaluate(f.useCase(), f.file());
            // Then each field a gate's checks looked at lists that gate in rules/fields.yaml
            for (var g : r.gates()) {
                for (String field : g.getFields()) {
                    if (!catalogue.get(field).gates().contains(g.getName())) {
                        wrong.add(f.file() + ": " + g.getName() + " reads " + field);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private record Case(String file, FactReader.Loaded loaded, String whyNot) {
    }
}
