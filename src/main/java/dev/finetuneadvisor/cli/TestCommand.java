package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.io.FileWatcher;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.ScenarioOutcome;
import dev.finetuneadvisor.engine.RuleIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code advisor test}: runs the regression scenarios against the rules, with snapshots and rule coverage. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run every scenario in TESTS_DIR against the rules: hand-written expectations and golden snapshots. Prints one line per failure (scenario file, what was expected, what came out), then 'N passed, N failed'.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Every scenario passed (and coverage is at least --min-coverage).",
            "1:A scenario failed, or coverage is below --min-coverage.",
            "2:Usage error.",
            "4:The rules do not compile (each error printed as file:line:column).",
            "5:The rules failed on some scenario (reported as that scenario's failure); the other scenarios still ran."})
public final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "TESTS_DIR", arity = "0..1", defaultValue = "tests",
            description = "Directory of scenario files (*.yaml, searched recursively). Default: ${DEFAULT-VALUE}.")
    Path tests;

    @Option(names = "--filter", paramLabel = "REGEX", description = "Run only scenarios whose file path matches REGEX (found anywhere in the path).")
    String filter;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the outcomes as JUnit XML to FILE.")
    Path junit;

    @Option(names = "--update", description = "Write each scenario's snapshot (<name>.snapshot.json beside it) from this run instead of comparing with it.")
    boolean update;

    @Option(names = "--coverage", description = "List every rule with how many scenarios fired it, and name the rules no scenario fires.")
    boolean coverage;

    @Option(names = "--min-coverage", paramLabel = "PCT",
            description = "Fail when fewer than PCT percent of the rules are fired by some scenario (implies --coverage).")
    Double minCoverage;

    @Option(names = "--watch", description = "Run again whenever a file under the rules, facts/ or the tests directory changes (Ctrl-C stops).")
    boolean watch;

    @Override
    public Integer call() {
        if (minCoverage != null && (minCoverage < 0 || minCoverage > 100)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--min-coverage takes a percentage from 0 to 100");
        }
        Pattern pattern;
        try {
            pattern = filter == null ? null : Pattern.compile(filter);
        } catch (PatternSyntaxException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--filter is not a valid regular expression: " + e.getDescription());
        }
        if (!Files.isDirectory(tests)) {
            throw new CommandLine.ParameterException(spec.commandLine(), tests + ": no such tests directory; give the directory of the"
                    + " scenarios (default: tests/)");
        }
        if (watch && rules.bundled()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--watch needs a rules directory on disk (--rules DIR or ./rules),"
                    + " not the rules bundled in the jar");
        }
        if (watch) {
            FileWatcher.watch(List.of(rules.directory(), Path.of("facts"), tests), () -> {
                runOnce(pattern);
                spec.commandLine().getOut().println("-- watching " + rules.directory() + ", facts/ and " + tests + " (Ctrl-C stops)");
                spec.commandLine().getOut().flush();
            }, () -> !Thread.currentThread().isInterrupted());
            return ExitCodes.OK;
        }
        return runOnce(pattern);
    }

    private int runOnce(Pattern pattern) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Advisor advisor = rules.advisor(err);
        if (advisor == null) {
            return ExitCodes.RULES_INVALID;
        }
        List<ScenarioOutcome> outcomes = advisor.test(tests, pattern, update);
        for (ScenarioOutcome o : outcomes) {
            for (String failure : o.failures()) {
                out.println(o.file() + ": " + failure);
            }
        }
        if (junit != null) {
            try {
                JUnitXml.write(junit, "advisor.scenarios", outcomes);
            } catch (IOException e) {
                err.println("cannot write " + junit + ": " + e.getMessage());
            }
        }
        boolean coverageOk = true;
        if (coverage || minCoverage != null) {
            coverageOk = printCoverage(advisor.rules().index(), outcomes, out);
        }
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        if (update) {
            out.println("wrote " + outcomes.stream().filter(o -> o.result() != null).count() + " snapshots");
        }
        out.println((outcomes.size() - failed) + " passed, " + failed + " failed");
        out.flush();
        if (outcomes.stream().anyMatch(ScenarioOutcome::evaluationFailed)) {
            return ExitCodes.EVALUATION_FAILED;
        }
        return failed == 0 && coverageOk ? ExitCodes.OK : ExitCodes.FOUND;
    }

    private boolean printCoverage(RuleIndex index, List<ScenarioOutcome> outcomes, PrintWriter out) {
        Map<String, Integer> fired = new HashMap<>();
        for (ScenarioOutcome o : outcomes) {
            if (o.result() != null) {
                Set<String> ids = new TreeSet<>(o.result().rulesFired());
                if (o.result().wordedBy() != null) {
                    ids.addAll(o.result().wordedBy());
                }
                ids.forEach(id -> fired.merge(id, 1, Integer::sum));
            }
        }
        List<RuleIndex.Entry> all = index.rules();
        long covered = all.stream().filter(r -> fired.containsKey(r.id())).count();
        double pct = all.isEmpty() ? 100.0 : 100.0 * covered / all.size();
        out.println();
        out.println(String.format(Locale.US, "Rule coverage: %d of %d rules fired by some scenario (%.1f%%)", covered, all.size(), pct));
        int idWidth = all.stream().mapToInt(r -> r.id().length()).max().orElse(10);
        for (RuleIndex.Entry r : all) {
            out.println(String.format(Locale.US, "  %5d  %-" + idWidth + "s  %s:%d  %s", fired.getOrDefault(r.id(), 0), r.id(), r.file(), r.line(), r.name()));
        }
        List<RuleIndex.Entry> uncovered = all.stream().filter(r -> !fired.containsKey(r.id())).toList();
        if (uncovered.isEmpty()) {
            out.println("Every rule is fired by some scenario.");
        } else {
            out.println("Not fired by any scenario:");
            uncovered.forEach(r -> out.println("  " + r.file() + ":" + r.line() + ": " + r.id() + " \"" + r.name() + "\""));
        }
        out.println();
        if (minCoverage != null && pct < minCoverage) {
            out.println(String.format(Locale.US, "coverage %.1f%% is below --min-coverage %.1f%%", pct, minCoverage));
            return false;
        }
        return true;
    }
}
