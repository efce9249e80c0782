package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --rules DIR} and {@code --verbose}, shared by every subcommand that runs the rules. */
public final class RulesOption {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rules directory (*.drl, assumptions.yaml, article.yaml). Default: ./rules, else the rules/ of the project the jar was built in.")
    Path rules;

    @Option(names = "--verbose", description = "Show the rule engine's own log (hidden by default).")
    boolean verbose;

    /** The rules directory to use: --rules, else ./rules, else the project's rules/ beside target/advisor.jar. */
    Path directory() {
        if (rules != null) {
            return rules;
        }
        Path here = Path.of("rules");
        if (Files.isDirectory(here)) {
            return here;
        }
        try {
            Path jar = Path.of(RulesOption.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path beside = jar.getParent() == null || jar.getParent().getParent() == null ? null : jar.getParent().getParent().resolve("rules");
            if (beside != null && Files.isDirectory(beside)) {
                return beside;
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through to ./rules, which load() reports as missing
        }
        return here;
    }

    /** Compiles the rules, or prints every problem to {@code err} and returns null. */
    CompiledRules load(PrintWriter err) {
        try {
            CompiledRules compiled = CompiledRules.load(directory());
            if (verbose) {
                compiled.warnings().forEach(w -> err.println(w.describe()));
            }
            return compiled;
        } catch (RulesInvalidException e) {
            for (RuleProblem p : e.problems()) {
                err.println(p.describe());
            }
            err.println("the rules in " + directory() + " cannot be used: " + e.problems().size() + " problem(s)");
            err.flush();
            return null;
        }
    }
}
