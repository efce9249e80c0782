package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Article;
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

    @Test
    void every_rule_cites_a_heading_path_of_the_article_file() throws Exception {
        // Given the article's headings and the compiled bundled rules, deciding and wording alike
        Article article = TestRules.compiled().article();
        // When each rule's section, as the engine carries it, is looked up
        List<String> stray = new ArrayList<>();
        for (Rule rule : TestRules.compiled().allRules()) {
            Object section = rule.getMetaData().get("section");
            if (section == null || !article.has(section.toString())) {
                stray.add(rule.getName() + ": " + section);
            }
        }
        // Then every one is a heading path
        assertEquals(List.of(), stray);
    }
}
