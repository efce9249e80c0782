package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The JSON report: {@code {"results":[...],"errors":[...]}}. Field names are a contract that tests and
 * other tools rely on; add fields, never rename them. Results are written as they come; errors, which the
 * report lists after them, are spooled (see {@link Spool}) and also go to stderr as they come. Memory stays
 * flat for any portfolio size.
 */
public final class JsonReportWriter {
    /** Writes one value into a generator that carries the report's pretty printer (this writer sets none). */
    private static final ObjectWriter VALUE = Json.compact().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private JsonReportWriter() {
    }

    public static ResultSink sink(PrintWriter out, PrintWriter err) {
        return new ResultSink() {
            private final Spool errors = new Spool(Spool.warnOnce(err));
            private JsonGenerator json;

            /** The report, opened at the first thing to write: {"results": [ */
            private JsonGenerator json() throws IOException {
                if (json == null) {
                    json = Json.mapper().getFactory().createGenerator(new NonClosing(out));
                    json.setPrettyPrinter(Json.prettyPrinter());
                    json.writeStartObject();
                    json.writeFieldName("results");
                    json.writeStartArray();
                }
                return json;
            }

            @Override
            public void result(Result result, String rendered) {
                try {
                    VALUE.writeValue(json(), result);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void error(InputError error) {
                try {
                    errors.append(VALUE.writeValueAsString(error)).append("\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                TextReportWriter.writeError(error, err);
            }

            @Override
            public void finish() {
                try {
                    JsonGenerator g = json();
                    g.writeEndArray();
                    g.writeFieldName("errors");
                    g.writeStartArray();
                    errors.forEachLine(line -> {
                        try {
                            VALUE.writeValue(g, Json.mapper().readTree(line));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    g.writeEndArray();
                    g.writeEndObject();
                    g.close();
                    out.write("\n");
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    errors.close();
                }
                err.flush();
            }

            @Override
            public void abandon() {
                // the document stays unterminated, so no reader takes it for a whole report; what was
                // streamed (the generator's buffer included) stays
                errors.close();
                if (json != null) {
                    try {
                        json.flush();
                    } catch (IOException ignored) {
                        // the output is already failing
                    }
                }
                out.flush();
                err.flush();
            }
        };
    }

    /** Jackson closes what it writes to; the caller owns stdout. */
    private static final class NonClosing extends FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
