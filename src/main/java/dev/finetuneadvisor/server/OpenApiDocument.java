package dev.finetuneadvisor.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of the server, the jar's {@code web/openapi.json} as it is.
 * The document is kept by hand beside the page rather than generated: it describes the HTTP interface, which does not
 * change with a reload, and refers to {@code GET /v1/schema} for what a use case may hold, which does (fields and
 * cost inputs come from the rules), so a client always reads the live schema and the document never goes stale with
 * it. {@code OpenApiTest} keeps the document true: valid OpenAPI 3.1, the same operations as the registered routes,
 * and each operation answering only what it documents.
 */
final class OpenApiDocument {
    /** Where the document is in the jar (and in src/main/resources). */
    static final String RESOURCE = "web/openapi.json";
    private static final byte[] BYTES = read();

    private OpenApiDocument() {
    }

    static Route route() {
        return Route.get("/openapi.json", x -> {
            x.query(Set.of());
            x.send(200, ApiRoutes.JSON, BYTES);
        });
    }

    private static byte[] read() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: the build leaves it out");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
