package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kie.api.definition.rule.Rule;
import org.junit.jupiter.api.Test;

class RuleMetadataTest {
    @Test
    void every_rule_carries_a_unique_id_and_an_article_section() {
        // Given the compiled bundled rules
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int rules = 0;
        // When every rule's metadata is read
        for (Rule rule : TestRules.compiled().allRules()) {
            rules++;
            Object id = rule.getMetaData().get("id");
            Object section = rule.getMetaData().get("section");
            if (id == null || id.toString().isBlank()) {
                problems.add(rule.getName() + ": no @id");
            } else if (!ids.add(id.toString())) {
                problems.add(rule.getName() + ": duplicate @id " + id);
            }
            if (section == null || section.toString().isBlank()) {
                problems.add(rule.getName() + ": no @section");
            }
        }
        // Then none is missing either
        assertTrue(rules >= 50, "expected the whole framework, found " + rules + " rules");
        assertEquals(List.of(), problems);
    }
}
