package dev.finetuneadvisor;

import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.engine.FieldsFile;
import dev.finetuneadvisor.engine.ReportsFile;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.io.Captions;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.io.FactFormat;
import dev.finetuneadvisor.model.ReportTexts;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Revisions;
import dev.finetuneadvisor.model.UseCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The project's own rules/, compiled once for the whole test run, and tiny helpers around them. */
public final class TestRules {
    public static final Path RULES = Path.of("rules");

    /** A use case that passes all six gates: tests change one fact of it at a time. */
    public static final String PASSES_ALL_GATES = """
            task: { need: behavior, kind: classification, narrow: true, stable: true, wellDefined: true, generalReasoning: false }
            prompt: { engineered: true, fewShot: true, structuredOutput: true }
            data: { labeledExamples: 3000, humanReviewed: true, noiseRate: 0.02 }
            volume: { callsPerDay: 500000, tokensPerCall: 1000 }
            latency: { p95BudgetMs: 1000 }
            evals: { goldenExamples: 300, humanRated: true, automatedPipeline: true, baselineRecorded: true }
            deployment: { privacyRequired: false, servingInfrastructure: true, guardrails: true, observability: true }
            """;
    /** Revisions for the head of a report built in a test from results made by hand. */
    public static final Revisions REVISIONS = new Revisions("0.0.0-test", "0123456789ab", "ba9876543210");
    private static CompiledRules compiled;
    private static Advisor advisor;

    private TestRules() {
    }

    public static synchronized CompiledRules compiled() {
        if (compiled == null) {
            try {
                compiled = CompiledRules.load(RULES, cacheDirectory());
            } catch (RulesInvalidException e) {
                throw new AssertionError("the bundled rules do not compile: " + e.problems(), e);
            }
        }
        return compiled;
    }

    /**
     * The compiled-rules cache the build gives the test run (pom.xml), shared with the in-process command-line
     * runs; null (no cache) when the tests run without it.
     */
    public static Path cacheDirectory() {
        String cache = System.getenv("FINETUNE_ADVISOR_CACHE");
        return cache == null || cache.isBlank() || cache.equalsIgnoreCase("off") ? null : Path.of(cache);
    }

    /** The one Advisor of the test run on rules/ (sharing the compiled rules above). */
    public static synchronized Advisor advisor() {
        if (advisor == null) {
            advisor = Advisor.of(compiled());
        }
        return advisor;
    }

    /** The words of the portfolio reports' captions as rules/reports.yaml declares them. */
    public static ReportTexts captionTexts() {
        List<RuleProblem> problems = new ArrayList<>();
        ReportTexts texts = ReportsFile.read(RULES.resolve(ReportsFile.NAME), ReportsFile.NAME, problems);
        if (!problems.isEmpty()) {
            throw new AssertionError("the bundled captions do not read: " + problems);
        }
        return texts;
    }

    /** The portfolio reports' captions as rules/ declares them (read without compiling the rules). */
    public static Captions captions() {
        List<RuleProblem> problems = new ArrayList<>();
        var texts = captionTexts();
        var fields = FieldsFile.read(RULES.resolve(FieldsFile.NAME), FieldsFile.NAME, problems);
        if (!problems.isEmpty()) {
            throw new AssertionError("the bundled captions do not read: " + problems);
        }
        return new Captions(texts, fields.allGatesPass());
    }

    public static Evaluator evaluator() {
        return new Evaluator(compiled());
    }

    /** A use case from a YAML snippet, read with the same strict reader as fact files. */
    public static UseCase useCase(String yaml) {
        try {
            return FactFormat.yaml().readValue(yaml, UseCase.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Result evaluate(String yaml) {
        UseCase uc = useCase(yaml);
        if (uc.getId() == null) {
            uc.setId("test");
        }
        return evaluator().evaluate(uc, "test.yaml");
    }
}
