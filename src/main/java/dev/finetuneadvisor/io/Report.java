package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import java.util.List;

/** What a run produced: results in input order and every error, as the report writers take it. */
public record Report(List<Result> results, List<InputError> errors) {
    public Report {
        results = List.copyOf(results);
        errors = List.copyOf(errors);
    }
}
