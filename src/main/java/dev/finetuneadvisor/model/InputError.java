package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A use case, file or line that could not be evaluated: where (file, 1-based line and column, 0 when not
 * known), which field when one is to blame, and what is wrong and what is allowed.
 */
@JsonPropertyOrder({"file", "line", "column", "field", "id", "message"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputError(String file, int line, int column, String field, String id, String message) {

    /** {@code file:line:column: message}, the form editors and CI logs link from. */
    public String describe() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (field != null && !message.startsWith(field)) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }
}
