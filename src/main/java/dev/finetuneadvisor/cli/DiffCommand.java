package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.engine.Impact;
import dev.finetuneadvisor.engine.OrganisationFile;
import dev.finetuneadvisor.engine.verify.Space;
import dev.finetuneadvisor.engine.verify.SpaceDiff;
import dev.finetuneadvisor.io.ImpactDiffWriter;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.io.SpaceDiffWriter;
import dev.finetuneadvisor.io.Terminal;
import dev.finetuneadvisor.io.VerifyWriter;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.OrganisationCosts;
import dev.finetuneadvisor.model.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code advisor diff}: what a rule edit changes across a portfolio, use case by use case. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Evaluate the same fact files under base rules and under the current rules, and list every use case whose decision (verdict, gate statuses, codes) changed, before and after, with the rules that fire on one side only.",
            "With --base-log FILE (and no PATH): evaluate every decision of a decision log (advise --decision-log) again under the current rules and list each one whose decision would change, with the counts.",
            "With --space (and no PATH): evaluate the whole fact space of both rule sets (every field at its boundaries, the numbers either compares a field with) under each, and report how decisions changed, grouped (verdict before -> after, codes gained and lost), with each group's cases and share of the space, a minimal representative case and where it flips when one number decides it."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Done (no decision changed, or changes were listed without --exit-code).",
            "1:With --exit-code: some decision changed (with --space: some case of the space changed, in its verdict, codes or numbers only).",
            "2:Usage error (or --base-ref names no revision; --space with PATH, or a space option out of range).",
            "3:Some input was rejected; the rest was compared. A mistake in the organisation's assumptions file (--assumptions) stops the run.",
            "4:The base or the current rules do not compile.",
            "5:The base or the current rules failed on some use case (reported); the rest was compared. With --space a case the rules fail on is a change like any other (failed: KIND).",
            "7:With --space --write: a scenario file could not be written."})
