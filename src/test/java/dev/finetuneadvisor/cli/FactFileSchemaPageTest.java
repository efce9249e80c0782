package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/fact-file.schema.json, the schema the bundled fact files name on their first line, is what
 * {@code advisor schema} prints for rules/: a field, choice, range or cost input changed without regenerating it
 * fails here. Run with {@code -Dupdate.docs=true} to rewrite it.
 */
class FactFileSchemaPageTest {
    private static final Path PAGE = Path.of("docs/fact-file.schema.json");
    private static AdviseCommandTest.Run printed;

    @TempDir
    Path dir;

    /** {@code advisor schema} for the bundled rules, run once for the class. */
    private static synchronized AdviseCommandTest.Run schema() {
        if (printed == null) {
            printed = AdviseCommandTest.run("schema");
        }
        return printed;
    }

    @Test
    void the_committed_schema_is_the_schema_of_the_rules_as_they_are() throws Exception {
        // Given the committed schema
        String committed = Files.exists(PAGE) ? Files.readString(PAGE) : "";
        // When the schema is printed for the bundled rules
        AdviseCommandTest.Run r = schema();
        assertEquals(ExitCodes.OK, r.code(), r.err());
        if (Boolean.getBoolean("update.docs")) {
            Files.writeString(PAGE, r.out());
            committed = r.out();
        }
        // Then the file is that output, byte for byte
        assertEquals(r.out(), committed, "docs/fact-file.schema.json is stale: run mvn -q -o -B test -Dtest=FactFileSchemaPageTest -Dupdate.docs=true");
    }

    @Test
    void output_file_gets_the_same_bytes_as_stdout() throws Exception {
        // Given a file to write the schema to
        Path file = dir.resolve("fact-file.schema.json");
        // When the schema is written with -o
        AdviseCommandTest.Run r = AdviseCommandTest.run("schema", "-o", file.toString());
        // Then the file holds what stdout shows, and stdout is empty
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(schema().out(), Files.readString(file));
        assertEquals("", r.out());
    }

    @Test
    void an_output_file_that_cannot_be_written_is_an_output_failure() {
        // Given a file in a folder that does not exist
        Path file = dir.resolve("missing/fact-file.schema.json");
        // When the schema is written there
        AdviseCommandTest.Run r = AdviseCommandTest.run("schema", "-o", file.toString());
        // Then the run fails as output failures do, naming the file
        assertEquals(ExitCodes.OUTPUT_FAILED, r.code());
        assertTrue(r.err().contains(file.toString()), r.err());
        assertFalse(Files.exists(file));
    }

    @Test
    void rules_that_cannot_be_used_give_no_schema() {
        // Given a rules directory that is not there
        // When the schema is asked for it
        AdviseCommandTest.Run r = AdviseCommandTest.run("schema", "--rules", dir.resolve("no-rules").toString());
        // Then the run fails as for any command on unusable rules, and prints nothing on stdout
        assertEquals(ExitCodes.RULES_INVALID, r.code());
        assertEquals("", r.out());
    }
}
