package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.finetuneadvisor.model.Result;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * JSON Lines output: one result per line, the same object as in the JSON report's {@code results}, in
 * input order, written as soon as it is ready. Each line ends with the advisor's version and the rules' and
 * assumptions' revisions, so a line kept on its own still says what decided it; there is no header line. Errors do not go in the stream (every line of stdout is a
 * result, so a consumer never has to tell lines apart); they go to stderr as
 * {@code error: file:line:column: field: message}, in input order.
 */
public final class JsonLinesWriter {
    private static final ObjectWriter WRITER = Json.compact();

    private JsonLinesWriter() {
    }

    /** One result as one line of JSON, without the line end. Thread-safe: workers render in parallel. */
    public static String render(Result result) {
        try {
            return WRITER.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ResultSink sink(PrintWriter out, PrintWriter err) {
        return new StreamingSink(out, err) {
            @Override
            public void result(Result result, String rendered) {
                out.write(rendered != null ? rendered : render(result));
                out.write('\n');
            }
        };
    }
}
