package dev.finetuneadvisor.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which of this process's standard streams is a terminal, read from {@code /proc} (Linux: the file descriptor links
 * to a tty or pty). {@code System.console()} cannot tell: from Java 22 on it is not null for a pipe either.
 */
final class Terminals {
    private Terminals() {
    }

    /** True when {@code /proc} can say (there is one); elsewhere a caller falls back on what it has. */
    static boolean known() {
        return Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** True when file descriptor {@code fd} (0 stdin, 1 stdout, 2 stderr) is a terminal; false when it cannot be told. */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (Exception e) {
            return false;
        }
    }
}
