package dev.finetuneadvisor.io;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Text for a terminal: control characters that came from a fact file (an id with an escape sequence, a
 * title with a bell) are shown as a backslash, u and four hex digits (ESC as 001b) instead of being sent, so a report cannot retitle, clear
 * or colour the terminal it is read in. Line ends and tabs pass.
 */
public final class Terminal {
    private Terminal() {
    }

    /** True for a character a terminal would act on rather than show (C0 and C1 controls, DEL), but line ends and tabs. */
    static boolean isControl(char c) {
        return (c < 0x20 && c != '\n' && c != '\t' && !(c == '\r' && CRLF)) || (c >= 0x7f && c <= 0x9f);
    }

    /** Where lines end in CR LF (Windows), println sends a CR of its own, which must pass. */
    private static final boolean CRLF = System.lineSeparator().contains("\r");

    /** The text with its control characters written out as a backslash, u and four hex digits. */
    public static String visible(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                StringBuilder b = new StringBuilder(text.length() + 16);
                for (int j = 0; j < text.length(); j++) {
                    append(b, text.charAt(j));
                }
                return b.toString();
            }
        }
        return text;
    }

    /**
     * One line of text from a fact file or built from one (an id, a title, an explanation naming a model): line
     * ends written out like other control characters, so a value cannot start a line of its own in a report
     * whose lines mean something (a forged recommendation or heading).
     */
    public static String oneLine(String text) {
        if (text == null || (text.indexOf('\n') < 0 && text.indexOf('\r') < 0)) {
            return text;
        }
        return text.replace("\r", "\\u000d").replace("\n", "\\u000a");
    }

    private static void append(StringBuilder b, char c) {
        if (isControl(c)) {
            b.append(String.format("\\u%04x", (int) c));
        } else {
            b.append(c);
        }
    }

    /** A writer that shows control characters that way; for the text and Markdown reports. */
    public static PrintWriter visible(PrintWriter out) {
        return new PrintWriter(new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                if (isControl((char) c)) {
                    out.write(String.format("\\u%04x", c));
                } else {
                    out.write(c);
                }
            }

            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                write(new String(buffer, offset, length), 0, length);
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                String part = text.substring(offset, offset + length);
                out.write(visible(part));
            }
        }, false);
    }
}
