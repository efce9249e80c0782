package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.engine.Impact;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.io.Terminal;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code advisor diff}: what a rule edit changes across a portfolio, use case by use case. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Evaluate the same fact files under base rules and under the current rules, and list every use case whose decision (verdict, gate statuses, codes) changed, before and after, with the rules that fire on one side only.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Done (no decision changed, or changes were listed without --exit-code).",
            "1:With --exit-code: some decision changed.",
            "2:Usage error (or --base-ref names no revision).",
            "3:Some input was rejected; the rest was compared.",
            "4:The base or the current rules do not compile.",
            "5:The base or the current rules failed on some use case (reported); the rest was compared."})
public final class DiffCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json }

    /** Where the base rules come from: a directory, or a git revision of the rules directory. */
    static final class Base {
        @Option(names = "--base-rules", paramLabel = "DIR", required = true, description = "The rules to compare against (a directory).")
        Path dir;

        @Option(names = "--base-ref", paramLabel = "GITREF", required = true,
                description = "Take the base rules from git: the rules directory as it was at GITREF (e.g. main, HEAD~1).")
        String ref;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Base base;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--exit-code", description = "Exit with 1 when some decision changed (like git diff --exit-code).")
    boolean exitCode;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Fact files, portfolio files or directories to compare on.")
    List<Path> paths;

    /** The JSON report of a diff. */
    record Report(int useCases, List<Impact> changed, List<InputError> errors) {
    }

    @Override
    public Integer call() {
        Path checkedOut = null;
        try {
            if (base.ref != null) {
                if (rules.bundled()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--base-ref needs the rules directory of a git"
                            + " checkout (--rules DIR or ./rules), not the rules bundled in the jar");
                }
                try {
                    checkedOut = GitRules.checkout(rules.directory(), base.ref);
                } catch (IOException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--base-ref " + base.ref + ": " + e.getMessage());
                }
            }
            return compare(checkedOut != null ? checkedOut : base.dir);
        } finally {
            GitRules.delete(checkedOut);
        }
    }

    private int compare(Path baseDir) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Advisor current = rules.advisor(err);
        RulesOption baseOption = new RulesOption();
        baseOption.rules = baseDir;
        Advisor before = baseOption.advisor(err);
        if (current == null || before == null) {
            return ExitCodes.RULES_INVALID;
        }
        Advisor.DiffReport diff = current.diff(before, paths);
        List<Impact> changed = diff.changed();
        if (format == Format.json) {
            try {
                out.println(Json.pretty().writeValueAsString(new Report(diff.useCases(), changed, diff.errors())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            PrintWriter shown = Terminal.visible(out);
            text(changed, diff.useCases(), shown);
            shown.flush();
        }
        diff.errors().forEach(e -> err.println("error: " + e.describe()));
        out.flush();
        err.flush();
        if (diff.evaluationFailed()) {
            return ExitCodes.EVALUATION_FAILED;
        }
        if (!diff.errors().isEmpty()) {
            return ExitCodes.INPUT_REJECTED;
        }
        return exitCode && !changed.isEmpty() ? ExitCodes.FOUND : ExitCodes.OK;
    }

    private static void text(List<Impact> changed, int total, PrintWriter out) {
        if (changed.isEmpty()) {
            out.println("no decision changed (" + total + (total == 1 ? " use case)" : " use cases)"));
            return;
        }
        for (Impact i : changed) {
            out.println(i.id() + " (" + i.file() + ")");
            Impact.Decision b = i.before();
            Impact.Decision a = i.after();
            if (b.error() != null || a.error() != null) {
                out.println("  evaluation: " + (b.error() == null ? "ok" : "failed: " + b.error()) + " -> "
                        + (a.error() == null ? "ok" : "failed: " + a.error()));
            }
            if (b.verdict() != null && a.verdict() != null && !b.verdict().equals(a.verdict())) {
                out.println("  verdict: " + b.verdict() + " -> " + a.verdict());
            }
            Map<String, Status> gatesAfter = new LinkedHashMap<>(a.gates());
            b.gates().forEach((name, status) -> {
                Status after = gatesAfter.get(name);
                if (after != status) {
                    out.println("  gate " + name + ": " + status + " -> " + (after == null ? "(none)" : after));
                }
            });
            TreeSet<String> added = new TreeSet<>(a.codes());
            added.removeAll(b.codes());
            TreeSet<String> removed = new TreeSet<>(b.codes());
            removed.removeAll(a.codes());
            if (!added.isEmpty() || !removed.isEmpty()) {
                List<String> parts = new ArrayList<>();
                added.forEach(code -> parts.add("+ " + code));
                removed.forEach(code -> parts.add("- " + code));
                out.println("  codes: " + String.join(", ", parts));
            }
            if (!i.rulesNowFiring().isEmpty()) {
                out.println("  rules now firing: " + String.join(", ", i.rulesNowFiring()));
            }
            if (!i.rulesNoLongerFiring().isEmpty()) {
                out.println("  rules no longer firing: " + String.join(", ", i.rulesNoLongerFiring()));
            }
        }
        out.println(changed.size() + " of " + total + " use cases changed");
    }
}
