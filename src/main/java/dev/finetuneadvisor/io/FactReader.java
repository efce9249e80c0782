package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.finetuneadvisor.model.CostKeys;
import dev.finetuneadvisor.model.EditDistance;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.UseCase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads fact files strictly into use cases. A file holds one use case, or a portfolio: a mapping with a
 * {@code useCases:} list (and optional {@code title:} and {@code description:}), or a bare list. Every
 * problem becomes an {@link InputError} with file, line, column and field, and reading goes on: every
 * field-level mistake of a use case is reported, in input order, and a bad use case in a portfolio does not
 * lose the good ones beside it. A file that does not parse (a syntax error, an alias, a limit) stops at that
 * first problem.
 */
public final class FactReader {
    /** File endings read when a directory is walked. */
    public static final List<String> FACT_FILE_ENDINGS = List.of(".yaml", ".yml", ".json", ".jsonl");

    private static final Set<String> PORTFOLIO_FIELDS = Set.of("useCases", "title", "description");

    /** A use case as read, with where it came from. */
    public record Loaded(UseCase useCase, String file, int line) {
    }

    /** Everything read from some paths: the use cases in order and every error. */
    public record Batch(List<Loaded> useCases, List<InputError> errors) {
    }

    private final ObjectMapper yaml = FactFormat.yaml();
    private final ObjectMapper json = FactFormat.json();
    private final CostKeys costKeys;
    private final JsonLines jsonLines;

    /** @param costKeys the names a use case's {@code costs:} section may use ({@link dev.finetuneadvisor.model.Assumptions#costKeys()}) */
    public FactReader(CostKeys costKeys) {
        this.costKeys = Objects.requireNonNull(costKeys, "costKeys");
        this.jsonLines = new JsonLines(costKeys);
    }

    /**
     * Reads every path (files as given, directories walked in sorted order), then rejects later use cases
     * whose id repeats an earlier one.
     */
    public Batch readAll(List<Path> paths) {
        List<Loaded> cases = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        for (Path file : expand(paths, errors)) {
            readFile(file, cases::add, errors::add);
        }
        Map<String, Loaded> seen = new HashMap<>();
        List<Loaded> unique = new ArrayList<>();
        for (Loaded c : cases) {
            Loaded first = seen.putIfAbsent(c.useCase().getId(), c);
            if (first == null) {
                unique.add(c);
            } else {
                errors.add(new InputError(c.file(), c.line(), 0, "id", c.useCase().getId(),
                        "duplicate id '" + c.useCase().getId() + "': already used at " + first.file() + ":" + first.line()
                                + "; ids must be unique in a run"));
            }
        }
        return new Batch(unique, errors);
    }

