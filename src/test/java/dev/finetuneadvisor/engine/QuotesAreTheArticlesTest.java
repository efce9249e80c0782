package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Article;
import dev.finetuneadvisor.model.Assumptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every sentence {@code rules/assumptions.yaml} quotes as the article's is in the article, word for word (runs
 * of white space aside; "..." joins quoted parts): a number marked as the article's cannot rest on an invented
 * or misremembered quote. Runs where the article's text is kept (article.yaml names the file).
 */
class QuotesAreTheArticlesTest {
    @Test
    void every_quote_in_the_assumptions_is_in_the_article() throws Exception {
        // Given the article's text
        Article article = ArticleFile.load(TestRules.RULES);
        Path source = Path.of(article.sourceFile());
        assumeTrue(Files.isRegularFile(source), "the article's text is not on this machine: " + source);
        String text = normal(Files.readString(source, StandardCharsets.UTF_8));
        // When every quote is looked up
        Assumptions a = TestRules.compiled().assumptions();
        List<String> notFound = new ArrayList<>();
        int quotes = 0;
        for (String name : a.names()) {
            String quote = a.provenance(name).quote();
            if (quote == null) {
                continue;
            }
            quotes++;
            for (String part : quote.split("\\.\\.\\.|…")) {
                if (!part.isBlank() && !text.contains(normal(part))) {
                    notFound.add(name + ": \"" + part.strip() + "\"");
                }
            }
        }
        // Then each is there
        assertTrue(quotes >= 20, "the assumptions should quote the article");
        assertEquals(List.of(), notFound);
    }

    private static String normal(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
