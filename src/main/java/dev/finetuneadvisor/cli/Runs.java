package dev.finetuneadvisor.cli;

/** How a batch run ends: the exit code its totals call for. */
final class Runs {
    /** The start of the message of an error where the rules, not the input, failed on a use case. */
    static final String EVALUATION_FAILED = "evaluation failed: ";

    private Runs() {
    }

    /** The exit code a run calls for: evaluation failures first, then rejected input. */
    static int exitCode(Batch.Counts counts) {
        if (counts.evaluationFailed) {
            return ExitCodes.EVALUATION_FAILED;
        }
        return counts.errors.get() == 0 ? ExitCodes.OK : ExitCodes.INPUT_REJECTED;
    }
}
