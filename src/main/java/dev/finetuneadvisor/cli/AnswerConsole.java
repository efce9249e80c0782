package dev.finetuneadvisor.cli;

import static dev.finetuneadvisor.io.Terminal.visible;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

/**
 * Where {@code advisor init} asks and reads its answers, on JLine: at a terminal, line editing, history (in memory
 * only: nothing is written to the home directory) and Tab completion of the allowed answers; with stdin not a terminal
 * (answers piped in, one a line), a dumb terminal over the given streams, the questions on the command's stdout and
 * each answer echoed after its prompt so the output reads as a transcript.
 */
final class AnswerConsole implements AutoCloseable {
    /** The answers ended: end of input, Ctrl-D on an empty line, or Ctrl-C. */
    static final class Ended extends Exception {
        private static final long serialVersionUID = 1L;

        Ended(String why) {
            super(why);
        }
    }

    private final Terminal terminal;
    private final LineReader reader;
    private final PrintWriter out;
    private final boolean interactive;
    private final List<String> choices = new ArrayList<>();
    /** The rest of a last line that had no line end, given as an answer before the end of input is reported. */
    private String pending;

    private AnswerConsole(Terminal terminal, PrintWriter out, boolean interactive) {
        this.terminal = terminal;
        this.out = out;
        this.interactive = interactive;
        this.reader = LineReaderBuilder.builder().terminal(terminal)
                .completer((r, line, candidates) -> choices.forEach(c -> candidates.add(new Candidate(c))))
                // a '!' in a title is text, not a history event
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
    }

    /**
     * True when this process's stdin and stdout are both a terminal ({@link Terminals}); where {@code /proc} cannot
     * say, the console, which on Java 17 to 21 exists only for a terminal.
     */
    static boolean stdinAndStdoutAreTerminal() {
        if (!Terminals.known()) {
            return System.console() != null;
        }
        return Terminals.isTerminal(0) && Terminals.isTerminal(1);
    }

    /** The process's terminal: stdin and stdout are one. */
    static AnswerConsole system() {
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).build();
            return new AnswerConsole(terminal, terminal.writer(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    /** Answers read from {@code in}, one a line; questions written to {@code out}. */
    static AnswerConsole piped(InputStream in, PrintWriter out) {
        try {
            Terminal terminal = new DumbTerminal("advisor-init", Terminal.TYPE_DUMB, new WithoutCarriageReturns(in),
                    OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
            return new AnswerConsole(terminal, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answers: " + e.getMessage(), e);
        }
    }

    /** Where the questions go. */
    PrintWriter out() {
        return out;
    }

    /**
     * Reads one answer after {@code prompt}, Tab completing {@code complete} at a terminal.
     *
     * @throws Ended when the answers end before one is given
     */
    String readLine(String prompt, List<String> complete) throws Ended {
        choices.clear();
        choices.addAll(complete);
        if (pending != null) {
            throw new Ended("end of input");
        }
        if (interactive) {
            out.flush();
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                throw new Ended("interrupted (Ctrl-C)");
            } catch (EndOfFileException e) {
                throw new Ended("end of input (Ctrl-D)");
            }
        }
        out.print(prompt);
        out.flush();
        String line;
        try {
            line = reader.readLine("");
        } catch (EndOfFileException e) {
            // a last answer without a line end still counts; the end of input comes at the next question
            if (e.getPartialLine() == null || e.getPartialLine().isEmpty()) {
                out.println();
                throw new Ended("end of input");
            }
            pending = "";
            line = e.getPartialLine();
        } catch (UserInterruptException e) {
            out.println();
            throw new Ended("interrupted");
        }
        out.println(visible(line));
        return line;
    }

    /**
     * Answers with Windows line ends: the line editor takes a carriage return for Enter as it takes a line feed, so a
     * CRLF would answer twice (the second time empty, don't know). A carriage return is never part of an answer.
     */
    private static final class WithoutCarriageReturns extends FilterInputStream {
        WithoutCarriageReturns(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b;
            do {
                b = super.read();
            } while (b == '\r');
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            int kept;
            do {
                n = super.read(buffer, offset, length);
                kept = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[offset + i] != '\r') {
                        buffer[offset + kept++] = buffer[offset + i];
                    }
                }
            } while (n > 0 && kept == 0);
            return n < 0 ? n : kept;
        }
    }

    @Override
    public void close() {
        out.flush();
        try {
            terminal.close();
        } catch (IOException e) {
            // closing the terminal restores its settings; nothing is lost when it fails
        }
    }
}
