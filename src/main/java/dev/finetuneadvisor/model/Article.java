package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The article the rules encode, from {@code rules/article.yaml}: its title, author, where its text is kept,
 * and its headings as a tree in article order. A rule cites a heading by its {@linkplain Heading#path()
 * path}; {@link #paths()} are all the paths a rule may cite.
 *
 * @param title the article's title
 * @param author who wrote it
 * @param sourceFile where the text the headings were copied from is kept, or null
 * @param sourceSha256 the SHA-256 of that text (hex), or null
 * @param headings the top-level headings in article order, each with its sub-headings
 */
@JsonPropertyOrder({"title", "author", "sourceFile", "sourceSha256", "headings"})
public record Article(String title, String author, String sourceFile, String sourceSha256, List<Heading> headings) {
    /** What joins the headings of a path: "Top heading / Sub heading". */
    public static final String SEPARATOR = " / ";

    /**
     * One heading of the article.
     *
     * @param text the heading as the article writes it
     * @param path the headings from the top down to this one, joined by {@link #SEPARATOR}: what a rule's
     *     {@code @section} names
     * @param level 1 for a top-level heading, 2 for its sub-headings, ...
     * @param subheadings the headings under it, in article order
     */
    @JsonPropertyOrder({"text", "path", "level", "subheadings"})
    public record Heading(String text, String path, int level, List<Heading> subheadings) {
        public Heading {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(path, "path");
            subheadings = List.copyOf(subheadings);
        }
    }

    public Article {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(author, "author");
        headings = List.copyOf(headings);
    }

    /** Every heading, in article order (each heading before its sub-headings). */
    public List<Heading> all() {
        List<Heading> out = new ArrayList<>();
        headings.forEach(h -> collect(h, out));
        return Collections.unmodifiableList(out);
    }

    private static void collect(Heading h, List<Heading> out) {
        out.add(h);
        h.subheadings().forEach(s -> collect(s, out));
    }

    /** Every heading path a rule may cite, in article order. */
    public List<String> paths() {
        return all().stream().map(Heading::path).toList();
    }

    /** The heading with this exact path. */
    public Optional<Heading> find(String path) {
        return Optional.ofNullable(byPath().get(path));
    }

    /** True when {@code path} is exactly the path of one of the article's headings. */
    public boolean has(String path) {
        return byPath().containsKey(path);
    }

    private Map<String, Heading> byPath() {
        Map<String, Heading> map = new LinkedHashMap<>();
        all().forEach(h -> map.putIfAbsent(h.path(), h));
        return map;
    }
}