    /**
     * The fact files a list of paths names: files as given, directories walked, sorted. Missing paths, and
     * folders or files below a directory that cannot be read, are errors; everything readable is still listed.
     * A named pipe or device is taken when its name ends in {@code .jsonl} (read as a stream).
     */
    public static List<Path> expand(List<Path> paths, List<InputError> errors) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> found = new ArrayList<>();
                try {
                    Files.walkFileTree(path, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                            new SimpleFileVisitor<>() {
                                @Override
                                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                                    if (Files.isRegularFile(file) && isFactFile(file)) {
                                        found.add(file);
                                    }
                                    return FileVisitResult.CONTINUE;
                                }

                                @Override
                                public FileVisitResult visitFileFailed(Path file, IOException e) {
                                    errors.add(new InputError(show(file), 0, 0, null, null, "cannot read: " + reason(e)));
                                    return FileVisitResult.CONTINUE;
                                }
                            });
                } catch (IOException e) {
                    errors.add(new InputError(show(path), 0, 0, null, null, "cannot read directory: " + reason(e)));
                }
                found.sort(null);
                files.addAll(found);
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.exists(path) && path.getFileName() != null
                    && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
                files.add(path);   // a named pipe: JSON Lines are read as a stream
            } else if (Files.exists(path)) {
                errors.add(new InputError(show(path), 0, 0, null, null,
                        "not a regular file (a pipe or a device); to read JSON Lines from a pipe, give '-' and send them to stdin"));
            } else {
                errors.add(new InputError(show(path), 0, 0, null, null, "no such file or directory"));
            }
        }
        return files;
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean isFactFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && FACT_FILE_ENDINGS.stream().anyMatch(name::endsWith);
    }

    /** How a path is named in reports: as given, with forward slashes. */
    public static String show(Path path) {
        return path.normalize().toString().replace('\\', '/');
    }

    /** Reads one fact file, handing each use case and each error on as it is found. */
    public void readFile(Path file, Consumer<Loaded> cases, Consumer<InputError> errors) {
        String shown = show(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
            readJsonLines(file, shown, cases, errors);
            return;
        }
        try {
            long size = Files.size(file);
            if (size > FactFormat.MAX_FILE_BYTES) {
                errors.accept(new InputError(shown, 0, 0, null, null, "file is " + size + " bytes; the most a fact file may hold is "
                        + FactFormat.MAX_FILE_BYTES + " bytes (split it, or use JSON Lines)"));
                return;
            }
        } catch (IOException e) {
            errors.accept(new InputError(shown, 0, 0, null, null, "cannot read: " + e.getMessage()));
            return;
        }
        ObjectMapper mapper = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? json : yaml;
        read(m -> m.createParser(file.toFile()), mapper, shown, stem(file), cases, errors);
    }

    /**
     * Reads one YAML fact file given as text (a front end's answers, say), as {@link #readFile} reads a file: its use
     * cases and errors, named {@code name} (the default id is the name without its ending).
     */
    public void readYaml(String name, String text, Consumer<Loaded> cases, Consumer<InputError> errors) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > FactFormat.MAX_FILE_BYTES) {
            errors.accept(new InputError(name, 0, 0, null, null, "the text is " + bytes.length + " bytes; the most a fact file may hold is "
                    + FactFormat.MAX_FILE_BYTES + " bytes"));
            return;
        }
        int dot = name.lastIndexOf('.');
        read(m -> m.createParser(bytes), yaml, name, dot > 0 ? name.substring(0, dot) : name, cases, errors);
    }

    /**
     * Reads one fact file given as bytes (a request's body), JSON or YAML, as {@link #readFile} reads a file of that
     * kind: its use cases and errors, named {@code name}; a use case without an id gets {@code stem}.
     */
    public void readBytes(String name, String stem, byte[] bytes, boolean asJson, Consumer<Loaded> cases, Consumer<InputError> errors) {
        if (bytes.length > FactFormat.MAX_FILE_BYTES) {
            errors.accept(new InputError(name, 0, 0, null, null, "the body is " + bytes.length + " bytes; the most a fact file may hold is "
                    + FactFormat.MAX_FILE_BYTES + " bytes (send a portfolio as JSON Lines)"));
            return;
        }
        read(m -> m.createParser(bytes), asJson ? json : yaml, name, stem, cases, errors);
    }

    /** Where a fact file's text is read from: a file, or bytes given; a new parser for each pass over it. */
    private interface Source {
        JsonParser open(ObjectMapper mapper) throws IOException;
    }

    private void read(Source source, ObjectMapper mapper, String shown, String stem, Consumer<Loaded> cases, Consumer<InputError> errors) {
        // First pass: is it well-formed, free of aliases, and what shape? A problem ends the file here, located.
        Shape shape;
        try {
            shape = shape(mapper, source, shown);
        } catch (IOException e) {
            errors.accept(InputErrors.of(shown, null, e, null));
            return;
        }
        if (shape.problem() != null) {
            errors.accept(shape.problem());
            return;
        }
        boolean portfolio = shape.portfolio();
        ObjectReader reader = mapper.readerFor(UseCase.class).withAttribute(FactFormat.COST_KEYS, costKeys);
        try (JsonParser p = source.open(mapper)) {
            p.nextToken();
            if (!portfolio) {
                JsonLocation start = p.currentTokenLocation();
                readOne(reader, p, shown, stem, start, cases, errors);
                return;
            }
            boolean mapping = p.currentToken() == JsonToken.START_OBJECT;
            if (mapping && !toUseCases(p, shown, errors)) {
                return;
            }
            JsonStreamContext list = p.getParsingContext();
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null) {
                index++;
                JsonLocation start = p.currentTokenLocation();
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    errors.accept(new InputError(shown, start.getLineNr(), start.getColumnNr(), "useCases[" + index + "]", null,
                            "expected a use case (a mapping), got " + p.currentToken().asString()));
                    p.skipChildren();
                    continue;
                }
                if (!readOne(reader, p, shown, stem + "#" + index, start, cases, errors)) {
                    // skip what is left of the bad use case, to the end of its mapping
                    while (!(p.getParsingContext() == list && p.currentToken() == JsonToken.END_OBJECT)) {
                        if (p.nextToken() == null) {
                            return;
                        }
                    }
                }
            }
            if (mapping && p.currentToken() == JsonToken.END_ARRAY) {
                // the portfolio's fields after its list are checked as those before it
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    p.nextToken();
                    portfolioField(p, name, shown, errors);
                }
            }
        } catch (IOException e) {
            errors.accept(InputErrors.of(shown, null, e, null));
        }
    }

    /** A JSON Lines file, one line at a time (no size limit: only one line is held). */
    private void readJsonLines(Path file, String shown, Consumer<Loaded> cases,
                               Consumer<InputError> errors) {
        String stem = stem(file);
        try (InputStream in = Files.newInputStream(file)) {
            JsonLines.LineReader lines = new JsonLines.LineReader(in);
            for (JsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                JsonLines.Parsed parsed = jsonLines.parse(line, shown, stem + "#" + line.number());
                if (!parsed.errors().isEmpty()) {
                    parsed.errors().forEach(errors);
                } else {
                    cases.accept(parsed.loaded());
                }
            }
        } catch (IOException e) {
            errors.accept(new InputError(shown, 0, 0, null, null, "cannot read: " + e.getMessage()));
        }
    }

    /** What the first pass learns of a file: a use case or a portfolio, or the problem that stops it. */
    private record Shape(boolean portfolio, InputError problem) {
    }

    private static Shape shape(ObjectMapper mapper, Source source, String shown) throws IOException {
        try (JsonParser p = source.open(mapper)) {
            try {
                return shape(p, shown);
            } catch (JacksonException e) {
                // limits (nesting, sizes) are reported without a place: the parser knows where it stopped
                return new Shape(false, InputErrors.of(shown, null, e, p.currentLocation()));
            }
        }
    }

    private static Shape shape(JsonParser p, String shown) throws IOException {
        JsonToken root = null;
        boolean useCases = false;
        int depth = 0;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            root = root == null ? t : root;
            if (p instanceof YAMLParser yaml && (yaml.isCurrentAlias() || yaml.getObjectId() != null)) {
                JsonLocation at = p.currentTokenLocation();
                return new Shape(false, new InputError(shown, at.getLineNr(), at.getColumnNr(), null, null,
                        "YAML anchors and aliases (&name, *name) are not allowed in fact files; write the values out"));
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            } else if (t == JsonToken.FIELD_NAME && depth == 1 && "useCases".equals(p.currentName())) {
                useCases = true;
            }
        }
        if (root == null || root == JsonToken.VALUE_NULL) {
            return new Shape(false, new InputError(shown, 1, 1, null, null,
                    "empty file: expected a use case (a mapping) or a portfolio (useCases: [...])"));
        }
        if (root != JsonToken.START_OBJECT && root != JsonToken.START_ARRAY) {
            return new Shape(false, new InputError(shown, 1, 1, null, null,
                    "expected a use case (a mapping) or a portfolio (useCases: [...]), got a single value"));
        }
        return new Shape(root == JsonToken.START_ARRAY || useCases, null);
    }

    /** Moves from the portfolio mapping's start to its useCases list, checking the other fields. */
    private static boolean toUseCases(JsonParser p, String shown, Consumer<InputError> errors) throws IOException {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            if (name.equals("useCases")) {
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    JsonLocation at = p.currentTokenLocation();
                    errors.accept(new InputError(shown, at.getLineNr(), at.getColumnNr(), "useCases", null, "expected a list of use cases"));
                    return false;
                }
                return true;
            }
            p.nextToken();
            portfolioField(p, name, shown, errors);
        }
        return false;
    }

    /**
     * A portfolio field other than useCases (the parser on its value): an unknown one is an error, and so is a
     * title or description that is not text (the schema of fact files says the same); its value is skipped.
     */
    private static void portfolioField(JsonParser p, String name, String shown, Consumer<InputError> errors) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        if (!PORTFOLIO_FIELDS.contains(name)) {
            String suggestion = EditDistance.near(name, PORTFOLIO_FIELDS);
            errors.accept(new InputError(shown, at.getLineNr(), at.getColumnNr(), name, null, "unknown portfolio field '" + name + "'"
                    + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)") + "; allowed here: description, title, useCases"));
        } else if (p.currentToken() != JsonToken.VALUE_STRING && p.currentToken() != JsonToken.VALUE_NULL) {
            errors.accept(new InputError(shown, at.getLineNr(), at.getColumnNr(), name, null,
                    "expected text, got " + (p.currentToken().isStructStart() ? "a " + (p.currentToken() == JsonToken.START_ARRAY ? "list" : "mapping")
                            : "'" + p.getText() + "'") + "; write the " + name + " as text (in quotes if it looks like a number)"));
        }
        p.skipChildren();
    }

    private boolean readOne(ObjectReader reader, JsonParser p, String shown, String defaultId, JsonLocation start,
                            Consumer<Loaded> cases, Consumer<InputError> errors) {
        UseCase useCase;
        try {
            useCase = reader.readValue(p);
        } catch (IOException | IllegalArgumentException e) {
            InputErrors.all(shown, e, p.currentTokenLocation()).forEach(errors);
            return false;
        }
        if (useCase.getId() == null || useCase.getId().isBlank()) {
            useCase.setId(defaultId);
        }
        cases.accept(new Loaded(useCase, shown, start.getLineNr()));
        return true;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
