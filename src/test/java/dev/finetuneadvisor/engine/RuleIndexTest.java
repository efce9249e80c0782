package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule index reads rules as Drools' parser does, so comments and strings are not mistaken for rules or codes. */
class RuleIndexTest {
    private static final String DRL = """
            package gates;
            import dev.finetuneadvisor.model.*;

            // rule "Not a rule" when a comment says so then nothing
            rule "Knowledge tasks use retrieval" @id("verdict-use-rag") @section("Why Retrieval Beats Fine-Tuning for Knowledge")
                salience -300
            when
                GateResult( name == "knowledge-or-behavior", status == Status.FAIL )
            then
                // Recommendation.verdict(drools, "COMMENTED_OUT", "", "")
                insertLogical(Recommendation.verdict(drools, "USE_RAG", "Use RAG", "end of story"));
                String code = "NEEDS_INFO";
                insertLogical(Recommendation.advisory(drools, code, "then again"));
            end
            """;

    @Test
    void a_rule_is_read_with_its_positions_and_only_the_codes_its_consequence_writes() {
        // Given a DRL file whose comments and strings hold the words a line scanner would trip on
        // When it is indexed
        RuleIndex index = RuleIndex.of(Map.of("gates/rag.drl", DRL));
        // Then there is one rule, found where it is written
        assertEquals(1, index.rules().size());
        RuleIndex.Entry rule = index.rules().get(0);
        assertEquals(5, rule.line());
        assertEquals(7, rule.whenLine());
        assertEquals(new RuleIndex.Position(5, 38), rule.at("id"));
        assertEquals(List.of("verdict USE_RAG"), rule.concludes().stream().filter(c -> c.startsWith("verdict")).toList());
        // and the codes are the literal ones in code, the variable one located at its argument
        assertEquals(Set.of("USE_RAG"), index.codes());
        RuleIndex.CodeUse variable = index.codeUses().stream().filter(c -> c.code() == null).findFirst().orElseThrow();
        assertEquals(new RuleIndex.Position(13, 51), variable.at());
        assertEquals(List.of("knowledge-or-behavior"), index.gateNames().stream().map(RuleIndex.Literal::value).toList());
    }
}