public final class DiffCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json, markdown }

    /** Options that only make sense with --space. */
    private static final List<String> SPACE_ONLY = List.of("--strength", "--deviations", "--seed", "--random", "--flip-sample", "--quick", "--threads", "--write");

    /** Where the base rules come from: a directory, or a git revision of the rules directory. */
    static final class Base {
        @Option(names = "--base-rules", paramLabel = "DIR", required = true, description = "The rules to compare against (a directory).")
        Path dir;

        @Option(names = "--base-ref", paramLabel = "GITREF", required = true,
                description = "Take the base rules from git: the rules directory as it was at GITREF (e.g. main, HEAD~1).")
        String ref;

        @Option(names = "--base-log", paramLabel = "FILE", required = true,
                description = "Compare with the decisions of a decision log (advise --decision-log FILE): each logged input evaluated again.")
        Path log;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Mixin
    AssumptionsOption assumptions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Base base;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); markdown is a pull-request comment.")
    Format format;

    @Option(names = "--exit-code", description = "Exit with 1 when some decision changed (like git diff --exit-code).")
    boolean exitCode;

    @Option(names = "--space", description = "Compare over the whole fact space instead of fact files (no PATH).")
    boolean space;

    @Mixin
    SpaceOptions spaceOptions;

    @Option(names = "--write", paramLabel = "DIR",
            description = "With --space: write each group's representative as a scenario (tests/ format) into DIR, expecting the new decision.")
    Path write;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Fact files, portfolio files or directories to compare on (not with --space or --base-log).")
    List<Path> paths = new ArrayList<>();

    /** The JSON report of a diff. */
    record Report(int useCases, List<Impact> changed, List<InputError> errors) {
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (base.log != null) {
            return replayLog(err);
        }
        Space.Options options = null;
        if (assumptions.conflict() != null) {
            return usage(err, assumptions.conflict());
        }
        if (space) {
            if (assumptions.given()) {
                // the space varies every cost input itself; the default file is not read here either
                return usage(err, "diff --space compares the rules over the whole fact space, with the rules' own cost inputs:"
                        + " leave out --assumptions");
            }
            if (!paths.isEmpty()) {
                return usage(err, "diff --space compares the whole fact space, not fact files: leave out PATH (" + paths.get(0) + ")");
            }
            try {
                options = spaceOptions.toOptions();
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
        } else {
            for (String option : SPACE_ONLY) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    return usage(err, option + " needs --space");
                }
            }
            if (paths.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'PATH'");
            }
        }
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
            Path baseDir = checkedOut != null ? checkedOut : base.dir;
            return space ? compareSpace(baseDir, options) : compare(baseDir);
        } finally {
            GitRules.delete(checkedOut);
        }
    }


    /** {@code --base-log}: the log's inputs are the use cases, so no PATH and no space; see {@link LogDiff}. */
    private int replayLog(PrintWriter err) {
        if (!paths.isEmpty()) {
            return usage(err, "diff --base-log replays the inputs the log holds: leave out PATH (" + paths.get(0) + ")");
        }
        if (space) {
            return usage(err, "--space and --base-log are two different comparisons: give one");
        }
        for (String option : SPACE_ONLY) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                return usage(err, option + " needs --space");
            }
        }
        if (format == Format.markdown) {
            return usage(err, "--format markdown does not go with --base-log; use text or json");
        }
        if (!Files.isRegularFile(base.log)) {
            return usage(err, "--base-log " + base.log + ": no such file");
        }
        if (assumptions.conflict() != null) {
            return usage(err, assumptions.conflict());
        }
        Advisor current = rules.advisor(err);
        if (current == null) {
            return ExitCodes.RULES_INVALID;
        }
        try {
            // replayed with the organisation's prices as advise would use them now, so only the rules' change shows
            current = current.withOrganisation(assumptions.read(current, err, rules.verbose));
        } catch (AssumptionsOption.Invalid e) {
            return ExitCodes.INPUT_REJECTED;
        }
        return LogDiff.run(current, base.log, format == Format.json, exitCode, spec.commandLine().getOut(), err);
    }

    /** One line on stderr, exit 2: the command line was wrong. */
    private static int usage(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return ExitCodes.USAGE;
    }

    private int compareSpace(Path baseDir, Space.Options options) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Advisor current = rules.advisor(err, spaceOptions.threads());
        RulesOption baseOption = new RulesOption();
        baseOption.rules = baseDir;
        Advisor before = baseOption.advisor(err);
        if (current == null || before == null) {
            return ExitCodes.RULES_INVALID;
        }
        SpaceDiff.Report report = current.diffSpace(before, options);
        SpaceDiffWriter.Diff diff = view(report, write);
        if (write != null) {
            try {
                SpaceDiffWriter.writeScenarios(write, diff);
            } catch (IOException e) {
                err.println("error: cannot write the scenarios to " + write + ": " + e.getMessage());
                err.flush();
                return ExitCodes.OUTPUT_FAILED;
            }
        }
        switch (format) {
            case json -> {
                try {
                    out.println(SpaceDiffWriter.json(diff));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case markdown -> {
                PrintWriter shown = Terminal.visible(out);
                SpaceDiffWriter.markdown(diff, shown);
                shown.flush();
            }
            default -> {
                PrintWriter shown = Terminal.visible(out);
                SpaceDiffWriter.text(diff, shown);
                shown.flush();
                // the time taken goes to stderr, so the same rules and options print the same bytes
                err.println(VerifyWriter.timing(diff.space()));
            }
        }
        out.flush();
        err.flush();
        return exitCode && report.changed() ? ExitCodes.FOUND : ExitCodes.OK;
    }

    /** The report as the writer takes it. */
    private static SpaceDiffWriter.Diff view(SpaceDiff.Report r, Path write) {
        Space s = r.space();
        int values = s.space().dimensions().stream().mapToInt(x -> x.values().size()).sum();
        VerifyWriter.Space summary = new VerifyWriter.Space(r.cases(), s.space().dimensions().size(), values, s.strength(), s.achieved(),
                s.covered(), s.combinations(), s.coveringCases(), s.deviationStrength(), s.deviationCases(), s.backgroundsPass(),
                s.randomCases(), r.options().seed(), s.flipCases(), r.evaluations(), r.millis());
        List<SpaceDiffWriter.Group> groups = new ArrayList<>();
        for (SpaceDiff.Group g : r.groups()) {
            List<SpaceDiffWriter.Bound> bounds = g.boundaries().stream().map(b -> new SpaceDiffWriter.Bound(b.field(), b.low(), b.high(), b.decides())).toList();
            groups.add(new SpaceDiffWriter.Group(g.from(), g.to(), g.gained(), g.lost(), g.cases(), g.representative().id(),
                    g.representative().given(), bounds));
        }
        return new SpaceDiffWriter.Diff(summary, groups, r.numbersOnly(), write);
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
        try {
            // the organisation's prices on both sides, so that only the rules differ; the base gets the inputs it has
            OrganisationCosts costs = assumptions.read(current, err, rules.verbose);
            current = current.withOrganisation(costs);
            before = before.withOrganisation(costs == null ? null : costs.only(OrganisationFile.settable(before.rules().assumptions())));
        } catch (AssumptionsOption.Invalid e) {
            return ExitCodes.INPUT_REJECTED;
        }
        Advisor.DiffReport diff = current.diff(before, paths);
        List<Impact> changed = diff.changed();
        if (format == Format.json) {
            try {
                out.println(Json.pretty().writeValueAsString(new Report(diff.useCases(), changed, diff.errors())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (format == Format.markdown) {
            PrintWriter shown = Terminal.visible(out);
            ImpactDiffWriter.markdown(markdown(diff), shown);
            shown.flush();
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

    /** The diff as the Markdown writer takes it. */
    private ImpactDiffWriter.Diff markdown(Advisor.DiffReport diff) {
        List<ImpactDiffWriter.Change> changes = diff.changed().stream().map(i -> new ImpactDiffWriter.Change(i.id(), i.file(),
                side(i.before()), side(i.after()), i.rulesNowFiring(), i.rulesNoLongerFiring())).toList();
        ImpactDiffWriter.Base against = base.ref != null ? new ImpactDiffWriter.Base(base.ref, true)
                : new ImpactDiffWriter.Base(base.dir.toString(), false);
        return new ImpactDiffWriter.Diff(against, diff.useCases(), changes, diff.errors().stream().map(InputError::describe).toList());
    }

    private static ImpactDiffWriter.Side side(Impact.Decision d) {
        return new ImpactDiffWriter.Side(d.verdict(), d.gates(), d.codes(), d.error());
    }

    /**
     * What changed in one use case, one line a kind of change: the evaluation when a side failed (then nothing
     * else, the failed side has no gates or codes to compare), the verdict, each gate whose status changed (or
     * that one side alone has), the codes gained (+) and lost (-), the rules firing on one side only. The log
     * replay ({@link LogDiff}) writes a changed decision the same way.
     */
    static void describe(Impact i, PrintWriter out) {
        Impact.Decision b = i.before();
        Impact.Decision a = i.after();
        if (b.error() != null || a.error() != null) {
            out.println("  evaluation: " + (b.error() == null ? "ok" : "failed: " + b.error()) + " -> "
                    + (a.error() == null ? "ok" : "failed: " + a.error()));
        }
        if (b.verdict() != null && a.verdict() != null && !b.verdict().equals(a.verdict())) {
            out.println("  verdict: " + b.verdict() + " -> " + a.verdict());
        }
        if (b.error() == null && a.error() == null) {
            b.gates().forEach((name, status) -> {
                Status after = a.gates().get(name);
                if (after != status) {
                    out.println("  gate " + name + ": " + status + " -> " + (after == null ? "(none)" : after));
                }
            });
            a.gates().forEach((name, status) -> {
                if (!b.gates().containsKey(name)) {
                    out.println("  gate " + name + ": (none) -> " + status);
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
        }
        if (!i.rulesNowFiring().isEmpty()) {
            out.println("  rules now firing: " + String.join(", ", i.rulesNowFiring()));
        }
        if (!i.rulesNoLongerFiring().isEmpty()) {
            out.println("  rules no longer firing: " + String.join(", ", i.rulesNoLongerFiring()));
        }
    }

    private static void text(List<Impact> changed, int total, PrintWriter out) {
        if (changed.isEmpty()) {
            out.println("no decision changed (" + total + (total == 1 ? " use case)" : " use cases)"));
            return;
        }
        for (Impact i : changed) {
            out.println(i.id() + " (" + i.file() + ")");
            describe(i, out);
        }
        out.println(changed.size() + " of " + total + " use cases changed");
    }
}
