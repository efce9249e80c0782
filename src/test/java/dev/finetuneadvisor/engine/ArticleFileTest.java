package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Article;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rules/article.yaml: the article's headings as the rules cite them, and the errors of a broken file. */
class ArticleFileTest {
    @Test
    void the_bundled_article_has_its_headings_in_article_order_with_their_sub_headings() throws Exception {
        // Given the bundled article file
        Article article = ArticleFile.load(TestRules.RULES);
        // Then it is the article, with its four failure modes, four paying cases, three infrastructure parts and six questions
        assertEquals("Is Fine-Tuning Worth It for Your Use Case? Probably Not.", article.title());
        assertEquals("Mahmoud Zalt", article.author());
        assertEquals(List.of(4, 4, 3, 6), article.headings().stream().map(h -> h.subheadings().size()).filter(n -> n > 0).toList());
        assertEquals("The 4 Times Fine-Tuning Is Not Worth It / 3. Your Eval Harness Does Not Exist Yet",
                article.headings().get(1).subheadings().get(2).path());
        assertEquals(2, article.headings().get(1).subheadings().get(2).level());
        assertEquals(article.paths().size(), Set.copyOf(article.paths()).size());
    }

    @Test
    void every_bundled_heading_is_a_line_of_the_article_text_it_names() throws Exception {
        // Given the article's text where article.yaml says it is kept (only on machines that hold it)
        Article article = ArticleFile.load(TestRules.RULES);
        Path source = Path.of(article.sourceFile());
        assumeTrue(Files.isRegularFile(source), "the article's text is not on this machine: " + source);
        byte[] bytes = Files.readAllBytes(source);
        // Then it is the version the headings were copied from, and each heading is one of its lines, as written
        assertEquals(article.sourceSha256(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        List<String> notALine = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (Article.Heading h : article.all()) {
            int line = lines.indexOf(h.text());
            if (line < 0) {
                notALine.add(h.text());
            }
            at.add(line);
        }
        assertEquals(List.of(), notALine);
        // in the article's order
        List<Integer> sorted = new ArrayList<>(at);
        sorted.sort(null);
        assertEquals(sorted, at);
    }

    @Test
    void a_broken_file_is_reported_at_each_place_it_is_wrong(@TempDir Path dir) throws Exception {
        // Given an article file with a heading holding the path separator, a blank heading, a bad checksum and an unknown key
        Files.writeString(dir.resolve(ArticleFile.NAME), """
                title: "T"
                author: "A"
                source: { sha256: "abc" }
                sections:
                  - heading: "One / Two"
                  - heading: " "
                  - heading: "Three"
                    sub: []
                """);
        List<RuleProblem> problems = new ArrayList<>();
        // When it is read
        Article article = ArticleFile.read(dir.resolve(ArticleFile.NAME), "article.yaml", problems);
        // Then it is unusable, and each problem has its line
        assertNull(article);
        assertEquals(List.of(3, 5, 6, 8), problems.stream().map(RuleProblem::line).toList(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.severity() == RuleProblem.Severity.ERROR));
    }

    @Test
    void a_file_without_headings_or_title_says_what_is_missing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ArticleFile.NAME), "author: \"A\"\nsections: []\n");
        List<RuleProblem> problems = new ArrayList<>();
        assertNull(ArticleFile.read(dir.resolve(ArticleFile.NAME), "article.yaml", problems));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("'title:'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.line() == 2), problems.toString());
    }
}
