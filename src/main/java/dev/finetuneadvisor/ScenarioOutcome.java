package dev.finetuneadvisor;

import dev.finetuneadvisor.model.Result;
import java.util.List;

/**
 * How one regression scenario came out ({@link Advisor#test}).
 *
 * @param file the scenario file as shown
 * @param result the result, or null when the scenario could not be read or the rules failed on it
 * @param failures one line per way it failed; empty when it passed
 * @param evaluationFailed true when the rules, not the scenario, failed (a rule threw or looped)
 */
public record ScenarioOutcome(String file, Result result, List<String> failures, boolean evaluationFailed) {
    public boolean passed() {
        return failures.isEmpty();
    }
}
