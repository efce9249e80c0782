package dev.finetuneadvisor.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * A cache of compiled rules, so that one run for one file does not pay for compiling the DRL again
 * (the compile is most of a cold start). The entry's name is a SHA-256 of every DRL file (path and
 * bytes), the Drools version, the project's version and the Java feature version: any change to a rule
 * gives a new key, so a stale entry is never used. Reading an entry that is missing, truncated or written
 * by another build fails over, silently, to compiling the rules as if there were no cache.
 *
 * <p>Where: the directory its caller chose (the command line's choice is in {@code cli.RulesOption}); a
 * library caller that gives none gets no cache. Entries are Java-serialized rule packages: the cache
 * directory must be writable by its user only, like any cache of code.
 */
final class KieBaseCache {
    private static final String VERSION = "finetune-advisor-kbase-3";
    /** Entries kept; each rules edit makes a new one, so older ones are deleted, least recently used first. */
    static final int MAX_ENTRIES = 16;

    private final Path directory;

    private KieBaseCache(Path directory) {
        this.directory = directory;
    }

    static KieBaseCache at(Path directory) {
        return new KieBaseCache(directory);
    }

    /** The key of a set of DRL texts (sorted by their path), with every version that changes what compiling gives. */
    static String key(Map<String, String> drlByPath) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, VERSION);
            update(sha, "drools " + versionOf(KieBase.class));
            update(sha, "project " + versionOf(KieBaseCache.class));
            update(sha, "java " + Runtime.version().feature());
            drlByPath.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                update(sha, e.getKey());
                update(sha, e.getValue());
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    /**
     * The version of the jar a class comes from (Implementation-Version) and the jar's path, size and time:
     * a rebuild of the same version (changed fact classes, say) changes it too.
     */
    private static String versionOf(Class<?> type) {
        Package p = type.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        try {
            Path where = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return version + "@" + where + ":" + Files.size(where) + ":" + Files.getLastModifiedTime(where).toMillis();
        } catch (Exception e) {
            return version + "@unknown";
        }
    }

    private Path entry(String key) {
        return directory.resolve("kbase-" + key + ".bin");
    }

    /**
     * The compiled rules for this key, or null when there is no usable entry. The decision packages are
     * read on this thread while the wording packages are read on another, so the two halves load in parallel.
     */
    Packages load(String key) {
        Path file = entry(key);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] decision;
        byte[] wording;
        boolean shared;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!VERSION.equals(in.readUTF()) || !key.equals(in.readUTF())) {
                return null;
            }
            shared = in.readBoolean();
            decision = in.readNBytes(in.readInt());
            wording = in.readNBytes(in.readInt());
        } catch (IOException | RuntimeException e) {
            return null;
        }
        CompletableFuture<List<KiePackage>> wordingPackages = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                wordingPackages.complete(read(wording));
            } catch (Exception | LinkageError e) {
                wordingPackages.completeExceptionally(e);
            }
        }, "advisor-rules-cache");
        reader.setDaemon(true);
        reader.start();
        try {
            List<KiePackage> decisionPackages = read(decision);
            touch(file);
            return new Packages(decisionPackages, wordingPackages.get(), shared);
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    /**
     * The two halves of the compiled rules: the packages that decide, and the explain packages that word
     * counterfactuals; {@code shared}: not split, every package is in {@code decision} and serves both.
     */
    record Packages(List<KiePackage> decision, List<KiePackage> wording, boolean shared) {
    }

    @SuppressWarnings("unchecked")
    private static List<KiePackage> read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (DroolsObjectInputStream objects = new DroolsObjectInputStream(new ByteArrayInputStream(bytes), KieBaseCache.class.getClassLoader())) {
            return (List<KiePackage>) objects.readObject();
        }
    }

    private static byte[] write(List<KiePackage> packages) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        try (DroolsObjectOutputStream objects = new DroolsObjectOutputStream(bytes)) {
            objects.writeObject(new ArrayList<>(packages));
        }
        return bytes.toByteArray();
    }

    /** Stores the compiled packages; a failure to write only means the next run compiles again. */
    void store(String key, Packages packages) {
        Path tmp = null;
        try {
            byte[] decision = write(packages.decision());
            byte[] wording = write(packages.wording());
            Files.createDirectories(directory);
            tmp = Files.createTempFile(directory, "kbase-", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeUTF(VERSION);
                out.writeUTF(key);
                out.writeBoolean(packages.shared());
                out.writeInt(decision.length);
                out.write(decision);
                out.writeInt(wording.length);
                out.write(wording);
            }
            try {
                Files.move(tmp, entry(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry(key), StandardCopyOption.REPLACE_EXISTING);
            }
            evict();
        } catch (IOException | RuntimeException e) {
            // the cache is an optimisation: a read-only home or a full disk must not fail the run
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    /** Marks an entry as just used, so eviction keeps it. */
    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // an entry that cannot be touched is merely evicted sooner
        }
    }

    /** Deletes all but the {@link #MAX_ENTRIES} most recently used entries. */
    void evict() {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> entries = files.filter(p -> p.getFileName().toString().startsWith("kbase-") && p.toString().endsWith(".bin"))
                    .sorted(Comparator.comparing((Path p) -> {
                        try {
                            return Files.getLastModifiedTime(p);
                        } catch (IOException e) {
                            return FileTime.fromMillis(0);
                        }
                    }).reversed().thenComparing(Path::toString))
                    .toList();
            for (Path old : entries.subList(Math.min(MAX_ENTRIES, entries.size()), entries.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | RuntimeException ignored) {
            // a cache that cannot be tidied still works
        }
    }
}
