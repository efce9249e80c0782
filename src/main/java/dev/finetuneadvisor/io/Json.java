package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The JSON writers of the product: pretty for reports, compact for JSON Lines, both with sorted maps. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Two-space indentation, one field per line, "\n" line ends on every platform. */
    public static ObjectWriter pretty() {
        return MAPPER.writer(prettyPrinter());
    }

    /** The printer of {@link #pretty()}, new each time (it counts nesting), for a generator written piece by piece. */
    static DefaultPrettyPrinter prettyPrinter() {
        return new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    }

    public static ObjectWriter compact() {
        return MAPPER.writer();
    }
}
