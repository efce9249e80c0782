package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.RunCounts;

/** The exit codes of every subcommand, listed in {@code --help}. */
public final class ExitCodes {
    /** Everything was read and evaluated (for test: every scenario passed; for diff: nothing changed). */
    public static final int OK = 0;
    /** A check found what it looks for: a failing scenario (test), a changed decision (diff --exit-code). */
    public static final int FOUND = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** Some input was rejected (bad fact file, field or value); the rest was still evaluated and reported. */
    public static final int INPUT_REJECTED = 3;
    /** The rules do not compile or are unusable; each problem is printed with file and line. */
    public static final int RULES_INVALID = 4;
    /** check: the rules compile and run, but a lint found something worth a look (and no error). */
    public static final int WARNINGS = 6;
    /** The rules failed on some use case (a loop stopped by the firing limit, no or several verdicts). */
    public static final int EVALUATION_FAILED = 5;
    /** advise: the output could not be written (stdout, or a report's temporary file); what was written is incomplete. */
    public static final int OUTPUT_FAILED = 7;
    /** A fault in the advisor itself (a bug, not the input or the rules): one line names it; {@code --verbose} adds the trace. */
    public static final int INTERNAL_ERROR = 8;

    private ExitCodes() {
    }

    /** The exit code a streaming run calls for: evaluation failures first, then rejected input. */
    static int of(RunCounts counts) {
        if (counts.isEvaluationFailed()) {
            return EVALUATION_FAILED;
        }
        return counts.errors() == 0 ? OK : INPUT_REJECTED;
    }
}
