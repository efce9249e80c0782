package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Locale;

/** A problem found while compiling or checking the rules, located in its file (line and column 1-based, 0 if unknown). */
@JsonPropertyOrder({"severity", "file", "line", "column", "message"})
public record RuleProblem(Severity severity, String file, int line, int column, String message) {

    /** ERROR stops the rules from being used; WARNING is worth a look. */
    public enum Severity { ERROR, WARNING }

    /** {@code file:line:column: severity: message}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(Math.max(column, 0));
        }
        return sb.append(": ").append(severity.name().toLowerCase(Locale.ROOT)).append(": ").append(message).toString();
    }
}
