package dev.finetuneadvisor.cli;

import java.io.PrintWriter;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.engine.FactField;
import dev.finetuneadvisor.engine.Sensitivity;
import dev.finetuneadvisor.io.SensitivityWriter;
import dev.finetuneadvisor.io.Terminal;
import dev.finetuneadvisor.io.TextReportWriter;
import dev.finetuneadvisor.model.Fmt;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Sweep;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code advisor sensitivity}: the verdict across a range of one field, to show where the advice flips. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true,
        description = {"Print the verdict across a range of one field, to show where the advice flips.",
            "The rules run on each use case at evenly spaced values of the field (everything else kept); where the verdict "
                + "changes between two of them, the exact edge is found by bisection and marked *. A flag or choice is run at each value."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Every use case was read and swept.",
            "2:Usage error (unknown field, --from/--to missing for a number).",
            "3:Some input was rejected (each error printed with file:line:column); the rest was swept."
                + " A mistake in the organisation's assumptions file (--assumptions) stops the run.",
            "4:The rules do not compile (each error printed as file:line:column).",
            "5:The rules failed on some use case; the rest was swept."})
public final class SensitivityCommand implements Callable<Integer> {
    /** Report formats. */
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Mixin
    AssumptionsOption assumptions;

    @Option(names = "--field", required = true, paramLabel = "FIELD",
            description = "The field to vary, as written in fact files: data.labeledExamples, volume.callsPerMonth, "
                    + "latency.p95BudgetMs, data.noiseRate, costs.engineerUsdPerWeek, task.need, ...")
    String field;

    @Option(names = "--from", paramLabel = "A", description = "First value of the range (needed for a number).")
    Double from;

    @Option(names = "--to", paramLabel = "B", description = "Last value of the range (needed for a number).")
    Double to;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10",
            description = "Equal steps from A to B, 1 to " + Sensitivity.MAX_STEPS + " (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "A fact file, a portfolio file or a directory; every use case in it gets a table.")
    List<Path> paths;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (steps < 1 || steps > Sensitivity.MAX_STEPS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--steps must be from 1 to " + Sensitivity.MAX_STEPS);
        }
        if (assumptions.conflict() != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), assumptions.conflict());
        }
        Advisor advisor = rules.advisor(err);
        if (advisor == null) {
            return ExitCodes.RULES_INVALID;
        }
        try {
            advisor = assumptions.apply(advisor, err, rules.verbose);
        } catch (AssumptionsOption.Invalid e) {
            return ExitCodes.INPUT_REJECTED;
        }
        FactField f = FactField.find(advisor.sweepableFields(), field);
        if (f == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--field " + field + ": not a field that can be varied; one of "
                    + advisor.sweepableFields().stream().map(FactField::path).collect(Collectors.joining(", ")));
        }
        if (f.isNumber() && (from == null || to == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--field " + field + " is a number: give --from and --to");
        }
        if (f.isNumber()) {
            double max = ((Number) f.fromUnits(f.maxUnits())).doubleValue();
            for (double v : new double[] {from, to}) {
                if (v > max) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--from/--to " + Fmt.value(v)
                            + ": " + field + " can be at most " + Fmt.value(f.fromUnits(f.maxUnits())));
                }
            }
        }
        Advisor.SensitivityReport report = advisor.sensitivity(paths, field, from, to, steps);
        List<Sweep> sweeps = report.sweeps();
        List<InputError> errors = report.errors();
        if (format == Format.json) {
            SensitivityWriter.json(sweeps, errors, out);
        } else {
            PrintWriter shown = Terminal.visible(out);
            SensitivityWriter.text(sweeps, shown);
            shown.flush();
        }
        TextReportWriter.writeErrors(errors, err);
        return report.evaluationFailed() ? ExitCodes.EVALUATION_FAILED : errors.isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_REJECTED;
    }
}
