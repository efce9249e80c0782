package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.engine.CompiledRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The rules this process compiled or read already, by the content of their directory: a command run again
 * in the same process on rules that did not change ({@code advise --watch} after an edit to a fact file, the
 * many command-line runs of the test suite) reuses them instead of reading and assembling them again. The
 * key is a SHA-256 of every file below the rules directory (path and bytes), so any edit, to a rule or to a
 * YAML file beside the rules, misses. At most {@link #MAX_ENTRIES} are kept, least recently used dropped.
 */
final class CompiledRulesMemo {
    /** Rule sets kept: a watch session holds one or two, a test run a handful at a time. */
    static final int MAX_ENTRIES = 8;

    private static final Map<String, CompiledRules> ENTRIES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledRules> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private CompiledRulesMemo() {
    }

    /** The key of a rules directory as it is now; null when it cannot be read (then nothing is reused). */
    static String key(Path directory) {
        if (!Files.isDirectory(directory)) {
            return null;
        }
        try (Stream<Path> walk = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(directory.toAbsolutePath().normalize().toUri().toString().getBytes(StandardCharsets.UTF_8));
            for (Path f : files) {
                sha.update((byte) 0);
                sha.update(directory.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | UncheckedIOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static synchronized CompiledRules get(String key) {
        return key == null ? null : ENTRIES.get(key);
    }

    static synchronized void put(String key, CompiledRules rules) {
        if (key != null) {
            ENTRIES.put(key, rules);
        }
    }
}
