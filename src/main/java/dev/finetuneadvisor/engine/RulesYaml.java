package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * How every YAML file of a rules directory is read ({@code assumptions.yaml}, {@code fields.yaml},
 * {@code article.yaml}, {@code reports.yaml}): strictly, a repeated key being an error, and through
 * {@link Files} so the file may sit inside the jar (the bundled rules).
 */
public final class RulesYaml {
    private static final YAMLFactory FACTORY = factory();

    private RulesYaml() {
    }

    private static YAMLFactory factory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(false);
        return YAMLFactory.builder().loaderOptions(loader).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** A parser over the file; closing it closes the file. */
    public static JsonParser open(Path file) throws IOException {
        return FACTORY.createParser(Files.newInputStream(file));
    }

    /**
     * The file's first syntax error (a YAML mistake, a repeated key), located, or null when it parses. Readers ask
     * this before reading a file field by field, so a syntax error is reported alone: the values half-read up to it
     * and everything missing after it would only bury it.
     */
    public static RuleProblem syntaxProblem(InputStream in, String shown) {
        try (JsonParser p = FACTORY.createParser(in)) {
            while (p.nextToken() != null) {
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            JsonLocation at = e instanceof JacksonException je ? je.getLocation() : null;
            String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            return error(shown, at, oneLine(message));
        }
    }

    /** An error in a YAML file of the rules at the parser's location (line and column 0 when not known). */
    public static RuleProblem error(String shown, JsonLocation at, String message) {
        int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
        int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
        return new RuleProblem(RuleProblem.Severity.ERROR, shown, line, column, message == null ? "unreadable" : message.strip());
    }

    /**
     * The YAML parser's message on one line: it quotes the line with a caret under the place and says where
     * ("in 'reader', line 4"), which the problem's file:line:column already does; what is left is what is wrong
     * ("while parsing a flow sequence; expected ',' or ']', but got a block mapping").
     */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        String said = String.join("; ", message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).toList());
        return said.isEmpty() ? message.strip().lines().findFirst().orElse("unreadable") : said;
    }

    /** {@link #syntaxProblem(InputStream, String)} of a file; a file that cannot be read is left to the reader to report. */
    public static RuleProblem syntaxProblem(Path file, String shown) {
        try {
            return syntaxProblem(Files.newInputStream(file), shown);
        } catch (IOException e) {
            return null;
        }
    }

    /** A parser over bytes read already (a file whose bytes are kept as read), as strict as over a file. */
    public static JsonParser open(InputStream in) throws IOException {
        return FACTORY.createParser(in);
    }
}
