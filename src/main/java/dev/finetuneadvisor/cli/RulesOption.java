package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --rules DIR} and {@code --verbose}, shared by every subcommand that runs the rules, and the
 * command line's choices a library caller makes for itself: which rules (the bundled ones when none is
 * named) and where compiled rules are cached (read from the environment here, and only here).
 */
public final class RulesOption {
    /** The environment variable naming the compiled-rules cache directory; {@code off} turns the cache off. */
    static final String CACHE_VARIABLE = "FINETUNE_ADVISOR_CACHE";

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rules directory (*.drl, assumptions.yaml, fields.yaml, article.yaml). Default: ./rules, else the rules bundled in the jar.")
    Path rules;

    @Option(names = "--verbose", description = "Show the rule engine's own log (hidden by default).")
    boolean verbose;

    /** The rules directory to use: --rules, else ./rules, else the rules bundled in the jar. */
    Path directory() {
        if (rules != null) {
            return rules;
        }
        Path here = Path.of("rules");
        if (Files.isDirectory(here)) {
            return here;
        }
        try {
            return Advisor.bundledRules();
        } catch (IllegalStateException e) {
            // a build without its resources: ./rules, which loading reports as missing
            return here;
        }
    }

    /** True when the rules in use are the jar's own (read only; not watched, not a git checkout). */
    boolean bundled() {
        return !directory().getFileSystem().equals(Path.of("").getFileSystem());
    }

    /**
     * Where the command line caches compiled rules: {@code $FINETUNE_ADVISOR_CACHE} ({@code off}: nowhere),
     * else {@code $XDG_CACHE_HOME/finetune-advisor}, else {@code ~/.cache/finetune-advisor}.
     */
    static Path cacheDirectory() {
        String set = System.getenv(CACHE_VARIABLE);
        if (set != null && !set.isBlank()) {
            return set.equalsIgnoreCase("off") ? null : Path.of(set);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("finetune-advisor");
    }

    /** The compiled rules (see {@link #advisor(PrintWriter)}), or null when they cannot be used (problems printed). */
    CompiledRules load(PrintWriter err) {
        Advisor advisor = advisor(err);
        return advisor == null ? null : advisor.rules();
    }

    /** Builds the advisor on these rules with the command line's cache, or prints every problem to {@code err} and returns null. */
    Advisor advisor(PrintWriter err) {
        return advisor(err, 1);
    }

    /** Like {@link #advisor(PrintWriter)}, with {@code threads} workers for streaming runs. */
    Advisor advisor(PrintWriter err, int threads) {
        Path directory = directory();
        try {
            // the same rules, unchanged, compiled earlier in this process (a watch loop, a test run): reused
            String key = CompiledRulesMemo.key(directory);
            CompiledRules known = CompiledRulesMemo.get(key);
            Advisor advisor = known != null ? Advisor.of(known, threads)
                    : Advisor.builder().rules(directory).cache(cacheDirectory()).threads(threads).build();
            if (known == null && key != null && key.equals(CompiledRulesMemo.key(directory))) {
                // stored only when no file changed while the rules were read: the key must be of what was read
                CompiledRulesMemo.put(key, advisor.rules());
            }
            if (verbose) {
                err.println("rules: " + directory + (bundled() ? " (bundled in the jar)" : "")
                        + (known != null ? ", as read earlier in this process"
                                : advisor.rules().fromCache() ? ", compiled earlier (cache " + cacheDirectory() + ")" : ", compiled now"));
                advisor.rules().warnings().forEach(w -> err.println(w.describe()));
            }
            return advisor;
        } catch (RulesInvalidException e) {
            for (RuleProblem p : e.problems()) {
                err.println(p.describe());
            }
            err.println("the rules in " + directory + " cannot be used: " + e.problems().size() + " problem(s)");
            err.flush();
            return null;
        }
    }
}
