package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.engine.Counterfactuals;
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
        return evaluate(evaluator, batch, null, null);
    }

    /**
     * Like {@link #evaluate(Evaluator, FactReader.Batch)}, and when {@code counterfactuals} is given, each
     * result carries the counterfactuals towards {@code whyNot} (or, when null, the default target).
     */
    static Report evaluate(Evaluator evaluator, FactReader.Batch batch, Counterfactuals counterfactuals, String whyNot) {
        List<Result> results = new ArrayList<>();
        List<InputError> errors = new ArrayList<>(batch.errors());
        for (FactReader.Loaded c : batch.useCases()) {
            try {
                Result r = evaluator.evaluate(c.useCase(), c.file());
                if (counterfactuals != null) {
                    String target = whyNot != null ? whyNot : Counterfactuals.defaultTarget(r);
                    r = counterfactuals.attach(c.useCase(), r, target);
                }
                results.add(r);
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
