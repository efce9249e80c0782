package dev.finetuneadvisor.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text a report writes after its totals, kept until the totals are known: in memory up to a limit, then in
 * a temporary file, so a report over a million use cases needs no more memory than one over ten. The file
 * is deleted by {@link #close()} (and at exit, should the run die first).
 */
final class Spool implements AutoCloseable {
    /** Spools held in memory up to this many characters; most portfolios never reach a file. */
    static final int MEMORY_CHARS = 1 << 20;

    private final int memoryChars;
    private StringBuilder memory = new StringBuilder();
    private Path file;
    private Writer fileWriter;

    Spool() {
        this(MEMORY_CHARS);
    }

    Spool(int memoryChars) {
        this.memoryChars = memoryChars;
    }

    Spool append(String text) {
        try {
            if (fileWriter != null) {
                fileWriter.write(text);
                return this;
            }
            memory.append(text);
            if (memory.length() > memoryChars) {
                file = Files.createTempFile("finetune-advisor-report-", ".part");
                file.toFile().deleteOnExit();
                fileWriter = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
                fileWriter.write(memory.toString());
                memory = null;
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report's temporary file: " + e.getMessage(), e);
        }
    }

    boolean isEmpty() {
        return file == null && memory.length() == 0;
    }

    /** Writes everything appended so far to {@code out}, in order. */
    void writeTo(Writer out) {
        try {
            if (file == null) {
                out.write(memory.toString());
                return;
            }
            fileWriter.flush();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                in.transferTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report's temporary file: " + e.getMessage(), e);
        }
    }

    /** Hands on every line appended so far (text appended as lines ending in "\n"), in order. */
    void forEachLine(java.util.function.Consumer<String> line) {
        try {
            if (file == null) {
                memory.toString().lines().forEach(line);
                return;
            }
            fileWriter.flush();
            try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                in.lines().forEach(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report's temporary file: " + e.getMessage(), e);
        }
    }

    /** True once the spool has moved to a temporary file. */
    boolean spilled() {
        return file != null;
    }

    /** The temporary file, or null while the spool is in memory. */
    Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            if (fileWriter != null) {
                fileWriter.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary file left behind is removed at exit
        }
    }
}
