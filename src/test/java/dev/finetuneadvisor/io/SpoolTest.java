package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Report parts spooled past their memory limit come back the same, in order, and leave no file behind. */
class SpoolTest {
    private static List<String> lines(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add("row " + i + " é ✓ " + "x".repeat(i % 50));
        }
        return lines;
    }

    @Test
    void text_past_the_memory_limit_moves_to_a_file_and_comes_back_the_same() throws Exception {
        List<String> lines = lines(5_000);
        StringBuilder expected = new StringBuilder();
        Path file;
        try (Spool spool = new Spool(1_000)) {
            for (String line : lines) {
                spool.append(line).append("\n");
                expected.append(line).append('\n');
            }
            assertTrue(spool.spilled());
            StringWriter out = new StringWriter();
            spool.writeTo(out);
            assertEquals(expected.toString(), out.toString());
            List<String> back = new ArrayList<>();
            spool.forEachLine(back::add);
            assertEquals(lines, back);
            file = spool.file();
            assertTrue(Files.exists(file));
        }
        assertFalse(Files.exists(file), "close deletes the spool's file");
    }

    @Test
    void small_text_stays_in_memory() {
        try (Spool spool = new Spool(1_000)) {
            assertTrue(spool.isEmpty());
            spool.append("a\n").append("b\n");
            assertFalse(spool.spilled());
            assertFalse(spool.isEmpty());
            StringWriter out = new StringWriter();
            spool.writeTo(out);
            assertEquals("a\nb\n", out.toString());
        }
    }
}
