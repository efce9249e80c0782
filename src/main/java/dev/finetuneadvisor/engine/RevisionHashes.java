package dev.finetuneadvisor.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The content hashes a result carries (see {@link dev.finetuneadvisor.model.Revisions}), made so that anyone can
 * recompute them with {@code sha256sum} (docs/json-output.md shows the commands):
 * <ul>
 *   <li>rules: every {@code .drl}, {@code .yaml} and {@code .yml} file below the rules directory but the
 *   assumptions, listed as {@code sha256sum} lists them ({@code <hex>  <path inside the directory>}, one a line,
 *   sorted by path), and that list hashed;</li>
 *   <li>assumptions: the SHA-256 of each assumption file in the order applied, one a line, and that list hashed.</li>
 * </ul>
 * Each is the first {@value #LENGTH} hex digits. Unlike the compiled-rules cache key, neither mixes in the jar, the
 * Drools or the Java version: the same files give the same revision on every machine.
 */
public final class RevisionHashes {
    /** Hex digits kept of a hash: 48 bits, so two revisions of one rule base do not collide in practice. */
    public static final int LENGTH = 12;
    private static final String VERSION_RESOURCE = "/dev/finetuneadvisor/advisor.properties";
    private static final List<String> RULE_FILE_ENDINGS = List.of(".drl", ".yaml", ".yml");
    private static final String VERSION = readVersion();

    private RevisionHashes() {
    }

    /** The advisor's version, as the build wrote it from the project's version; {@code unknown} in a build without it. */
    public static String advisorVersion() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = RevisionHashes.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            // an unfiltered copy (a build that skipped resource filtering) still says ${project.version}
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The revision of the rule files below {@code directory}.
     *
     * @param excluded paths inside the directory (with {@code /}) that are not rule files: the assumptions
     */
    public static String rules(Path directory, Set<String> excluded) {
        StringBuilder list = new StringBuilder();
        try (Stream<Path> walk = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            List<String> files = walk.filter(Files::isRegularFile)
                    .map(p -> directory.relativize(p).toString().replace('\\', '/'))
                    .filter(RevisionHashes::isRuleFile)
                    .filter(p -> !excluded.contains(p))
                    .sorted()
                    .toList();
            for (String relative : files) {
                list.append(hex(Files.readAllBytes(directory.resolve(relative)))).append("  ").append(relative).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules in " + directory + " to hash them", e);
        }
        return hex(list.toString().getBytes(StandardCharsets.UTF_8)).substring(0, LENGTH);
    }

    /** The revision of the assumption files, in the order they are applied (a later one overrides an earlier). */
    public static String assumptions(Collection<Path> sources) {
        List<byte[]> contents = new ArrayList<>();
        for (Path source : sources) {
            try {
                contents.add(Files.readAllBytes(source));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + " to hash it", e);
            }
        }
        return assumptionContents(contents);
    }

    /**
     * The revision of assumption files given by their contents as read, in the order they are applied: the same
     * value as {@link #assumptions(Collection)} on files holding those bytes.
     */
    public static String assumptionContents(List<byte[]> contents) {
        StringBuilder list = new StringBuilder();
        for (byte[] content : contents) {
            list.append(hex(content)).append('\n');
        }
        return hex(list.toString().getBytes(StandardCharsets.UTF_8)).substring(0, LENGTH);
    }

    /** As the compiler finds DRL files ({@link RuleSources}): by the name's ending, as written. */
    private static boolean isRuleFile(String relative) {
        return RULE_FILE_ENDINGS.stream().anyMatch(relative::endsWith);
    }

    private static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
