package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finetuneadvisor.TestRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/numbers.md shows rules/assumptions.yaml as tables, between two markers. Run with
 * {@code -Dnumbers.update=true} to rewrite them after editing the file.
 */
class NumbersTableTest {
    private static final Path PAGE = Path.of("docs/numbers.md");
    private static final String BEGIN = "<!-- numbers table: generated from rules/assumptions.yaml by NumbersTableTest -->\n";
    private static final String END = "<!-- end of numbers table -->\n";

    @Test
    void the_numbers_page_shows_the_assumptions_file_as_it_is() throws Exception {
        // Given the page and the bundled assumptions
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        // When the tables are generated
        String fresh = NumbersTable.markdown(TestRules.compiled().assumptions());
        String expected = page.substring(0, begin + BEGIN.length()) + "\n" + fresh + "\n" + page.substring(end);
        if (Boolean.getBoolean("numbers.update")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        }
        // Then the page holds them unchanged
        assertEquals(expected, Files.readString(PAGE, StandardCharsets.UTF_8),
                "docs/numbers.md is stale: run mvn -o test -Dtest=NumbersTableTest -Dnumbers.update=true");
    }
}
