package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.RuleIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways around the contract check are closed: a gate name through a variable or in a constraint of any shape, a code or
 * field path matched in a pattern, a Check or Recommendation
 * built with {@code new}, a duplicate {@code @id} are errors whenever the rules are compiled, not only in
 * {@code advisor check}; {@code allGatesPass} must name a verdict.
 */
class ContractReachTest {
    @TempDir
    static Path tmp;
    private static Path rules;

    @BeforeAll
    static void rulesWithEveryWayAround() throws Exception {
        rules = Files.createDirectory(tmp.resolve("rules"));
        RuleIndex.copy(TestRules.RULES, rules);
        Files.writeString(rules.resolve("gates/zz-around.drl"), """
                package gates;

                import dev.finetuneadvisor.model.*;

                rule "A gate named through a variable"
                    @id("test-gate-variable")
                    @section("A Decision Framework: Fine-Tune or Not")
                when
                    Data( labeledExamples < 3 )
                then
                    String gate = "enough-god-data";
                    insertLogical(Check.fail(drools, gate, "data.labeledExamples", "too few"));
                end

                rule "A recommendation built by hand"
                    @id("gate4-not-narrow")
                    @section("A Decision Framework: Fine-Tune or Not")
                when
                    Data( labeledExamples < 2 )
                then
                    insertLogical(new Recommendation("HIDDEN_CODE", Recommendation.Kind.ADVISORY, "x", "y", null, "z"));
                end

                rule "A gate named in a list"
                    @id("test-gate-in-list")
                    @section("A Decision Framework: Fine-Tune or Not")
                when
                    GateResult( name in ("prompt-frist") )
                then
                end

                rule "Reads a code and a field no rule has"
                    @id("test-code-read")
                    @section("A Decision Framework: Fine-Tune or Not")
                when
                    Recommendation( verdict, code == "FINE_TUNES" )
                    Check( field == "data.noiseRat" )
                then
                end
                """);
    }

    @Test
    void every_way_around_stops_a_run_at_its_line_and_column() {
        // When the rules are used to advise
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--rules", rules.toString(), "facts/content-moderation-500k.yaml");
        // Then they are refused, each way around at its place in the file
        assertEquals(ExitCodes.RULES_INVALID, r.code(), r.err());
        String file = rules.resolve("gates/zz-around.drl").toString().replace('\\', '/');
        assertTrue(r.err().contains(file + ":12:38: error"), r.err());   // the gate argument
        assertTrue(r.err().contains(file + ":16:5: error"), r.err());    // the second @id("gate4-not-narrow")
        assertTrue(r.err().contains(file + ":21:19: error"), r.err());   // new Recommendation(
        assertTrue(r.err().contains(file + ":28:26: error"), r.err());   // a misspelt gate in name in (...)
        assertTrue(r.err().contains(file + ":36:38: error"), r.err());   // a code no rule concludes, matched in a pattern
        assertTrue(r.err().contains(file + ":37:21: error"), r.err());   // a field path the catalogue does not have
    }

    @Test
    void all_gates_pass_must_name_a_verdict_not_an_advisory(@TempDir Path dir) throws Exception {
        // Given the rules with an advisory code as the verdict every gate passing gives
        Path copy = Files.createDirectory(dir.resolve("rules"));
        RuleIndex.copy(TestRules.RULES, copy);
        Path fields = copy.resolve("fields.yaml");
        Files.writeString(fields, Files.readString(fields).replace("allGatesPass: FINE_TUNE", "allGatesPass: DATA_TARGET"));
        // When they are checked
        AdviseCommandTest.Run r = AdviseCommandTest.run("check", "--rules", copy.toString());
        // Then the declaration is an error at its line
        assertEquals(ExitCodes.RULES_INVALID, r.code(), r.out());
        int line = Files.readAllLines(fields).indexOf("allGatesPass: DATA_TARGET") + 1;
        assertTrue(r.out().contains("fields.yaml:" + line + ":1: error"), r.out());
    }
}
