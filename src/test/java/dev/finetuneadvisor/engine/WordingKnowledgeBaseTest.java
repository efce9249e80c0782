package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.model.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;

/** The wording rules (package explain) run in a knowledge base of their own, unless they need a deciding package. */
class WordingKnowledgeBaseTest {
    private static Set<String> ids(KieBase base) {
        Set<String> ids = new TreeSet<>();
        base.getKiePackages().forEach(p -> p.getRules().forEach(r -> ids.add(String.valueOf(r.getMetaData().get("id")))));
        return ids;
    }

    @Test
    void deciding_and_wording_rules_are_apart_and_together_make_every_rule() {
        CompiledRules rules = TestRules.compiled();
        Set<String> decision = ids(rules.kieBase());
        Set<String> wording = ids(rules.wordingKieBase());
        assertTrue(wording.stream().allMatch(id -> id.startsWith("explain-")), wording.toString());
        assertTrue(decision.stream().noneMatch(id -> id.startsWith("explain-")), decision.toString());
        assertFalse(wording.isEmpty());
        assertFalse(rules.shared());
        assertEquals(rules.allRules().size(), decision.size() + wording.size());
    }

    @Test
    void a_type_a_deciding_package_declares_for_the_wording_rules_keeps_them_in_one_knowledge_base(@TempDir Path tmp) throws Exception {
        // Given rules where a gate file declares a type that a wording rule matches
        Path dir = rulesWith(tmp, """

                declare Marker
                    name : String
                end

                rule "A marker for the wording rules"
                    @id("marker-made")
                    @section("A Decision Framework: Fine-Tune or Not")
                when
                    Gate( number == 1 )
                then
                    insertLogical(new Marker("m"));
                end
                """, """

                rule "A marker is seen by the wording rules"
                    @id("marker-seen")
                    @section("A Decision Framework: Fine-Tune or Not")
                when
                    gates.Marker()
                    Counterfactual()
                then
                end
                """);
        Path kyc = Path.of("facts/kyc-document-field-extraction-400-examples.yaml");
        // When they are compiled (declared types are never taken from the cache) and a counterfactual is worded
        CompiledRules rules = CompiledRules.load(dir, KieBaseCache.at(tmp.resolve("cache")));
        Result worded = evaluateWithCounterfactuals(rules, kyc);
        // Then one knowledge base serves both, yet each session fired only its own kind of rule
        assertTrue(rules.shared());
        assertTrue(worded.rulesFired().contains("marker-made"), worded.rulesFired().toString());
        assertFalse(worded.wordedBy().isEmpty());
        assertTrue(worded.wordedBy().stream().allMatch(id -> id.startsWith("explain-")), worded.wordedBy().toString());
        assertTrue(worded.rulesFired().stream().noneMatch(id -> id.startsWith("explain-")), worded.rulesFired().toString());
        // and nothing was cached that could not be read back
        assertFalse(Files.exists(tmp.resolve("cache")) && Files.list(tmp.resolve("cache")).findAny().isPresent());
    }

    @Test
    void a_type_the_wording_package_declares_for_a_deciding_rule_keeps_them_in_one_knowledge_base(@TempDir Path tmp) throws Exception {
        // Given rules where the wording file declares a type that a gate rule makes
        Path dir = rulesWith(tmp, """

                rule "A note for the record"
                    @id("note-made")
                    @section("A Decision Framework: Fine-Tune or Not")
                when
                    Gate( number == 1 )
                then
                    insertLogical(new explain.Note("n"));
                end
                """, """

                declare Note
                    text : String
                end
                """);
        // When they are compiled and a use case is evaluated with its counterfactuals
        CompiledRules rules = CompiledRules.load(dir);
        Result worded = evaluateWithCounterfactuals(rules, Path.of("facts/kyc-document-field-extraction-400-examples.yaml"));
        // Then the deciding rule made its note, and the wording rules still worded the search
        assertTrue(rules.shared());
        assertTrue(worded.rulesFired().contains("note-made"), worded.rulesFired().toString());
        assertFalse(worded.wordedBy().isEmpty());
    }

    /** A copy of the bundled rules with text added to the gates' framework file and to the wording file. */
    private static Path rulesWith(Path tmp, String gates, String wording) throws IOException {
        Path dir = tmp.resolve("rules");
        RuleIndex.copy(TestRules.RULES, dir);
        Files.writeString(dir.resolve("gates/framework.drl"), gates, StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("explain/counterfactuals.drl"), wording, StandardOpenOption.APPEND);
        return dir;
    }

    private static Result evaluateWithCounterfactuals(CompiledRules rules, Path file) {
        List<FactReader.Loaded> cases = new ArrayList<>();
        new FactReader(rules.assumptions().costKeys()).readFile(file, cases::add, e -> { });
        Evaluator evaluator = new Evaluator(rules);
        Result result = evaluator.evaluate(cases.get(0).useCase(), file.toString());
        return new Counterfactuals(evaluator).attach(cases.get(0).useCase(), result, "FINE_TUNE");
    }
}
