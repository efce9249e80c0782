package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.Article;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules grouped under the article's headings, in article order: what each part of the article has
 * become, and which parts no rule cites. A rule sits under the heading its {@code @section} names; a rule
 * whose section is no heading of the article (which {@code advisor check} reports) is kept apart, so that
 * no rule goes missing from the listing.
 *
 * @param article the article
 * @param sections one node per top-level heading, in article order
 * @param notInArticle the rules whose {@code @section} is not a heading path of the article, in file and line order
 */
public record RulesBySection(Article article, List<Node> sections, List<RuleIndex.Entry> notInArticle) {

    /**
     * One heading with the rules that cite it.
     *
     * @param heading the heading
     * @param rules the rules whose {@code @section} is this heading's path, in file and line order
     * @param rulesBelow how many rules cite the headings under this one (at any depth)
     * @param sections its sub-headings, in article order
     */
    public record Node(Article.Heading heading, List<RuleIndex.Entry> rules, int rulesBelow, List<Node> sections) {
        public Node {
            Objects.requireNonNull(heading, "heading");
            rules = List.copyOf(rules);
            sections = List.copyOf(sections);
        }
    }

    public RulesBySection {
        Objects.requireNonNull(article, "article");
        sections = List.copyOf(sections);
        notInArticle = List.copyOf(notInArticle);
    }

    /** Groups the rules of {@code index} under the headings of {@code article}. */
    public static RulesBySection of(Article article, RuleIndex index) {
        Map<String, List<RuleIndex.Entry>> byPath = new LinkedHashMap<>();
        List<RuleIndex.Entry> elsewhere = new ArrayList<>();
        for (RuleIndex.Entry r : index.rules()) {
            if (article.has(r.section())) {
                byPath.computeIfAbsent(r.section(), p -> new ArrayList<>()).add(r);
            } else {
                elsewhere.add(r);
            }
        }
        List<Node> nodes = article.headings().stream().map(h -> node(h, byPath)).toList();
        return new RulesBySection(article, nodes, elsewhere);
    }

    private static Node node(Article.Heading h, Map<String, List<RuleIndex.Entry>> byPath) {
        List<Node> children = h.subheadings().stream().map(s -> node(s, byPath)).toList();
        int below = children.stream().mapToInt(c -> c.rules().size() + c.rulesBelow()).sum();
        return new Node(h, byPath.getOrDefault(h.path(), List.of()), below, children);
    }

    /** Every node, in article order (each heading before its sub-headings). */
    public List<Node> all() {
        List<Node> out = new ArrayList<>();
        sections.forEach(n -> collect(n, out));
        return out;
    }

    private static void collect(Node n, List<Node> out) {
        out.add(n);
        n.sections().forEach(c -> collect(c, out));
    }

    /** The headings no rule cites, in article order. */
    public List<Article.Heading> uncited() {
        return all().stream().filter(n -> n.rules().isEmpty()).map(Node::heading).toList();
    }
}
