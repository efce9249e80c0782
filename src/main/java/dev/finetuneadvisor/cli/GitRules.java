package dev.finetuneadvisor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A rules directory as it was at a git revision, written out to a temporary directory with git itself. */
final class GitRules {
    private GitRules() {
    }

    /**
     * Writes the files of {@code rulesDir} at {@code ref} into a new temporary directory.
     *
     * @throws IOException when git is missing, the directory is not in a repository, or the revision is unknown
     */
    static Path checkout(Path rulesDir, String ref) throws IOException {
        Path dir = rulesDir.toAbsolutePath().normalize();
        String top = git(dir, "rev-parse", "--show-toplevel").strip();
        String prefix = Path.of(top).relativize(dir).toString().replace('\\', '/');
        String commit = git(dir, "rev-parse", "--verify", "--quiet", ref + "^{commit}").strip();
        Path target = Files.createTempDirectory("advisor-base-rules-");
        String listing = git(Path.of(top), "ls-tree", "-r", "--name-only", commit, "--", prefix.isEmpty() ? "." : prefix);
        List<String> files = listing.lines().filter(l -> !l.isBlank()).toList();
        if (files.isEmpty()) {
            throw new IOException("no files under " + (prefix.isEmpty() ? "." : prefix) + " at " + ref);
        }
        for (String file : files) {
            String relative = prefix.isEmpty() ? file : file.substring(prefix.length() + 1);
            Path out = target.resolve(relative);
            Files.createDirectories(out.getParent());
            Files.write(out, gitBytes(Path.of(top), "show", commit + ":" + file));
        }
        return target;
    }

    /** Deletes a checked-out rules directory (null: nothing to do); a failure leaves a temporary folder behind, no more. */
    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // the operating system cleans its temporary folder in the end
        }
    }

    private static String git(Path dir, String... args) throws IOException {
        return new String(gitBytes(dir, args), StandardCharsets.UTF_8);
    }

    private static byte[] gitBytes(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed" + (err.isEmpty() ? "" : ": " + err));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
