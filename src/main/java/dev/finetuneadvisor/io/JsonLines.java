package dev.finetuneadvisor.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.finetuneadvisor.model.CostKeys;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.UseCase;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * JSON Lines fact files: one use case, a JSON object, per line. Lines are read one at a time with a
 * bounded buffer, so neither the file nor a single hostile line is ever held whole: a line longer than
 * {@link #MAX_LINE_BYTES} is skipped to its end and reported. Blank lines are skipped. Parsing a line is
 * thread-safe, so lines can be parsed where they are evaluated.
 */
public final class JsonLines {
    /** Longest line read, in bytes; a use case needs a few hundred. */
    public static final int MAX_LINE_BYTES = 1024 * 1024;

    /** One raw line: its 1-based number and its bytes (without the line end), or too long to keep. */
    public record Line(long number, byte[] bytes, int length, boolean tooLong) {
    }

    private final ObjectReader reader;

    /** @param costKeys the names a use case's {@code costs:} section may use ({@link dev.finetuneadvisor.model.Assumptions#costKeys()}) */
    public JsonLines(CostKeys costKeys) {
        this.reader = FactFormat.json().readerFor(UseCase.class)
                .withAttribute(FactFormat.COST_KEYS, Objects.requireNonNull(costKeys, "costKeys"))
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The outcome of parsing one line: a use case, or the errors that reject the line (every field-level
     * mistake, in the order of the line; a line that is not JSON has one).
     */
    public record Parsed(FactReader.Loaded loaded, List<InputError> errors) {
        public Parsed {
            errors = List.copyOf(errors);
        }

        Parsed(InputError error) {
            this(null, List.of(error));
        }
    }

    /**
     * Parses one line into a use case; {@code defaultId} names it when it has no {@code id}.
     * Errors carry the line's number and the column where the mistake is.
     */
    public Parsed parse(Line line, String file, String defaultId) {
        int number = (int) Math.min(line.number(), Integer.MAX_VALUE);
        if (line.tooLong()) {
            return new Parsed(new InputError(file, number, 0, null, null, "line is longer than " + MAX_LINE_BYTES
                    + " bytes; a use case is one JSON object on one line and needs far less (is a line end missing?)"));
        }
        UseCase useCase;
        try {
            useCase = reader.readValue(line.bytes(), 0, line.length());
        } catch (IOException | IllegalArgumentException e) {
            // a field's error says what the field allows; one without a field is about the line's shape
            List<InputError> errors = new ArrayList<>();
            for (InputError raw : InputErrors.all(file, e, null)) {
                errors.add(new InputError(file, number, raw.column(), raw.field(), null,
                        raw.field() != null ? raw.message() : raw.message() + " (each line must be one use case: a JSON object)"));
            }
            return new Parsed(null, errors);
        }
        if (useCase == null) {
            return new Parsed(new InputError(file, number, 1, null, null, "expected a use case (a JSON object), got null"));
        }
        if (useCase.getId() == null || useCase.getId().isBlank()) {
            useCase.setId(defaultId);
        }
        return new Parsed(new FactReader.Loaded(useCase, file, number), List.of());
    }

    /** Reads lines from a stream, one at a time; blank lines are skipped. Not thread-safe. */
    public static final class LineReader {
        private final InputStream in;
        private final Runnable idle;
        private final byte[] buffer = new byte[64 * 1024];
        private int pos;
        private int limit;
        private long number;
        private byte[] line = new byte[1024];

        public LineReader(InputStream in) {
            this(in, () -> { });
        }

        /**
         * @param idle run before a read that would wait for input (nothing buffered, nothing available):
         *     the moment to hand on what is done, so that a slow producer sees each result as it is ready
         */
        public LineReader(InputStream in, Runnable idle) {
            this.in = Objects.requireNonNull(in, "in");
            this.idle = Objects.requireNonNull(idle, "idle");
        }

        /** The next non-blank line, or null at the end of the stream. The returned bytes are a fresh copy. */
        public Line next() throws IOException {
            while (true) {
                int length = 0;
                boolean tooLong = false;
                boolean any = false;
                while (true) {
                    if (pos == limit) {
                        if (nothingAvailable()) {
                            idle.run();
                        }
                        limit = in.read(buffer, 0, buffer.length);
                        pos = 0;
                        if (limit <= 0) {
                            limit = 0;
                            break;
                        }
                    }
                    any = true;
                    int start = pos;
                    while (pos < limit && buffer[pos] != '\n') {
                        pos++;
                    }
                    int n = pos - start;
                    if (!tooLong) {
                        if (length + n > MAX_LINE_BYTES) {
                            tooLong = true;
                        } else {
                            if (length + n > line.length) {
                                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + n)));
                            }
                            System.arraycopy(buffer, start, line, length, n);
                            length += n;
                        }
                    }
                    if (pos < limit) {
                        pos++; // the '\n'
                        break;
                    }
                }
                if (!any) {
                    return null;
                }
                number++;
                if (!tooLong && length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                if (tooLong) {
                    return new Line(number, new byte[0], 0, true);
                }
                if (!isBlank(line, length)) {
                    return new Line(number, Arrays.copyOf(line, length), length, false);
                }
            }
        }

        /** True when a read would wait; a stream that cannot tell (a pipe opened as a channel) counts as waiting. */
        private boolean nothingAvailable() {
            try {
                return in.available() <= 0;
            } catch (IOException e) {
                return true;
            }
        }

        private static boolean isBlank(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
