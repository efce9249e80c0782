package dev.finetuneadvisor.cli;

import static dev.finetuneadvisor.io.Terminal.oneLine;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.Interview;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.Question;
import dev.finetuneadvisor.model.Questionnaire;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code advisor init}: the questionnaire of {@code rules/questionnaire.yaml} at a terminal (or over piped answers),
 * each answer checked at once, the verdict announced as soon as it is decided, and the answers written as a commented
 * fact file. The questions, the checking and the verdict come from the {@link Interview}; this class only talks.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Ask the framework's questions in its order and write the answers as a commented YAML fact file.",
            "Each answer is checked at once (a wrong one is asked again); an empty answer means don't know and leaves the field "
                + "out. As soon as the verdict is decided (the first gate that does not pass, with no answer to come that could "
                + "change it) it is announced, and you may stop there: the file then holds what was answered. At a terminal, "
                + "Tab completes the allowed answers; answers may also be piped in, one a line. The end of input (Ctrl-D) or "
                + "Ctrl-C before the last question writes nothing."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:The fact file was written.",
            "2:Usage error (the file exists and --force is not given).",
            "3:The answers ended before the questionnaire did (end of input, Ctrl-D or Ctrl-C); nothing was written. A mistake in the organisation's assumptions file (--assumptions) stops before the first question.",
            "4:The rules or their questionnaire cannot be used (each problem printed as file:line:column).",
            "7:The fact file could not be written."})
public final class InitCommand implements Callable<Integer> {
    /** The name a fact file gets from its id when no FILE is given: ids that are safe as a file name. */
    /** The name when no FILE is given and the id is not one a file can be named after. */
    static final String DEFAULT_NAME = Interview.DEFAULT_FILE_NAME;

    @Spec
    CommandSpec spec;

    @ParentCommand
    AdvisorCommand top;

    @Mixin
    RulesOption rules;

