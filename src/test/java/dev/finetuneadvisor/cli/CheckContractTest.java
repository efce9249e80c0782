package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.RuleIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code advisor check} on a copy of rules/ in which each part of the DRL ↔ Java contract is broken once:
 * every defect is reported at its file, line and column, naming the closest right name where there is one.
 * One copy holds every defect, so the rules are compiled once for the whole class.
 */
class CheckContractTest {
    private static Path copy;
    private static AdviseCommandTest.Run check;

    @BeforeAll
    static void checkACopyWithEveryDefectPlanted() throws Exception {
        // Given a copy of the rules with one defect of each kind
        copy = Files.createTempDirectory("advisor-check-contract-");
        RuleIndex.copy(TestRules.RULES, copy);
        replace("gates/enough-good-data.drl", "Check.fail(drools, \"enough-good-data\", \"data.humanReviewed\"",
                "Check.fail(drools, \"enough-god-data\", \"data.humanReviewd\"");
        replace("gates/eval-harness.drl", "\"evals.\" + $field, \"evals.\"", "\"eval.\" + $field, \"evals.\"");
        replace("verdict/verdicts.drl", "GateResult( name == \"prompt-first\"", "GateResult( name == \"prompt-frist\"");
        replace("verdict/verdicts.drl", "insertLogical(Recommendation.verdict(drools, \"USE_RAG\",",
                "String code = \"USE_RAG\";\n    insertLogical(Recommendation.verdict(drools, code,");
        replace("gates/prompt-first.drl", "@id(\"gate2-no-few-shot\")", "@id(\"gate2-prompt-not-engineered\")");
        replace("gates/narrow-and-stable.drl", "    Task( wellDefined == false )", "    Task( welDefined == false )");
        replace("gates/enough-good-data.drl", "Fmt.n($a.num(\"minLabeledExamples\")) + \"+ high-quality examples needed\"",
                "Fmt.n($a.nmu(\"minLabeledExamples\")) + \"+ high-quality examples needed\"");
        // When the rules are checked
        check = AdviseCommandTest.run("check", "--rules", copy.toString());
    }

    /** Replaces the first occurrence of {@code from} in a DRL file of the copy; fails when it is not there. */
    private static void replace(String file, String from, String to) throws Exception {
        Path path = copy.resolve(file);
        String text = Files.readString(path);
        int at = text.indexOf(from);
        assertTrue(at >= 0, from + " is not in " + file);
        Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()));
    }

    @AfterAll
    static void removeTheCopy() {
        GitRules.delete(copy);
    }

    @Test
    void the_check_fails() {
        // Then the exit code says the rules are invalid
        assertEquals(ExitCodes.RULES_INVALID, check.code(), check.out());
    }

    @Test
    void a_gate_name_no_rule_declares_is_an_error_at_the_literal_with_the_closest_gate() throws Exception {
        assertReported("gates/enough-good-data.drl", "\"enough-god-data\"", "enough-good-data");
        assertReported("verdict/verdicts.drl", "\"prompt-frist\"", "prompt-first");
    }

    @Test
    void a_field_path_fields_yaml_does_not_have_is_an_error_at_the_literal_with_the_closest_path() throws Exception {
        assertReported("gates/enough-good-data.drl", "\"data.humanReviewd\"", "data.humanReviewed");
        assertReported("gates/eval-harness.drl", "\"eval.\"", "evals.");
    }

    @Test
    void a_code_passed_through_a_variable_is_an_error_at_the_argument() throws Exception {
        assertReported("verdict/verdicts.drl", "drools, code,", "code", "drools, ".length());
    }

    @Test
    void a_repeated_id_is_an_error_at_the_second_annotation() throws Exception {
        Path file = copy.resolve("gates/prompt-first.drl");
        List<String> lines = Files.readAllLines(file);
        int second = -1;
        for (int i = lines.size() - 1; i >= 0 && second < 0; i--) {
            if (lines.get(i).contains("@id(\"gate2-prompt-not-engineered\")")) {
                second = i;
            }
        }
        String at = shown(file) + ":" + (second + 1) + ":" + (lines.get(second).indexOf("@id") + 1) + ":";
        assertTrue(check.out().lines().anyMatch(l -> l.startsWith(at) && l.contains("gate2-prompt-not-engineered")), at + "\n" + check.out());
    }

    @Test
    void an_error_in_a_then_block_is_reported_at_the_wrong_word_with_the_closest_method() throws Exception {
        assertReported("gates/enough-good-data.drl", "nmu(", "num");
    }

    @Test
    void a_misspelt_field_in_a_pattern_is_reported_at_the_field_with_the_closest_property() throws Exception {
        assertReported("gates/narrow-and-stable.drl", "welDefined", "wellDefined");
    }

    /** A line {@code file:line:column:} for the first occurrence of {@code written} that names {@code closest}. */
    private static void assertReported(String file, String written, String closest) throws Exception {
        assertReported(file, written, closest, 0);
    }

    private static void assertReported(String file, String written, String named, int offset) throws Exception {
        Path path = copy.resolve(file);
        List<String> lines = Files.readAllLines(path);
        for (int i = 0; i < lines.size(); i++) {
            int column = lines.get(i).indexOf(written);
            if (column >= 0) {
                String at = shown(path) + ":" + (i + 1) + ":" + (column + 1 + offset) + ":";
                assertTrue(check.out().lines().anyMatch(l -> l.startsWith(at) && l.contains(named)), at + " naming " + named + "\n" + check.out());
                return;
            }
        }
        throw new AssertionError(written + " is not in " + file);
    }

    private static String shown(Path file) {
        return file.toString().replace('\\', '/');
    }
}
