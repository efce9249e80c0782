package dev.finetuneadvisor.io;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Text a report writes after its totals, kept until the totals are known: in memory up to a limit, then in
 * a temporary file under {@code java.io.tmpdir}, so a report over a million use cases needs no more heap
 * than one over ten. The file is opened delete-on-close (on Linux it is unlinked at once, so not even a
 * killed run leaves it behind). When no temporary file can be made, the spool stays in memory and says so
 * once through {@code warn}; a file that fails while being written or read is a {@link ReportOutputException}.
 * Characters UTF-8 cannot encode (an unpaired surrogate) become {@code ?}, as they do on stdout.
 */
final class Spool implements AutoCloseable {
    /** Spools held in memory up to this many characters; most portfolios never reach a file. */
    static final int MEMORY_CHARS = 1 << 20;

    /** The limit new spools get; tests lower it to write every report through a file. */
    static volatile int memoryChars = MEMORY_CHARS;

    private final int limit;
    private final Path directory;
    private final Consumer<String> warn;
    private StringBuilder memory = new StringBuilder();
    private Path file;
    private FileChannel channel;
    private Writer fileWriter;
    private boolean stayInMemory;

    /** A warning that goes to {@code err} the first time only, for every spool of one report. */
    static Consumer<String> warnOnce(PrintWriter err) {
        boolean[] warned = new boolean[1];
        return message -> {
            if (!warned[0]) {
                warned[0] = true;
                err.println(message);
                err.flush();
            }
        };
    }

    Spool(Consumer<String> warn) {
        this(memoryChars, null, warn);
    }

    /** @param directory where the temporary file goes; null: {@code java.io.tmpdir} */
    Spool(int limit, Path directory, Consumer<String> warn) {
        this.limit = limit;
        this.directory = directory;
        this.warn = warn;
    }

    Spool append(String text) {
        if (fileWriter != null) {
            try {
                fileWriter.write(text);
            } catch (IOException e) {
                throw new ReportOutputException("cannot write the report's temporary file " + file + ": " + e.getMessage(), e);
            }
            return this;
        }
        memory.append(text);
        if (memory.length() > limit && !stayInMemory) {
            spill();
        }
        return this;
    }

    private void spill() {
        Path made = null;
        try {
            made = directory == null ? Files.createTempFile("finetune-advisor-report-", ".part")
                    : Files.createTempFile(directory, "finetune-advisor-report-", ".part");
            channel = FileChannel.open(made, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | UnsupportedOperationException e) {
            if (made != null) {
                try {
                    Files.deleteIfExists(made);
                } catch (IOException ignored) {
                    // nothing was written to it
                }
            }
            stayInMemory = true;
            warn.accept("warning: cannot make a temporary file for the report (" + e.getMessage()
                    + "); keeping it in memory instead (give a writable directory with -Djava.io.tmpdir=DIR)");
            return;
        }
        file = made;
        fileWriter = new OutputStreamWriter(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), StandardCharsets.UTF_8);
        String held = memory.toString();
        memory = null;
        append(held);
    }

    boolean isEmpty() {
        return fileWriter == null && memory.length() == 0;
    }

    /** Writes everything appended so far to {@code out}, in order. */
    void writeTo(Writer out) {
        if (fileWriter == null) {
            try {
                out.write(memory.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (BufferedReader in = rewind()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new ReportOutputException("cannot read the report's temporary file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Hands on every line appended so far (text appended as lines ending in "\n"), in order. */
    void forEachLine(Consumer<String> line) {
        if (fileWriter == null) {
            memory.toString().lines().forEach(line);
            return;
        }
        try (BufferedReader in = rewind()) {
            in.lines().forEach(line);
        } catch (IOException e) {
            throw new ReportOutputException("cannot read the report's temporary file " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ReportOutputException("cannot read the report's temporary file " + file + ": " + e.getMessage(), e.getCause());
        }
    }

    /** The file from its start, for reading once; closing the reader leaves the channel to {@link #close()}. */
    private BufferedReader rewind() throws IOException {
        fileWriter.flush();
        channel.position(0);
        return new BufferedReader(new InputStreamReader(new FilterInputStream(Channels.newInputStream(channel)) {
            @Override
            public void close() {
                // the spool closes the channel
            }
        }, StandardCharsets.UTF_8), 1 << 16);
    }

    /** True once the spool has moved to a temporary file. */
    boolean spilled() {
        return fileWriter != null;
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();   // delete-on-close
        } catch (IOException ignored) {
            // closing a file being thrown away
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // already gone with the channel, where the platform deletes on close
            }
        }
    }
}
