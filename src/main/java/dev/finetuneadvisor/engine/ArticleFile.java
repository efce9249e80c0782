package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.finetuneadvisor.model.Article;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code article.yaml}: the article's {@code title}, {@code author}, an optional {@code source}
 * ({@code file}, {@code sha256}) and {@code sections}, a list of {@code heading:} items each with optional
 * {@code sections:} of its own. Anything else (an unknown key, a blank heading, a heading holding the path
 * separator " / ", a path listed twice) is a problem reported at its line: the headings are what every
 * rule's {@code @section} is checked against.
 */
public final class ArticleFile {
    /** The file's name inside a rules directory. */
    public static final String NAME = "article.yaml";
    private static final String TOP_ALLOWED = "title, author, source, sections";
    private static final Set<String> SOURCE = Set.of("file", "sha256");

    private ArticleFile() {
    }

    /**
     * Reads the article of a rules directory.
     *
     * @throws RulesInvalidException with every problem found, located in the file, when it is missing or unusable
     */
    public static Article load(Path rulesDirectory) throws RulesInvalidException {
        List<RuleProblem> problems = new ArrayList<>();
        Path file = rulesDirectory.resolve(NAME);
        Article article = read(file, RuleSources.display(rulesDirectory, file), problems);
        if (article == null) {
            throw new RulesInvalidException(problems);
        }
        return article;
    }

