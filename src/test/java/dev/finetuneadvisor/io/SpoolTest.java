package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void text_past_the_memory_limit_moves_to_a_file_and_comes_back_the_same(@TempDir Path dir) throws Exception {
        // Given more lines than the spool holds in memory
        List<String> lines = lines(5_000);
        StringBuilder expected = new StringBuilder();
        List<String> warnings = new ArrayList<>();
        try (Spool spool = new Spool(1_000, dir, warnings::add)) {
            // When they are appended
            for (String line : lines) {
                spool.append(line).append("\n");
                expected.append(line).append('\n');
            }
            // Then they went to a file, and read back whole and in order, as often as asked
            assertTrue(spool.spilled());
            StringWriter out = new StringWriter();
            spool.writeTo(out);
            assertEquals(expected.toString(), out.toString());
            List<String> back = new ArrayList<>();
            spool.forEachLine(back::add);
            assertEquals(lines, back);
        }
        // And closing leaves nothing behind, without a warning
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void a_character_utf8_cannot_encode_becomes_a_question_mark_as_on_stdout(@TempDir Path dir) {
        String text = "bad \ud800 title\n".repeat(200);
        try (Spool spool = new Spool(100, dir, w -> { })) {
            spool.append(text);
            assertTrue(spool.spilled());
            StringWriter out = new StringWriter();
            spool.writeTo(out);
            // what stdout (UTF-8, replacing) would have printed for the text
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), out.toString().getBytes(StandardCharsets.UTF_8));
            assertTrue(out.toString().startsWith("bad ? title\n"), out.toString().substring(0, 20));
        }
    }

    @Test
    void without_a_usable_temporary_directory_the_text_stays_in_memory_and_says_so_once(@TempDir Path dir) {
        List<String> warnings = new ArrayList<>();
        List<String> lines = lines(500);
        try (Spool spool = new Spool(100, dir.resolve("missing"), warnings::add)) {
            lines.forEach(l -> spool.append(l).append("\n"));
            assertFalse(spool.spilled());
            List<String> back = new ArrayList<>();
            spool.forEachLine(back::add);
            assertEquals(lines, back);
        }
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void small_text_stays_in_memory() {
        try (Spool spool = new Spool(1_000, null, w -> { })) {
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
