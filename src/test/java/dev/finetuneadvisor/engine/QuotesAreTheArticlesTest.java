package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Article;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.Provenance;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every sentence {@code rules/assumptions.yaml} quotes as the article's is in the article, word for word (runs
 * of white space aside; "..." joins quoted parts), and every number marked as the article's is in the sentence it
 * quotes (a range's ends for a number chosen within it): a number marked as the article's cannot rest on an
 * invented or misremembered quote, nor drift from it. The first runs where the article's text is kept
 * (article.yaml names the file).
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

    @Test
    void every_number_marked_as_the_articles_is_in_its_quote() {
        // Given every number the file says is the article's (or chosen within the article's range)
        Assumptions a = TestRules.compiled().assumptions();
        List<String> notInQuote = new ArrayList<>();
        for (String name : a.names()) {
            Provenance p = a.provenance(name);
            String said = p.quote() + " " + (p.note() == null ? "" : p.note());
            // When its value (an article number) or its range's ends (a chosen number) are looked for in what it quotes
            List<Double> numbers = switch (p.kind()) {
                case ARTICLE -> List.of(a.num(name));
                case RANGE -> List.of(p.low(), p.high());
                default -> List.of();
            };
            for (double n : numbers) {
                if (ways(n).stream().noneMatch(w -> written(said, w))) {
                    notInQuote.add(name + ": " + n + " not in \"" + p.quote() + "\"");
                }
            }
        }
        // Then each is there, as the article writes it (1,000, 1k, 5M, $2.50, 10%, four)
        assertEquals(List.of(), notInQuote);
    }

    /** True when {@code way} stands in {@code text} as a number of its own: 50 is not in "500" nor in "2.50". */
    private static boolean written(String text, String way) {
        String edge = Character.isLetter(way.charAt(0)) ? "\\b" : "(?<![0-9.,])";
        return Pattern.compile(edge + Pattern.quote(way) + "(?![0-9]|[.,][0-9])").matcher(text).find();
    }

    /** The ways the article writes a number. */
    private static List<String> ways(double n) {
        List<String> out = new ArrayList<>();
        out.add(BigDecimal.valueOf(n).stripTrailingZeros().toPlainString());
        out.add(String.format(Locale.ROOT, "%.2f", n));
        if (n == Math.rint(n)) {
            long i = (long) n;
            out.add(String.format(Locale.ROOT, "%,d", i));
            if (i % 1_000_000 == 0) {
                out.add(i / 1_000_000 + "M");
            }
            if (i % 1000 == 0) {
                out.add(i / 1000 + "k");
            }
            String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
            if (i >= 0 && i < words.length) {
                out.add(words[(int) i]);
            }
        }
        if (n > 0 && n < 1) {
            out.add(BigDecimal.valueOf(n * 100).stripTrailingZeros().toPlainString() + "%");
        }
        return out;
    }
}
