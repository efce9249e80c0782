package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Check;
import dev.finetuneadvisor.model.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A check that names a field the catalogue does not have stops the evaluation instead of being passed over. */
class CheckFieldsTest {
    @Test
    void a_check_on_an_unknown_field_fails_naming_the_rule_the_field_and_the_closest_path() {
        // Given a check built at run time on a misspelt field, beside a sound one
        List<Check> checks = List.of(new Check("enough-good-data", "data.labeledExamples", Status.PASS, "enough", "gate6-passes"),
                new Check("enough-good-data", "data.labeledExampels", Status.UNKNOWN, "not given", "gate6-data-unknown"));
        // When the evaluator reads them
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> CheckFields.requireCatalogued(checks, TestRules.compiled().fields()));
        // Then the failure names the rule, the field and the closest declared path
        assertTrue(e.getMessage().contains("gate6-data-unknown"), e.getMessage());
        assertTrue(e.getMessage().contains("'data.labeledExampels'"), e.getMessage());
        assertTrue(e.getMessage().contains("'data.labeledExamples'"), e.getMessage());
    }

    @Test
    void checks_on_declared_fields_and_cost_inputs_pass() {
        // Given checks on a declared field and on a cost input (declared once as costs.*)
        List<Check> checks = List.of(new Check("prompt-first", "prompt.fewShot", Status.FAIL, "no few-shot", "r1"),
                new Check("volume-or-latency", "costs.tokensPerCall", Status.PASS, "tokens", "r2"));
        // When / Then
        assertDoesNotThrow(() -> CheckFields.requireCatalogued(checks, TestRules.compiled().fields()));
    }
}
