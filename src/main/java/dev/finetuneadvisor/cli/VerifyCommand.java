package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.engine.verify.Space;
import dev.finetuneadvisor.engine.verify.VerifyReport;
import dev.finetuneadvisor.engine.verify.Violation;
import dev.finetuneadvisor.io.ScenarioWriter;
import dev.finetuneadvisor.io.Terminal;
import dev.finetuneadvisor.io.VerifyWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code advisor verify}: checks the invariants of the rules over the whole fact space. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the invariants the rules declare (rules/invariants.yaml) over the whole fact space: every field at its "
                + "boundaries (absent, each value, each number a rule compares it with and one unit either side), combined so every "
                + "combination of any T fields' values occurs, also on a background on which every gate passes, plus a seeded random "
                + "sample and the volumes where a decision flips. Runs the deciding rules only. Each broken invariant is shown with the "
                + "smallest use case that still breaks it; --write saves those as scenarios that fail until the rules are fixed.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Every invariant holds.",
            "1:Some invariant is broken (or a verdict, code or rule is unreached and not listed in unreachable.yaml).",
            "2:Usage error.",
            "4:The rules, invariants.yaml or unreachable.yaml are invalid.",
            "7:--write could not write a scenario."})
public final class VerifyCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json, markdown }

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Mixin
    SpaceOptions space;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--write", paramLabel = "DIR",
            description = "Write each counterexample as a scenario (tests/ format, expect: invariants:) into DIR.")
    Path write;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Space.Options options;
        try {
            options = space.toOptions();
        } catch (IllegalArgumentException e) {
            // one line naming the option, not the whole help
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        int threads = space.threads();
        Advisor advisor = rules.advisor(err, threads);
        if (advisor == null) {
            return ExitCodes.RULES_INVALID;
        }
        VerifyReport report;
        try {
            report = advisor.verify(options);
        } catch (RulesInvalidException e) {
            for (RuleProblem p : e.problems()) {
                err.println(p.describe());
            }
            err.flush();
            return ExitCodes.RULES_INVALID;
        }
        String shown = rules.directory().toString().replace('\\', '/');
        VerifyWriter.Report written = written(report);
        switch (format) {
            case json -> VerifyWriter.json(written, shown, out);
            case markdown -> VerifyWriter.markdown(written, shown, out);
            default -> {
                PrintWriter visible = Terminal.visible(out);
                VerifyWriter.text(written, shown, visible);
                visible.flush();
                err.println(VerifyWriter.timing(written.space()));
            }
        }
        out.flush();
        if (write != null) {
            try {
                writeScenarios(report, err);
            } catch (IOException e) {
                err.println("error: cannot write scenarios to " + write + ": " + (e instanceof FileSystemException fs && fs.getReason() != null
                        ? fs.getReason() : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)));
                err.flush();
                return ExitCodes.OUTPUT_FAILED;
            }
        }
        err.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.FOUND;
    }

    /** The engine's report as the writers take it. */
    static VerifyWriter.Report written(VerifyReport r) {
        VerifyReport.SpaceSummary s = r.space();
        VerifyWriter.Space space = new VerifyWriter.Space(s.cases(), s.dimensions(), s.values(), s.strength(), s.achieved(), s.covered(),
                s.combinations(), s.coveringCases(), s.deviationStrength(), s.deviationCases(), s.backgroundPasses(), s.randomCases(),
                s.seed(), s.flipCases(), s.evaluations(), s.millis());
        List<VerifyWriter.Checked> checked = r.invariants().stream().map(i -> new VerifyWriter.Checked(i.name(), i.check(), i.says(),
                i.casesChecked(), i.violating(), i.violations().stream().map(v -> new VerifyWriter.Counterexample(v.what(),
                        v.counterexample() == null ? null : v.counterexample().given(), v.foundIn() == null ? null : v.foundIn().id(),
                        v.foundIn() == null ? null : v.foundIn().origin(), v.foundIn() == null ? 0 : v.foundIn().given().size(),
                        v.field(), v.to())).toList())).toList();
        List<VerifyWriter.Unreached> unreached = r.unreached().stream()
                .map(u -> new VerifyWriter.Unreached(u.kind(), u.name(), u.reason())).toList();
        return new VerifyWriter.Report(space, checked, unreached, r.staleAllowances());
    }

    /** Each counterexample as {@code DIR/<invariant>[-n].yaml}: the case, and the invariant it must keep. */
    private void writeScenarios(VerifyReport report, PrintWriter err) throws IOException {
        Map<String, Integer> used = new HashMap<>();
        for (VerifyReport.InvariantResult i : report.invariants()) {
            for (Violation v : i.violations()) {
                if (v.counterexample() == null) {
                    continue;
                }
                int n = used.merge(i.name(), 1, Integer::sum);
                String name = i.name() + (n == 1 ? "" : "-" + n);
                Map<String, Object> settings = new LinkedHashMap<>();
                if (v.to() != null) {
                    settings.put("to", v.to());
                }
                Map<String, Object> expect = Map.of("invariants", Map.of(i.name(), settings));
                String text = ScenarioWriter.text("Found by advisor verify: " + v.what(), name, v.counterexample().given(), expect);
                Path file = ScenarioWriter.write(write, name, text);
                err.println("wrote " + file.toString().replace('\\', '/'));
            }
        }
    }
}
