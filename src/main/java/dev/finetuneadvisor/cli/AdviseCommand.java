package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.io.FileWatcher;
import dev.finetuneadvisor.AdviceOptions;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.RunCounts;
import dev.finetuneadvisor.Source;
import dev.finetuneadvisor.io.Captions;
import dev.finetuneadvisor.io.DecisionLogWriter;
import dev.finetuneadvisor.io.ReportOutputException;
import dev.finetuneadvisor.io.ResultSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code advisor advise}: evaluates fact files and prints every verdict with its reasons. */
@Command(name = "advise", mixinStandardHelpOptions = true,
        description = "Evaluate use cases (fact files, portfolio files, JSON Lines, directories) and explain the verdict for each.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Every use case was read and evaluated.",
            "2:Usage error.",
            "3:Some input was rejected (each error printed with file:line:column); the rest was evaluated and reported."
                + " A mistake in the organisation's assumptions file (--assumptions) stops the run before any use case.",
            "4:The rules do not compile (each error printed as file:line:column).",
            "5:The rules failed on some use case (e.g. the firing limit was reached); the rest was reported.",
            "7:The output could not be written (stdout, a report's temporary file, or the decision log); it is incomplete."})
public final class AdviseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AdvisorCommand parent;

    @Mixin
    RulesOption rules;

    @Mixin
    AssumptionsOption assumptions;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). jsonl: one result per line as it is ready;"
                    + " markdown, html: a portfolio report; csv: one row per use case.")
    OutputFormat format;

    @Option(names = "--threads", paramLabel = "N",
            description = "Evaluate on N threads (default: the number of cores). The output is the same for any N.")
    Integer threads;

    @Option(names = "--why-not", paramLabel = "CODE",
            description = "Say what would have to change for the rules to reach CODE (a verdict such as FINE_TUNE, or an advisory code). "
                    + "Default: FINE_TUNE for every use case whose verdict is not FINE_TUNE.")
    String whyNot;

    @Option(names = "--counterfactuals", negatable = true,
            description = "Search for what would change each verdict (\"What would change this\", JSON 'counterfactuals'). "
                    + "Default: on for text and json, off for jsonl (the search re-runs the rules many times per use case); "
                    + "--why-not turns it on. csv, markdown and html do not show them.")
    Boolean counterfactuals;

    @Option(names = "--ranges", negatable = true,
            description = "Check whether each verdict holds across the article's own ranges: the use case again with every cost input "
                    + "chosen within an article range at its low and its high end (text \"Across the article's ranges\", JSON 'ranges'). "
                    + "Default: on for text and json, off for jsonl (a few more evaluations per use case). csv, markdown and html do not show it.")
    Boolean ranges;

    @Option(names = "--decision-log", paramLabel = "FILE",
            description = "Append one JSON line per decision to FILE (created if missing): the input as read, the result, the advisor and "
                    + "rule revisions, the time; each line is written as soon as its decision is made. Rejected input is not logged. "
                    + "Replay it later with 'advisor diff --base-log FILE'.")
    Path decisionLog;

    @Option(names = "--quiet", description = "No progress line on stderr (it is shown only when stderr is a terminal).")
    boolean quiet;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "A fact file (.yaml, .yml, .json), a portfolio file (useCases: [...]), a JSON Lines file (.jsonl, one use case a line),"
                    + " '-' for JSON Lines on stdin, or a directory (walked, sorted).")
    List<Path> paths;

    @Option(names = "--watch", description = "Run again whenever a file under the rules or the given paths changes, so an edit "
            + "to a rule shows its effect at once (Ctrl-C stops; not with '-').")
    boolean watch;

    @Override
    public Integer call() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + n);
        }
        if (decisionLog != null && decisionLog.toString().equals("-")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--decision-log needs a file to append to, not '-'");
        }
        if (decisionLog != null && paths.stream().anyMatch(p -> p.toAbsolutePath().normalize().equals(decisionLog.toAbsolutePath().normalize()))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--decision-log " + decisionLog
                    + " is also an input: the log would be read while it grows; give it another file");
        }
        if (paths.stream().filter(p -> p.toString().equals("-")).count() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'-' (JSON Lines on stdin) can be given once: stdin is read only once");
        }
        if (assumptions.conflict() != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), assumptions.conflict());
        }
        if (!watch) {
            return runOnce(n);
        }
        if (paths.stream().anyMatch(p -> p.toString().equals("-"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--watch cannot re-read stdin ('-'); give files or directories");
        }
        if (rules.bundled()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--watch needs a rules directory on disk (--rules DIR or ./rules),"
                    + " not the rules bundled in the jar");
        }
        List<Path> roots = new ArrayList<>(List.of(rules.directory()));
        roots.addAll(paths);
        if (assumptions.path() != null) {
            // a changed price shows at once too
            roots.add(assumptions.path());
        }
        FileWatcher.watch(roots, () -> {
            int code = runOnce(n);
            spec.commandLine().getErr().println("-- exit " + code + "; watching the rules and the given paths (Ctrl-C stops)");
            spec.commandLine().getErr().flush();
        }, () -> !Thread.currentThread().isInterrupted());
        return ExitCodes.OK;
    }

    private int runOnce(int n) {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Warmup.start(paths);
        Advisor advisor = rules.advisor(err, n);
        if (advisor == null) {
            return ExitCodes.RULES_INVALID;
        }
        try {
            advisor = assumptions.apply(advisor, err, rules.verbose);
        } catch (AssumptionsOption.Invalid e) {
            return ExitCodes.INPUT_REJECTED;
        }
        if (whyNot != null && !advisor.codes().contains(whyNot)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--why-not " + whyNot
                    + ": no rule concludes that code; the rules conclude " + String.join(", ", advisor.codes()));
        }
        boolean showsCounterfactuals = format == OutputFormat.text || format == OutputFormat.json || format == OutputFormat.jsonl;
        if ((whyNot != null || Boolean.TRUE.equals(counterfactuals)) && !showsCounterfactuals) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + format
                    + " does not show counterfactuals; --why-not and --counterfactuals go with text, json or jsonl");
        }
        if (whyNot != null && Boolean.FALSE.equals(counterfactuals)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--why-not needs the counterfactual search; drop --no-counterfactuals");
        }
        if (Boolean.TRUE.equals(ranges) && !showsCounterfactuals) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + format
                    + " does not show the range check; --ranges goes with text, json or jsonl");
        }
        boolean checkRanges = ranges != null ? ranges : format == OutputFormat.text || format == OutputFormat.json;
        boolean search = counterfactuals != null ? counterfactuals
                : whyNot != null || format == OutputFormat.text || format == OutputFormat.json;
        boolean[] captionsRead = new boolean[1];
        Captions captions = format.captions(advisor.rules(), err, captionsRead);
        if (!captionsRead[0]) {
            return ExitCodes.RULES_INVALID;
        }
        AdviceOptions options = new AdviceOptions(search, whyNot, checkRanges);
        DecisionLogWriter log;
        try {
            log = decisionLog == null ? null : DecisionLogWriter.append(decisionLog, Clock.systemUTC());
        } catch (IOException e) {
            err.println("error: --decision-log " + decisionLog + ": cannot open it for appending (" + reason(e) + ")");
            err.flush();
            return ExitCodes.OUTPUT_FAILED;
        }
        RunCounts counts;
        Progress[] progress = new Progress[1];
        try {
            ResultSink sink = format.sink(out, err, advisor::gateNames, captions, advisor.revisions());
            Source source = Source.commandLine(paths, parent.stdin());
            // a log kept beside the fact files is not one of them, on this run or the next
            counts = advisor.stream(decisionLog == null ? source : source.without(decisionLog), log == null ? sink : log.around(sink), options,
                    format.render(), started -> progress[0] = Progress.start(started, err, !quiet && parent.stderrIsTerminal()));
        } catch (ReportOutputException e) {
            closeProgress(progress[0]);
            out.flush();
            err.println("error: " + e.getMessage() + "; the report is incomplete");
            err.flush();
            return ExitCodes.OUTPUT_FAILED;
        } finally {
            closeProgress(progress[0]);
            closeLog(log, err);
        }
        if (out.checkError()) {
            // a PrintWriter keeps write errors to itself: a full disk or a closed pipe on stdout
            err.println("error: cannot write the output (stdout); what was written is incomplete");
            err.flush();
            return ExitCodes.OUTPUT_FAILED;
        }
        if (counts.isIdCheckStopped()) {
            err.println("note: more than " + RunCounts.ID_CHECK_CAPACITY + " use cases: ids after that many were not checked for repeats");
            err.flush();
        }
        return ExitCodes.of(counts);
    }

    /** Closes the decision log; every line was handed to the system as it was written, so a failure here loses none. */
    private void closeLog(DecisionLogWriter log, PrintWriter err) {
        if (log == null) {
            return;
        }
        try {
            log.close();
        } catch (IOException e) {
            err.println("warning: --decision-log " + decisionLog + ": cannot close it (" + reason(e) + ")");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its folder does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Erases the progress line (idempotent), before anything else is written to stderr. */
    private static void closeProgress(Progress progress) {
        if (progress != null) {
            progress.close();
        }
    }
}
