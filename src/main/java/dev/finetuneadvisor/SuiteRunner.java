package dev.finetuneadvisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.engine.verify.Invariant;
import dev.finetuneadvisor.engine.verify.Invariants;
import dev.finetuneadvisor.engine.verify.SpaceCase;
import dev.finetuneadvisor.engine.verify.Verifier;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Scenario;
import dev.finetuneadvisor.io.ScenarioReader;
import dev.finetuneadvisor.io.Snapshots;
import dev.finetuneadvisor.model.EditDistance;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Runs the regression scenarios of a tests directory through the one evaluation path: each scenario's use
 * case is evaluated (with its counterfactuals, towards {@code whyNot:} or the default target, and the check
 * of its verdict across the article's ranges), checked against its hand-written expectations and against
 * its golden snapshot. {@code advisor test} and the JUnit suite both run it through {@link Advisor#test},
 * so they can never disagree.
 */
final class SuiteRunner {
    private final Advisor advisor;

    SuiteRunner(Advisor advisor) {
        this.advisor = Objects.requireNonNull(advisor, "advisor");
    }

    /**
     * Runs every scenario below {@code tests} whose file path matches {@code filter} (null: all); with
     * {@code trace} false, snapshots are compared on what a team reads (verdict, gates, recommendations,
     * explanations, costs, counterfactuals) and not on which rules fired, so a failure shows that a change
     * is visible, not merely that the trace moved.
     */
    List<ScenarioOutcome> run(Path tests, Pattern filter, boolean update, boolean trace) {
        ScenarioReader reader = new ScenarioReader(advisor.rules().assumptions().costKeys());
        List<ScenarioOutcome> outcomes = new ArrayList<>();
        List<InputError> listing = new ArrayList<>();
        for (Path file : ScenarioReader.files(tests, listing)) {
            String shown = FactReader.show(file);
            if (filter != null && !filter.matcher(shown).find()) {
                continue;
            }
            outcomes.add(runOne(reader, file, shown, update, trace));
        }
        for (InputError e : listing) {
            outcomes.add(new ScenarioOutcome(e.file(), null, List.of(e.message()), false));
        }
        return outcomes;
    }

    /** One scenario file, as {@link #run(Path, Pattern, boolean, boolean)} runs each (never updating its snapshot). */
    ScenarioOutcome runOne(Path file, boolean trace) {
        ScenarioReader reader = new ScenarioReader(advisor.rules().assumptions().costKeys());
        return runOne(reader, file, FactReader.show(file), false, trace);
    }

    /** The invariants of {@code expect: invariants:} the scenario's use case breaks, one sentence each. */
    private List<String> invariantFailures(Scenario scenario) {
        Map<String, Double> expected = scenario.expect().invariants();
        if (expected.isEmpty()) {
            return List.of();
        }
        Invariants declared;
        try {
            declared = advisor.invariants();
        } catch (RulesInvalidException e) {
            return List.of("invariants: the rules' invariants cannot be read: " + e.problems().get(0).describe());
        }
        Verifier verifier = advisor.verifier();
        SpaceCase c = SpaceCase.of(scenario.useCase().useCase(), verifier.fields());
        List<String> out = new ArrayList<>();
        expected.forEach((name, to) -> {
            if (name.equals(Verifier.EVALUATES) && to == null) {
                // the built-in invariant, which verify --write names for a case the rules fail on
                String problem = verifier.checkEvaluates(c);
                if (problem != null) {
                    out.add("invariant " + name + ": " + problem);
                }
                return;
            }
            Invariant inv = declared.named(name);
            if (inv == null) {
                String near = EditDistance.near(name, declared.invariants().stream().map(Invariant::name).toList());
                out.add("invariant " + name + ": not declared in " + Invariants.NAME + (near == null ? "" : "; did you mean " + near + "?"));
                return;
            }
            String problem = verifier.check(inv, c, to);
            if (problem != null) {
                out.add("invariant " + name + ": " + problem);
            }
        });
        return out;
    }

    private ScenarioOutcome runOne(ScenarioReader reader, Path file, String shown, boolean update, boolean trace) {
        List<InputError> errors = new ArrayList<>();
        Scenario scenario = reader.read(file, errors);
        if (scenario == null || !errors.isEmpty()) {
            return new ScenarioOutcome(shown, null, errors.stream().map(InputError::describe).toList(), false);
        }
        if (scenario.whyNot() != null && !advisor.codes().contains(scenario.whyNot())) {
            return new ScenarioOutcome(shown, null, List.of("whyNot: '" + scenario.whyNot() + "' is not a code the rules conclude"), false);
        }
        Result result;
        try {
            result = advisor.adviseForScenario(scenario.useCase().useCase(), scenario.useCase().file(), scenario.whyNot());
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // the rules failing on one scenario fail that scenario; the others still run
            return new ScenarioOutcome(shown, null, List.of(Advisor.EVALUATION_FAILED + Advisor.describe(e)), true);
        }
        List<String> failures = new ArrayList<>(scenario.expect().mismatches(result));
        failures.addAll(invariantFailures(scenario));
        Path snapshotFile = Snapshots.fileFor(file);
        if (update) {
            Snapshots.write(snapshotFile, result);
        } else {
            JsonNode snapshot;
            try {
                snapshot = Snapshots.read(snapshotFile);
            } catch (IOException e) {
                snapshot = null;
                failures.add("snapshot " + FactReader.show(snapshotFile) + " is unreadable: " + e.getMessage());
            }
            if (snapshot != null) {
                JsonNode now = Snapshots.of(result);
                if (!trace) {
                    for (JsonNode n : new JsonNode[] {snapshot, now}) {
                        ((ObjectNode) n).remove(List.of("rulesFired", "wordedBy"));
                    }
                }
                for (String change : Snapshots.diff(snapshot, now)) {
                    failures.add("snapshot: " + change);
                }
            } else if (scenario.expect().isEmpty()) {
                failures.add("expects nothing: add expect: (verdict, gates, codes, absent) or write a snapshot with 'advisor test --update'");
            }
        }
        return new ScenarioOutcome(shown, result, failures, false);
    }
}
