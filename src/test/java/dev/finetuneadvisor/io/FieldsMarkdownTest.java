package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/fact-fields.md holds the catalogue's table as generated from rules/fields.yaml: an edit to the
 * catalogue that is not carried to the page fails here. Run with {@code -Dupdate.docs=true} to rewrite it.
 */
class FieldsMarkdownTest {
    private static final Path PAGE = Path.of("docs/fact-fields.md");
    private static final String START = "<!-- generated from rules/fields.yaml: start -->\n";
    private static final String END = "<!-- generated from rules/fields.yaml: end -->";

    @Test
    void the_docs_page_shows_the_catalogue_as_it_is() throws Exception {
        // Given the page and the table generated from the bundled catalogue
        String page = Files.readString(PAGE);
        int from = page.indexOf(START);
        int to = page.indexOf(END);
        assertTrue(from >= 0 && to > from, "the page needs the generated-table markers");
        String table = FieldsMarkdown.table(TestRules.compiled().fields());
        String fresh = page.substring(0, from + START.length()) + table + page.substring(to);
        if (Boolean.getBoolean("update.docs")) {
            Files.writeString(PAGE, fresh);
            page = fresh;
        }
        // Then the page's copy is the generated one, with a row for every field
        assertEquals(fresh, page, "docs/fact-fields.md is stale: run mvn test -Dtest=FieldsMarkdownTest -Dupdate.docs=true");
        assertEquals(TestRules.compiled().fields().fields().size() + 2, table.lines().count());
    }
}
