package dev.finetuneadvisor.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code advisor}: is fine-tuning an LLM worth it for this use case? The top command; see its subcommands. */
@Command(name = "advisor", mixinStandardHelpOptions = true, version = "finetune-advisor 0.1.0",
        description = "Is fine-tuning an LLM worth it for this use case, or should you fix retrieval, prompts or evals first?",
        subcommands = {AdviseCommand.class, SensitivityCommand.class, TestCommand.class, DiffCommand.class, CheckCommand.class,
            RulesCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Everything was read and evaluated.",
            "1:test: a scenario failed; diff --exit-code: a decision changed.",
            "2:Usage error.",
            "3:Some input was rejected; the rest was evaluated and reported.",
            "4:The rules do not compile (each error printed as file:line:column).",
            "5:The rules failed on some use case (e.g. the firing limit was reached).",
            "6:check: warnings only; the rules are usable."})
public final class AdvisorCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line with stdout and stderr in UTF-8; returns the exit code. */
    public static int execute(String... args) {
        return execute(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
    }

    /** Runs the command line writing to the given streams (tests capture them); returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        Logging.configure(Arrays.asList(args).contains("--verbose"));
        CommandLine cli = new CommandLine(new AdvisorCommand());
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. 'advisor advise facts/'");
    }
}
