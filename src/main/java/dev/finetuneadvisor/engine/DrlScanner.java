package dev.finetuneadvisor.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads DRL or Java text token by token where Drools' parser gives no position (the keywords between a
 * rule's descriptors, the arguments of a call inside a consequence): words, annotations, string literals
 * and single characters, skipping comments and whitespace. {@link RuleIndex} finds what to read with the
 * parser; this only locates it.
 */
final class DrlScanner {
    private final String text;
    private final int to;
    private int pos;
    Token kind;
    int start;
    int end;

    DrlScanner(String text, int from, int to) {
        this.text = text;
        this.pos = from;
        this.to = Math.min(to, text.length());
    }

    boolean is(String word) {
        return end - start == word.length() && text.startsWith(word, start);
    }

    boolean next() {
        while (pos < to) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (text.startsWith("//", pos)) {
                int nl = text.indexOf('\n', pos);
                pos = nl < 0 ? to : nl + 1;
            } else if (text.startsWith("/*", pos)) {
                int close = text.indexOf("*/", pos + 2);
                pos = close < 0 ? to : close + 2;
            } else {
                start = pos;
                if (c == '"' || c == '\'') {
                    pos++;
                    while (pos < to && text.charAt(pos) != c) {
                        pos += text.charAt(pos) == '\\' ? 2 : 1;
                    }
                    pos = Math.min(pos + 1, to);
                    kind = c == '"' ? Token.STRING : Token.OTHER;
                } else if (c == '@' || Character.isJavaIdentifierStart(c)) {
                    pos++;
                    while (pos < to && Character.isJavaIdentifierPart(text.charAt(pos))) {
                        pos++;
                    }
                    kind = c == '@' ? Token.ANNOTATION : Token.WORD;
                } else {
                    pos++;
                    kind = Token.OTHER;
                }
                end = pos;
                return true;
            }
        }
        return false;
    }

    char charAt() {
        return text.charAt(start);
    }

    /** True when {@code offset} lies inside a comment or a string that starts at or after {@code from}. */
    static boolean inCommentOrString(String text, int from, int offset) {
        DrlScanner s = new DrlScanner(text, from, offset + 1);
        while (s.next()) {
            if (s.start == offset) {
                return false;
            }
        }
        return true;
    }

    /** The arguments of a call whose '(' ends just before {@code from}: [start, end) of each, trimmed. */
    static List<int[]> arguments(String text, int from, int to) {
        List<int[]> args = new ArrayList<>();
        DrlScanner s = new DrlScanner(text, from, to);
        int depth = 0;
        int argStart = -1;
        int argEnd = -1;
        while (s.next()) {
            if (s.kind == Token.OTHER && s.end - s.start == 1) {
                char c = s.charAt();
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                    depth--;
                } else if (c == ')' || (c == ',' && depth == 0)) {
                    if (argStart >= 0) {
                        args.add(new int[] {argStart, argEnd});
                    }
                    if (c == ')') {
                        return args;
                    }
                    argStart = -1;
                    continue;
                }
            }
            if (argStart < 0) {
                argStart = s.start;
            }
            argEnd = s.end;
        }
        return args;
    }

    /** The string literals in [from, to): [opening quote, past the closing quote) of each. */
    static List<int[]> strings(String text, int from, int to) {
        List<int[]> found = new ArrayList<>();
        DrlScanner s = new DrlScanner(text, from, to);
        while (s.next()) {
            if (s.kind == Token.STRING) {
                found.add(new int[] {s.start, s.end});
            }
        }
        return found;
    }

    /** True when the operator character appears in [from, to) outside strings and comments. */
    static boolean hasOperator(String text, int from, int to, char operator) {
        DrlScanner s = new DrlScanner(text, from, to);
        while (s.next()) {
            if (s.kind == Token.OTHER && s.charAt() == operator) {
                return true;
            }
        }
        return false;
    }

    /** What a token is: a word, an annotation ({@code @id}), a string literal, or anything else (one character or a char literal). */
    enum Token { WORD, ANNOTATION, STRING, OTHER }

    /** Line starts of a text, to turn character offsets into 1-based lines and columns. */
    static final class Lines {
        private final int[] starts;

        Lines(String text) {
            List<Integer> s = new ArrayList<>();
            s.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    s.add(i + 1);
                }
            }
            starts = s.stream().mapToInt(Integer::intValue).toArray();
        }

        int line(int offset) {
            int i = Arrays.binarySearch(starts, offset);
            return (i >= 0 ? i : -i - 2) + 1;
        }

        int start(int line) {
            return starts[line - 1];
        }

        RuleIndex.Position at(int offset) {
            int line = line(offset);
            return new RuleIndex.Position(line, offset - starts[line - 1] + 1);
        }
    }
}
