package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.FactReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * advisor init at a real pseudo-terminal (util-linux {@code script}): the line editor reads the answers typed, the
 * verdict is announced, and the file named after the id is written in the working directory.
 */
class InitAtATerminalTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @Test
    void a_session_at_a_terminal_writes_the_file_named_after_the_id(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux script is not installed");
        // the rules compiled (and stored in the test run's compiled-rules cache, which the child inherits) before the
        // child starts, so it reads them rather than compiling again
        TestRules.compiled();
        // Given the advisor started under a pseudo-terminal of 120 columns, in an empty directory, with no FILE
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "stty cols 120 rows 40; exec " + quote(java) + " -cp " + quote(System.getProperty("java.class.path"))
                + " " + AdvisorCommand.class.getName() + " init --rules " + quote(TestRules.RULES.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "-qec", command, "/dev/null").directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("TERM", "xterm-256color");
        Process process = builder.start();
        // When the answers are typed: an id, a title, a knowledge task, three don't-knows, and n at the announced verdict
        try (OutputStream keys = process.getOutputStream()) {
            keys.write("pty-case\nA session at a terminal\nknowledge\n\n\n\nn\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            boolean done = process.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            String shown = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // Then it ran at the terminal (the line editor turned bracketed paste on), announced USE_RAG and wrote pty-case.yaml
            assertTrue(done, "init did not finish:\n" + shown);
            assertEquals(ExitCodes.OK, process.exitValue(), shown);
            assertTrue(shown.contains("\u001b[?2004h"), "no line editor:\n" + shown);
            assertTrue(shown.contains("Verdict: USE_RAG"), shown);
            Path written = dir.resolve("pty-case.yaml");
            FactReader.Batch read = TestRules.advisor().read(List.of(written));
            assertEquals(List.of(), read.errors());
            assertEquals("USE_RAG", TestRules.advisor().advise(read.useCases().get(0).useCase()).verdict());
        } finally {
            process.destroyForcibly();
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
