package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rule's salience is a named phase's number, and the rule names that phase. */
class PhaseLintTest {
    private static String rule(String attributes) {
        return "package verdict;\n\nimport dev.finetuneadvisor.model.*;\n\nrule \"A rule\"\n    @id(\"a-rule\")\n" + attributes
                + "when\n    GateResult()\nthen\nend\n";
    }

    private static RuleProblem only(String attributes) {
        List<RuleProblem> problems = PhaseLint.lint("rules/verdict/x.drl", rule(attributes));
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void the_bundled_rules_use_named_phases_only() {
        assertEquals(List.of(), PhaseLint.lint(TestRules.RULES));
    }

    @Test
    void a_named_phase_with_its_number_or_no_salience_at_all_holds() {
        assertEquals(List.of(), PhaseLint.lint("x.drl", rule("    @phase(\"VERDICT\")\n    salience -300\n")));
        assertEquals(List.of(), PhaseLint.lint("x.drl", rule("")));
        assertEquals(List.of(), PhaseLint.lint("x.drl", rule("    @phase(\"CHECKS\")\n")));
    }

    @Test
    void a_salience_that_is_no_phase_is_an_error_at_its_value() {
        RuleProblem p = only("    @phase(\"VERDICT\")\n    salience -250\n");
        // line 8, the value's column
        assertEquals(8, p.line());
        assertEquals(14, p.column());
        assertTrue(p.message().contains("salience -250 is not a phase"), p.message());
    }

    @Test
    void a_salience_expression_is_an_error_because_drools_evaluates_it_on_every_activation() {
        RuleProblem p = only("    @phase(\"VERDICT\")\n    salience Phase.VERDICT\n");
        assertEquals(8, p.line());
        assertTrue(p.message().contains("is an expression"), p.message());
    }

    @Test
    void an_unknown_phase_a_missing_one_or_one_that_disagrees_with_the_salience_is_an_error_on_its_line() {
        RuleProblem unknown = only("    @phase(\"LATER\")\n    salience -300\n");
        assertEquals(7, unknown.line());
        assertTrue(unknown.message().contains("@phase(\"LATER\") is not a phase"), unknown.message());
        RuleProblem missing = only("    salience -300\n");
        assertEquals(7, missing.line());
        assertTrue(missing.message().contains("is phase VERDICT"), missing.message());
        RuleProblem disagrees = only("    @phase(\"ADVICE\")\n    salience -300\n");
        assertEquals(7, disagrees.line());
        assertTrue(disagrees.message().contains("@phase(\"ADVICE\") is salience " + Phase.ADVICE), disagrees.message());
    }
}
