package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.engine.RevisionHashes;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code advisor}: is fine-tuning an LLM worth it for this use case? The top command; see its subcommands. */
@Command(name = "advisor", mixinStandardHelpOptions = true, versionProvider = AdvisorCommand.Version.class,
        description = "Is fine-tuning an LLM worth it for this use case, or should you fix retrieval, prompts or evals first?",
        subcommands = {AdviseCommand.class, SensitivityCommand.class, TestCommand.class, DiffCommand.class, CheckCommand.class,
            RulesCommand.class, VerifyCommand.class, SchemaCommand.class, InitCommand.class, ServeCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Everything was read and evaluated.",
            "1:test: a scenario failed; diff --exit-code: a decision changed; verify: an invariant is broken.",
            "2:Usage error.",
            "3:Some input was rejected; the rest was evaluated and reported.",
            "4:The rules do not compile (each error printed as file:line:column).",
            "5:The rules failed on some use case (e.g. the firing limit was reached).",
            "6:check: warnings only; the rules are usable.",
            "7:The output could not be written (advise: stdout or a report; verify/diff --write: a scenario; schema -o: the file).",
            "8:A fault in the advisor itself, named in one line (--verbose adds the stack trace)."})
public final class AdvisorCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private InputStream stdin = System.in;
    private boolean stderrIsTerminal;
    private boolean stdinIsTerminal;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line on this process's stdin, stdout and stderr (UTF-8); returns the exit code. */
    public static int execute(String... args) {
        AdvisorCommand top = new AdvisorCommand();
        top.stderrIsTerminal = Progress.stderrIsTerminal();
        // stdin and stdout both a terminal: init asks at it, with line editing; else it reads answers one a line
        top.stdinIsTerminal = AnswerConsole.stdinAndStdoutAreTerminal();
        // stdout straight to its file descriptor: System.out flushes at every write, which a stream of
        // results does not need (execute flushes at the end)
        return execute(top, System.in, new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), false),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
    }

    /** Runs the command line writing to the given streams (tests capture them); returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(new AdvisorCommand(), System.in, out, err, args);
    }

    /** Runs the command line with the given stdin ({@code -}) and streams; returns the exit code. */
    public static int execute(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        return execute(new AdvisorCommand(), in, out, err, args);
    }

    private static int execute(AdvisorCommand top, InputStream in, PrintWriter out, PrintWriter err, String... args) {
        Logging.configure(Arrays.asList(args).contains("--verbose"));
        top.stdin = in;
        CommandLine cli = new CommandLine(top);
        // every subcommand's -V says the same as advisor -V
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
        cli.setOut(out);
        cli.setErr(err);
        boolean verbose = Arrays.asList(args).contains("--verbose");
        // a fault of the advisor's own gets an exit code of its own: never 1, which test and diff use for what they find
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            err.println("error: the advisor failed: " + e);
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        });
        // a usage error is its own message (and picocli's "did you mean" for a mistyped option), not followed by
        // the whole help: a wrong --why-not code already lists the codes, and the help is one --help away
        cli.setParameterExceptionHandler((e, given) -> {
            PrintWriter to = e.getCommandLine().getErr();
            // picocli starts some messages with its own "Error: "; one "error:" is enough
            String message = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Error: ", "");
            to.println("error: " + message);
            CommandLine.UnmatchedArgumentException.printSuggestions(e, to);
            to.flush();
            return ExitCodes.USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The version the build wrote into the advisor (the one results carry as {@code advisorVersion}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"finetune-advisor " + RevisionHashes.advisorVersion()};
        }
    }

    /** What {@code -} reads. */
    InputStream stdin() {
        return stdin;
    }

    /** True only for a real run whose stdin and stdout are a terminal (never when a caller gave the streams). */
    boolean stdinIsTerminal() {
        return stdinIsTerminal;
    }

    /** True only for a real run whose stderr is a terminal (never when a caller gave the streams). */
    boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    @Override
    public void run() {
        // `advisor` alone: the subcommands are what the user is looking for
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. 'advisor advise facts/'");
    }
}
