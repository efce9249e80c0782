package dev.finetuneadvisor;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a streaming run ({@link Advisor#stream}) reads, in order: paths (fact files, portfolio files, JSON
 * Lines files, directories walked in sorted order), JSON Lines streams read as they arrive (stdin, a
 * socket, a partition of a distributed job) and fact files given as bytes (a request's body).
 */
public final class Source {
    /** How the command line names stdin in reports. */
    public static final String STDIN = "<stdin>";

    /**
     * One part: a path, or a JSON Lines stream with the name reports give it and the prefix of the default
     * ids of its lines ({@code prefix#line}).
     */
    record Part(Path path, InputStream stream, String name, String idPrefix, Document document) {
        Part(Path path, InputStream stream, String name, String idPrefix) {
            this(path, stream, name, idPrefix, null);
        }
    }

    /** A fact file given as bytes: JSON or YAML, and the default id of a use case without one. */
    record Document(byte[] bytes, boolean json, String stem) {
    }

    private final List<Part> parts;
    /** Files never read, though a directory walked holds them (absolute, normalized). */
    private final Set<Path> skipped;

    private Source(List<Part> parts) {
        this(parts, Set.of());
    }

    private Source(List<Part> parts, Set<Path> skipped) {
        this.parts = List.copyOf(parts);
        this.skipped = Set.copyOf(skipped);
    }

    /**
     * This source without one file, even when a directory it walks holds it: the run's own decision log, which
     * would otherwise be read as input while it grows.
     */
    public Source without(Path file) {
        Set<Path> more = new HashSet<>(skipped);
        more.add(key(Objects.requireNonNull(file, "file")));
        return new Source(parts, more);
    }

    /** True for a file this source leaves out ({@link #without}). */
    boolean skips(Path file) {
        return !skipped.isEmpty() && skipped.contains(key(file));
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** Fact files, portfolio files, JSON Lines files ({@code .jsonl}) and directories, in this order. */
    public static Source paths(List<Path> paths) {
        List<Part> parts = new ArrayList<>();
        for (Path p : paths) {
            parts.add(new Part(Objects.requireNonNull(p, "path"), null, null, null));
        }
        return new Source(parts);
    }

    /**
     * A JSON Lines stream, one use case a line, read as it arrives: results are handed on as they are ready.
     *
     * @param name how errors and results name it (e.g. {@code part-0003.jsonl})
     * @param idPrefix default ids of lines without one are {@code idPrefix#line}
     */
    public static Source jsonLines(InputStream in, String name, String idPrefix) {
        return new Source(List.of(new Part(null, Objects.requireNonNull(in, "in"), Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(idPrefix, "idPrefix"))));
    }

    /**
     * One fact file or portfolio file given as bytes, not as a file (a request's body), read as {@link #paths} reads a
     * {@code .json} or {@code .yaml} file.
     *
     * @param name how errors and results name it
     * @param stem the id of a use case without one
     * @param json true for JSON, false for YAML
     */
    public static Source document(String name, String stem, byte[] bytes, boolean json) {
        return new Source(List.of(new Part(null, null, Objects.requireNonNull(name, "name"), null,
                new Document(Objects.requireNonNull(bytes, "bytes"), json, Objects.requireNonNull(stem, "stem")))));
    }

    /** The command line's reading of its arguments: each {@code -} is JSON Lines on {@code stdin}, named {@value #STDIN}. */
    public static Source commandLine(List<Path> paths, InputStream stdin) {
        List<Part> parts = new ArrayList<>();
        for (Path p : paths) {
            parts.add(p.toString().equals("-") ? new Part(null, stdin, STDIN, "stdin") : new Part(p, null, null, null));
        }
        return new Source(parts);
    }

    List<Part> parts() {
        return parts;
    }
}