    // the verdict announced is the one advise gives the file, so the same organisation's numbers apply
    @Mixin
    AssumptionsOption assumptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The fact file to write. Default: <id>.yaml in the current directory, after the id answered "
                    + "(" + DEFAULT_NAME + " when the id is not given or not usable as a file name).")
    Path file;

    @Option(names = "--force", description = "Overwrite FILE (or <id>.yaml) when it exists.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (file != null && file.toString().equals("-")) {
            err.println("error: init writes a file: name one (FILE), or leave it out to write <id>.yaml");
            return ExitCodes.USAGE;
        }
        if (file != null && Files.exists(file) && !force) {
            err.println("error: " + file + " exists; give --force to overwrite it, or another FILE");
            return ExitCodes.USAGE;
        }
        // a file that cannot be written is said before the first question, not after the last
        Path folder = (file == null ? Path.of("") : file.toAbsolutePath().getParent());
        Path where = folder == null ? Path.of("").toAbsolutePath() : folder.toAbsolutePath();
        if (!Files.isDirectory(where)) {
            err.println("error: cannot write " + (file == null ? "<id>.yaml" : file) + ": no such directory " + where);
            return ExitCodes.OUTPUT_FAILED;
        }
        if (!Files.isWritable(where)) {
            err.println("error: cannot write " + (file == null ? "<id>.yaml" : file) + ": the directory " + where + " is not writable");
            return ExitCodes.OUTPUT_FAILED;
        }
        if (assumptions.conflict() != null) {
            err.println("error: " + assumptions.conflict());
            return ExitCodes.USAGE;
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
        Interview interview;
        try {
            interview = advisor.interview();
        } catch (RulesInvalidException e) {
            e.problems().stream().map(RuleProblem::describe).forEach(err::println);
            err.println("the questionnaire of " + rules.directory() + " cannot be used: " + e.problems().size() + " problem(s)");
            return ExitCodes.RULES_INVALID;
        }
        try (AnswerConsole console = top.stdinIsTerminal() ? AnswerConsole.system()
                : AnswerConsole.piped(top.stdin(), spec.commandLine().getOut())) {
            return ask(advisor, interview, console, err);
        }
    }

    private int ask(Advisor advisor, Interview interview, AnswerConsole console, PrintWriter err) {
        PrintWriter out = console.out();
        int gates = advisor.gateNames().size();
        out.println("advisor init: the decision framework's questions, gate by gate, in its order.");
        out.println("Each answer is checked at once; an empty answer means don't know and leaves the field out of the file.");
        Questionnaire.Part part = null;
        Path target = file;
        boolean announced = false;
        boolean stopped = false;
        try {
            for (Question q = interview.next(); q != null; q = interview.next()) {
                Questionnaire.Part now = interview.questionnaire().partOf(q);
                if (now != part) {
                    part = now;
                    out.println();
                    out.println(part.gate() != null ? "== Gate " + part.gateNumber() + " of " + gates + ": " + part.gate()
                            : "== " + part.heading());
                    if (part.framework() != null) {
                        // the framework's own question for the gate, as the article asks it
                        out.println("   The article asks: \"" + part.framework() + "\"");
                    }
                }
                show(out, interview, q);
                String answer;
                while (true) {
                    answer = console.readLine(q.field() + "> ", q.choices());
                    String error = q.field().equals("id") && file == null ? nameTaken(answer) : null;
                    if (error == null) {
                        error = interview.answer(answer);
                    }
                    if (error == null) {
                        break;
                    }
                    out.println("  error: " + oneLine(error));
                }
                if (q.field().equals("id") && file == null) {
                    target = named(answer.strip());
                }
                Result decided = announced || interview.next() == null ? null : interview.decided();
                if (decided != null) {
                    announced = true;
                    announce(out, decided);
                    if (!keepGoing(console, out)) {
                        stopped = true;
                        break;
                    }
                }
            }
        } catch (AnswerConsole.Ended e) {
            out.println();
            out.println("The answers ended (" + e.getMessage() + ") at question " + (interview.asked() + 1) + " of "
                    + interview.total() + ": nothing written. Answer n when a verdict is announced to stop and keep the answers.");
            out.flush();
            return ExitCodes.INPUT_REJECTED;
        }
        if (target == null) {
            target = Path.of(DEFAULT_NAME);
        }
        return write(interview, target, stopped, out, err);
    }

    private static void show(PrintWriter out, Interview interview, Question q) {
        out.println("[" + (interview.asked() + 1) + "/" + interview.total() + "] " + q.ask());
        if (q.quote() != null) {
            out.println("    The article: \"" + q.quote() + "\"");
        }
        if (!q.help().isEmpty()) {
            out.println("    " + q.help());
        }
        out.println("    Answer: " + q.allowed() + "; empty: don't know.");
    }

    /** Why the id cannot be taken when it names the file to write: that file exists and --force is not given. */
    private String nameTaken(String answer) {
        if (answer == null || force) {
            return null;
        }
        Path named = named(answer.strip());
        return Files.exists(named) ? named + " exists: give another id (or run init with --force, or with a FILE)" : null;
    }

    /** The file named after an id ({@link Interview#fileName}). */
    private static Path named(String id) {
        return Path.of(Interview.fileName(id));
    }

    private static void announce(PrintWriter out, Result decided) {
        Recommendation verdict = Interview.verdictOf(decided);
        GateResult stop = decided.stoppedAt();
        out.println();
        if (stop == null) {
            out.println("=> every gate passes: " + decided.verdict() + ": " + verdict.getAction());
        } else {
            String how = stop.getStatus() == Status.FAIL ? "fails" : "cannot be decided";
            out.println("=> gate " + stop.getNumber() + " (" + stop.getName() + ") " + how + ": " + oneLine(stop.getReason()));
            out.println("   Verdict: " + decided.verdict() + ": " + verdict.getAction());
        }
        out.println("   No answer still to come can change it.");
    }

    private static boolean keepGoing(AnswerConsole console, PrintWriter out) throws AnswerConsole.Ended {
        while (true) {
            String a = console.readLine("Keep going to see the rest? [Y/n] ", List.of("y", "n")).strip().toLowerCase(Locale.ROOT);
            if (a.isEmpty() || a.equals("y") || a.equals("yes")) {
                return true;
            }
            if (a.equals("n") || a.equals("no")) {
                return false;
            }
            out.println("  error: answer y to go on, or n to stop and write the answers so far");
        }
    }

    private int write(Interview interview, Path target, boolean stopped, PrintWriter out, PrintWriter err) {
        Result result = interview.result();
        Recommendation verdict = Interview.verdictOf(result);
        GateResult stop = result.stoppedAt();
        List<String> header = Interview.header("advisor init", stopped ? "Stopped when the verdict was decided: the questions after it were not asked."
                : null, result, "written", FactReader.show(target));
        String text = interview.factFile(header);
        try {
            if (force) {
                Files.writeString(target, text, StandardCharsets.UTF_8);
            } else {
                Files.writeString(target, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            err.println("error: " + target + " exists (made while the questions were asked); give --force to overwrite it");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("error: cannot write " + target + ": " + (e instanceof FileSystemException fs && fs.getReason() != null
                    ? fs.getReason() : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())));
            return ExitCodes.OUTPUT_FAILED;
        }
        out.println();
        out.println("Verdict: " + result.verdict() + ": " + verdict.getAction());
        if (stop != null) {
            out.println("  gate " + stop.getNumber() + " (" + stop.getName() + "): " + oneLine(stop.getReason()));
        }
        out.println("Wrote " + FactReader.show(target) + ": " + interview.answered() + " fields answered, the others commented out."
                + " The whole advice: advisor advise " + FactReader.show(target));
        out.flush();
        return ExitCodes.OK;
    }
}
