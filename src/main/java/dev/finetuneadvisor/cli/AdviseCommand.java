package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.Counterfactuals;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.JsonReportWriter;
import dev.finetuneadvisor.io.Report;
import dev.finetuneadvisor.io.TextReportWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code advisor advise}: evaluates fact files and prints every verdict with its reasons and what would change it. */
@Command(name = "advise", mixinStandardHelpOptions = true,
        description = "Evaluate use cases (fact files, portfolio files, directories) and explain the verdict for each.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Every use case was read and evaluated.",
            "2:Usage error.",
            "3:Some input was rejected (each error printed with file:line:column); the rest was evaluated and reported.",
            "4:The rules do not compile (each error printed as file:line:column).",
            "5:The rules failed on some use case (e.g. the firing limit was reached); the rest was reported."})
public final class AdviseCommand implements Callable<Integer> {
    /** Report formats. */
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--why-not", paramLabel = "CODE",
            description = "Say what would have to change for the rules to reach CODE (a verdict such as FINE_TUNE, or an advisory code). "
                    + "Default: FINE_TUNE for every use case whose verdict is not FINE_TUNE.")
    String whyNot;

    @Option(names = "--counterfactuals", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Search for what would change each verdict (\"What would change this\", JSON 'counterfactuals'); "
                    + "--no-counterfactuals skips the search, which re-runs the rules many times per use case.")
    boolean counterfactuals;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "A fact file (.yaml, .yml, .json), a portfolio file (useCases: [...]), or a directory (walked, sorted).")
    List<Path> paths;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        CompiledRules compiled = rules.load(err);
        if (compiled == null) {
            return ExitCodes.RULES_INVALID;
        }
        if (whyNot != null && !compiled.codes().contains(whyNot)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--why-not " + whyNot
                    + ": no rule concludes that code; the rules conclude " + String.join(", ", compiled.codes()));
        }
        if (whyNot != null && !counterfactuals) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--why-not needs the counterfactual search; drop --no-counterfactuals");
        }
        FactReader reader = new FactReader(compiled.assumptions().costInputs().keySet());
        Evaluator evaluator = new Evaluator(compiled);
        Report report = Runs.evaluate(evaluator, reader.readAll(paths), counterfactuals ? new Counterfactuals(evaluator) : null, whyNot);
        if (format == Format.json) {
            JsonReportWriter.write(report, out);
        } else {
            TextReportWriter.write(report, out);
        }
        TextReportWriter.writeErrors(report.errors(), err);
        return Runs.exitCode(report);
    }
}
