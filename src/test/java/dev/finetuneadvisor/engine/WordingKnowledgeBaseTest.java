package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.model.Result;
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
        assertEquals(rules.allRules().size(), decision.size() + wording.size());
    }

    @Test
    void a_type_a_deciding_package_declares_for_the_wording_rules_keeps_them_in_one_knowledge_base(@TempDir Path tmp) throws Exception {
        // Given rules where a gate file declares a type that a wording rule matches
        Path dir = tmp.resolve("rules");
        RuleIndex.copy(TestRules.RULES, dir);
        Files.writeString(dir.resolve("gates/framework.drl"), """

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
                """, StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("explain/counterfactuals.drl"), """

                rule "A marker is seen by the wording rules"
                    @id("marker-seen")
                    @section("A Decision Framework: Fine-Tune or Not")
                when
                    gates.Marker()
                    Counterfactual()
                then
                end
                """, StandardOpenOption.APPEND);
        Path kyc = Path.of("facts/kyc-document-field-extraction-400-examples.yaml");
        // When they are compiled (declared types are never taken from the cache) and a counterfactual is worded
        {
            CompiledRules rules = CompiledRules.load(dir, KieBaseCache.at(tmp.resolve("cache")));
            List<FactReader.Loaded> cases = new ArrayList<>();
            new FactReader(rules.assumptions().costInputs().keySet()).readFile(kyc, cases::add, e -> { });
            Evaluator evaluator = new Evaluator(rules);
            Result result = evaluator.evaluate(cases.get(0).useCase(), kyc.toString());
            Result worded = new Counterfactuals(evaluator).attach(cases.get(0).useCase(), result, Counterfactuals.FINE_TUNE);
            // Then the wording rules saw the declared type
            assertTrue(worded.wordedBy().contains("marker-seen"), worded.wordedBy().toString());
        }
    }
}
