package dev.finetuneadvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.engine.ArticleRanges;
import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.Counterfactuals;
import dev.finetuneadvisor.engine.EvaluationException;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.io.Scenario;
import dev.finetuneadvisor.io.ScenarioReader;
import dev.finetuneadvisor.io.Snapshots;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Runs the regression scenarios of a tests directory through the one evaluation path: each scenario's use
 * case is evaluated (with its counterfactuals, towards {@code whyNot:} or FINE_TUNE, and the check of its verdict
 * across the article's ranges), checked against its
 * hand-written expectations and against its golden snapshot.
 * {@code advisor test} and the JUnit suite both run it, so they can never disagree.
 */
public final class SuiteRunner {
    /**
     * How one scenario came out.
     *
     * @param file the scenario file as shown
     * @param result the result, or null when the scenario could not be read or evaluated
     * @param failures one line per way it failed; empty when it passed
     */
    public record Outcome(String file, Result result, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private final CompiledRules rules;
    private final Evaluator evaluator;

    public SuiteRunner(CompiledRules rules) {
        this(new Evaluator(Objects.requireNonNull(rules, "rules")));
    }

    /** A runner that evaluates through this evaluator (its rules, or its rules without some, see {@link Evaluator#without}). */
    public SuiteRunner(Evaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.rules = evaluator.rules();
    }

    /**
     * Runs every scenario below {@code tests} whose file path matches {@code filter} (null: all).
     *
     * @param update write each scenario's snapshot from this run instead of comparing with it
     */
    public List<Outcome> run(Path tests, Pattern filter, boolean update) {
        return run(tests, filter, update, true);
    }

    /**
     * Like {@link #run(Path, Pattern, boolean)}; with {@code trace} false, snapshots are compared on what a
     * team reads (verdict, gates, recommendations, explanations, costs, counterfactuals) and not on which
     * rules fired, so a failure shows that a change is visible, not merely that the trace moved.
     */
    public List<Outcome> run(Path tests, Pattern filter, boolean update, boolean trace) {
        ScenarioReader reader = new ScenarioReader(rules.assumptions().costInputs().keySet());
        Counterfactuals counterfactuals = new Counterfactuals(evaluator);
        ArticleRanges ranges = new ArticleRanges(evaluator);
        List<Outcome> outcomes = new ArrayList<>();
        List<InputError> listing = new ArrayList<>();
        for (Path file : ScenarioReader.files(tests, listing)) {
            String shown = dev.finetuneadvisor.io.FactReader.show(file);
            if (filter != null && !filter.matcher(shown).find()) {
                continue;
            }
            outcomes.add(runOne(reader, evaluator, counterfactuals, ranges, file, shown, update, trace));
        }
        for (InputError e : listing) {
            outcomes.add(new Outcome(e.file(), null, List.of(e.message())));
        }
        return outcomes;
    }

    /** One scenario file, as {@link #run(Path, Pattern, boolean, boolean)} runs each (never updating its snapshot). */
    public Outcome runOne(Path file, boolean trace) {
        ScenarioReader reader = new ScenarioReader(rules.assumptions().costInputs().keySet());
        Counterfactuals counterfactuals = new Counterfactuals(evaluator);
        ArticleRanges ranges = new ArticleRanges(evaluator);
        return runOne(reader, evaluator, counterfactuals, ranges, file, dev.finetuneadvisor.io.FactReader.show(file), false, trace);
    }

    private Outcome runOne(ScenarioReader reader, Evaluator evaluator, Counterfactuals counterfactuals, ArticleRanges ranges, Path file,
                           String shown, boolean update, boolean trace) {
        List<InputError> errors = new ArrayList<>();
        Scenario scenario = reader.read(file, errors);
        if (scenario == null || !errors.isEmpty()) {
            return new Outcome(shown, null, errors.stream().map(InputError::describe).toList());
        }
        if (scenario.whyNot() != null && !rules.codes().contains(scenario.whyNot())) {
            return new Outcome(shown, null, List.of("whyNot: '" + scenario.whyNot() + "' is not a code the rules conclude"));
        }
        Result result;
        try {
            result = evaluator.evaluate(scenario.useCase().useCase(), scenario.useCase().file());
            String target = scenario.whyNot() != null ? scenario.whyNot() : counterfactuals.defaultTarget(result);
            result = counterfactuals.attach(scenario.useCase().useCase(), result, target);
            result = ranges.attach(scenario.useCase().useCase(), result);
        } catch (EvaluationException e) {
            return new Outcome(shown, null, List.of("evaluation failed: " + e.getMessage()));
        }
        List<String> failures = new ArrayList<>(scenario.expect().mismatches(result));
        Path snapshotFile = Snapshots.fileFor(file);
        if (update) {
            Snapshots.write(snapshotFile, result);
        } else {
            JsonNode snapshot;
            try {
                snapshot = Snapshots.read(snapshotFile);
            } catch (IOException e) {
                snapshot = null;
                failures.add("snapshot " + dev.finetuneadvisor.io.FactReader.show(snapshotFile) + " is unreadable: " + e.getMessage());
            }
            if (snapshot != null) {
                JsonNode now = Snapshots.of(result);
                if (!trace) {
                    for (JsonNode n : new JsonNode[] {snapshot, now}) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove(List.of("rulesFired", "wordedBy"));
                    }
                }
                for (String change : Snapshots.diff(snapshot, now)) {
                    failures.add("snapshot: " + change);
                }
            } else if (scenario.expect().isEmpty()) {
                failures.add("expects nothing: add expect: (verdict, gates, codes, absent) or write a snapshot with 'advisor test --update'");
            }
        }
        return new Outcome(shown, result, failures);
    }
}
