package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.engine.EvaluationException;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Report;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import java.util.ArrayList;
import java.util.List;

/** The one path a batch takes: read use cases, evaluate each in its own session, gather results and errors. */
final class Runs {
    private Runs() {
    }

    static Report evaluate(Evaluator evaluator, FactReader.Batch batch) {
        List<Result> results = new ArrayList<>();
        List<InputError> errors = new ArrayList<>(batch.errors());
        for (FactReader.Loaded c : batch.useCases()) {
            try {
                results.add(evaluator.evaluate(c.useCase(), c.file()));
            } catch (EvaluationException e) {
                errors.add(new InputError(c.file(), c.line(), 0, null, c.useCase().getId(), "evaluation failed: " + e.getMessage()));
            }
        }
        return new Report(results, errors);
    }

    /** The exit code a report calls for: evaluation failures first, then rejected input. */
    static int exitCode(Report report) {
        if (report.errors().stream().anyMatch(e -> e.message().startsWith("evaluation failed"))) {
            return ExitCodes.EVALUATION_FAILED;
        }
        return report.errors().isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_REJECTED;
    }
}