    /**
     * Reads the article, adding any problem to {@code problems}.
     *
     * @param displayPath how the file is named in problems
     * @return the article, or null when the file is missing or unusable
     */
    public static Article read(Path file, String displayPath, List<RuleProblem> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 0, 0, "missing: the rules directory needs " + NAME
                    + ", the article's title, author and section headings, which every rule's @section is checked against"));
            return null;
        }
        Reader reader = new Reader(displayPath);
        Article article = null;
        try (JsonParser p = RulesYaml.open(file)) {
            article = reader.article(p);
        } catch (IOException e) {
            JsonLocation at = e instanceof JacksonException je ? je.getLocation() : null;
            String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            // the YAML parser's message goes on with a copy of the line and a caret: the position says as much
            reader.error(at, message == null || message.isBlank() ? "unreadable" : message.strip().lines().findFirst().orElse("").strip());
        }
        problems.addAll(reader.found);
        return reader.found.isEmpty() ? article : null;
    }

    /** One reading of the file: the problems found so far and the paths seen, with their lines. */
    private static final class Reader {
        final String shown;
        final List<RuleProblem> found = new ArrayList<>();
        final Map<String, Integer> paths = new HashMap<>();

        Reader(String shown) {
            this.shown = shown;
        }

        Article article(JsonParser p) throws IOException {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                error(p.currentTokenLocation(), "expected a mapping with 'title:', 'author:' and 'sections:'");
                return null;
            }
            String title = null;
            String author = null;
            String sourceFile = null;
            String sha256 = null;
            List<Article.Heading> headings = null;
            Set<String> seen = new HashSet<>();
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                JsonLocation at = p.currentTokenLocation();
                p.nextToken();
                seen.add(key);
                switch (key) {
                    case "title" -> title = text(p, at, "title");
                    case "author" -> author = text(p, at, "author");
                    case "source" -> {
                        if (p.currentToken() != JsonToken.START_OBJECT) {
                            error(at, "'source:' must be a mapping with 'file:' and/or 'sha256:'");
                            p.skipChildren();
                            break;
                        }
                        for (String s = p.nextFieldName(); s != null; s = p.nextFieldName()) {
                            JsonLocation sat = p.currentTokenLocation();
                            p.nextToken();
                            if (s.equals("file")) {
                                sourceFile = text(p, sat, "source.file");
                            } else if (s.equals("sha256")) {
                                sha256 = text(p, sat, "source.sha256");
                                if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
                                    error(sat, "source.sha256: expected 64 lower-case hexadecimal digits, got '" + sha256 + "'");
                                }
                            } else {
                                error(sat, "unknown key 'source." + s + "'; allowed: " + String.join(", ", SOURCE.stream().sorted().toList()));
                                p.skipChildren();
                            }
                        }
                    }
                    case "sections" -> headings = list(p, at, "", 1);
                    default -> {
                        error(at, "unknown key '" + key + "'; allowed: " + TOP_ALLOWED);
                        p.skipChildren();
                    }
                }
            }
            if (!seen.contains("title")) {
                found.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, 1, 1, "missing 'title:', the article's title"));
            }
            if (!seen.contains("author")) {
                found.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, 1, 1, "missing 'author:', who wrote the article"));
            }
            if (!seen.contains("sections")) {
                found.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, 1, 1, "missing 'sections:', the article's headings in article order"));
            }
            return found.isEmpty() ? new Article(title, author, sourceFile, sha256, headings) : null;
        }

        /** A {@code sections:} list: headings under {@code parent} ("" at the top). */
        List<Article.Heading> list(JsonParser p, JsonLocation at, String parent, int level) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                error(at, "'sections:' must be a list of items, each '- heading: \"...\"'");
                p.skipChildren();
                return List.of();
            }
            List<Article.Heading> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                JsonLocation itemAt = p.currentTokenLocation();
                if (t != JsonToken.START_OBJECT) {
                    error(itemAt, "a section must be a mapping '- heading: \"...\"' (with optional 'sections:'), got '" + p.getText() + "'");
                    p.skipChildren();
                    continue;
                }
                Article.Heading h = item(p, itemAt, parent, level);
                if (h != null) {
                    out.add(h);
                }
            }
            if (out.isEmpty() && level == 1 && found.isEmpty()) {
                error(at, "'sections:' lists no heading");
            }
            return out;
        }

        Article.Heading item(JsonParser p, JsonLocation itemAt, String parent, int level) throws IOException {
            String heading = null;
            boolean headingGiven = false;
            List<Article.Heading> subheadings = List.of();
            String path = null;
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                JsonLocation at = p.currentTokenLocation();
                p.nextToken();
                if (key.equals("heading")) {
                    headingGiven = true;
                    heading = text(p, at, "heading");
                    if (heading != null) {
                        path = heading(heading, at, parent);
                    }
                } else if (key.equals("sections")) {
                    // a path's parent is known only once its heading is read; 'heading:' comes first by convention
                    if (path == null) {
                        if (!headingGiven) {
                            error(at, "write 'heading:' before 'sections:' in a section");
                        }
                        // under a heading already reported as wrong, the sub-headings' paths would be wrong too
                        p.skipChildren();
                    } else {
                        subheadings = list(p, at, path, level + 1);
                    }
                } else {
                    error(at, "unknown key '" + key + "' in a section; allowed: heading, sections");
                    p.skipChildren();
                }
            }
            if (!headingGiven) {
                error(itemAt, "a section needs 'heading:', the heading as the article writes it");
                return null;
            }
            return heading == null || path == null ? null : new Article.Heading(heading, path, level, subheadings);
        }

        /** Checks one heading and returns its path, or null when it cannot be one. */
        String heading(String heading, JsonLocation at, String parent) {
            if (!heading.equals(heading.strip())) {
                error(at, "heading \"" + heading + "\" starts or ends with spaces; write it as the article does");
                return null;
            }
            if (heading.contains(Article.SEPARATOR)) {
                error(at, "heading \"" + heading + "\" contains \"" + Article.SEPARATOR + "\", which separates the headings of a path;"
                        + " put a sub-heading under 'sections:'");
                return null;
            }
            String path = parent.isEmpty() ? heading : parent + Article.SEPARATOR + heading;
            Integer first = paths.putIfAbsent(path, at.getLineNr());
            if (first != null) {
                error(at, "heading path \"" + path + "\" is already listed at line " + first);
                return null;
            }
            return path;
        }

        /** A string value, or null (with a problem) when it is not a non-blank text. */
        String text(JsonParser p, JsonLocation at, String what) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().isBlank()) {
                error(at, what + " is empty");
                return null;
            }
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                error(at, what + ": expected a text, got '" + (p.currentToken().isStructStart() ? "a " + (p.currentToken() == JsonToken.START_ARRAY ? "list" : "mapping") : p.getText()) + "'");
                p.skipChildren();
                return null;
            }
            return p.getText();
        }

        void error(JsonLocation at, String message) {
            int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
            int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
            found.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, line, column, message));
        }
    }
}
