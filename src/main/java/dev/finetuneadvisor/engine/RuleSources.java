package dev.finetuneadvisor.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The DRL files of a rules directory, found and read: each with the path users see, the path the
 * KieFileSystem wants (under its package's folder), and its text. Works on any file system, so the rules
 * may also sit inside the jar ({@code Advisor.bundledRules()}).
 */
public final class RuleSources {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);

    /**
     * One DRL file.
     *
     * @param shown its path as reports show it (the rules directory as given, then the file's path in it)
     * @param relative its path inside the rules directory, with {@code /}
     * @param kiePath where it goes in the KieFileSystem, below {@code src/main/resources/}
     * @param text its content
     */
    public record Source(String shown, String relative, String kiePath, String text) {
    }

    private final List<Source> files;

    private RuleSources(List<Source> files) {
        this.files = List.copyOf(files);
    }

    /** Every {@code .drl} file below {@code directory}, read as UTF-8, in path order. */
    public static RuleSources read(Path directory) {
        List<Source> files = new ArrayList<>();
        for (Path drl : drlFiles(directory)) {
            String text;
            try {
                text = Files.readString(drl, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String relative = directory.relativize(drl).toString().replace('\\', '/');
            files.add(new Source(display(directory, drl), relative, kiePath(relative, drl.getFileName().toString(), text), text));
        }
        return new RuleSources(files);
    }

    public List<Source> files() {
        return files;
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The texts by their path inside the directory: what the compiled-rules cache keys on. */
    public Map<String, String> byRelativePath() {
        Map<String, String> texts = new LinkedHashMap<>();
        files.forEach(f -> texts.put(f.relative(), f.text()));
        return texts;
    }

    /** The texts by their shown path: what the DRL parser reads and messages are located in. */
    public Map<String, String> byShownPath() {
        Map<String, String> texts = new LinkedHashMap<>();
        files.forEach(f -> texts.put(f.shown(), f.text()));
        return texts;
    }

    /** Every .drl file below the directory, in a stable order. */
    static List<Path> drlFiles(Path directory) {
        // links are followed (a rules directory, or a folder in it, may be a symbolic link); a loop is an error
        try (Stream<Path> walk = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a file of the rules directory is shown: the directory as given, then the file's path in it. */
    static String display(Path directory, Path file) {
        return directory.resolve(directory.relativize(file)).toString().replace('\\', '/');
    }

    /** Where a DRL goes in the KieFileSystem: under its package's folder, as Drools expects. */
    private static String kiePath(String relative, String name, String text) {
        Matcher m = PACKAGE.matcher(text);
        return m.find() ? m.group(1).replace('.', '/') + "/" + name : relative;
    }
}
