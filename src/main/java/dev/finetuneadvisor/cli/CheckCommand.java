package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.engine.ArticleFile;
import dev.finetuneadvisor.engine.AssumptionsFile;
import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.EvaluationException;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.engine.FieldsFile;
import dev.finetuneadvisor.engine.PhaseLint;
import dev.finetuneadvisor.engine.QuestionnaireFile;
import dev.finetuneadvisor.engine.ReportsFile;
import dev.finetuneadvisor.engine.RuleIndex;
import dev.finetuneadvisor.engine.RuleLint;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.engine.verify.Invariants;
import dev.finetuneadvisor.io.SarifWriter;
import dev.finetuneadvisor.model.Article;
import dev.finetuneadvisor.model.Assumptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code advisor check}: compiles the rules and lints them, reporting each finding as file:line:column. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compile the rules and lint them: every rule has a unique @id and a @section that is a heading path of article.yaml (else the closest is suggested), rule names are unique, every assumption is read by some rule and every assumption a rule reads exists, @reviewed dates are under a year old; every gate name a rule writes is declared by new Gate(...), every field path a Check names is in fields.yaml, every verdict and advisory code is a string literal (else the closest name is suggested); invariants.yaml and unreachable.yaml name only codes, gates, fields and assumptions the rules have; questionnaire.yaml asks only fields of fields.yaml, in the gates' order, and every field a gate reads (or says why not). Each finding is printed as file:line:column: error|warning: message; with --format sarif, as a SARIF 2.1.0 log for code scanning.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:No finding.",
            "2:Usage error.",
            "4:At least one error (the rules do not compile, or a lint error).",
            "6:Warnings only: the rules are usable."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "The date @reviewed ages are counted from (default: today).")
    LocalDate today;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). sarif writes a SARIF 2.1.0 log for code scanning (GitHub annotates the lines), with files relative to the working directory; the counts go to stderr.")
    Format format;

    /** Output formats. */
    enum Format { text, sarif }

    @Override
    public Integer call() {
        Path dir = rules.directory();
        List<RuleProblem> problems = new ArrayList<>();
        // the rules as the DRL parser reads them, once for every check below (also when they do not compile)
        RuleIndex index = Files.isDirectory(dir) ? RuleIndex.scan(dir) : null;
        try {
            // the command line's cache: an entry exists only for rules that compiled without a warning and passed the
            // contract check, so taking it hides nothing this command reports
            CompiledRules compiled = CompiledRules.load(dir, RulesOption.cacheDirectory());
            problems.addAll(compiled.warnings());
            // the verdict every gate passing gives must be a verdict some rule concludes, not any code
            problems.addAll(FieldsFile.unknownVerdict(compiled.fields(), index.verdictCodes(),
                    dir.resolve(FieldsFile.NAME).toString().replace('\\', '/')));
            try {
                List<String> gates = new Evaluator(compiled).gateNames();
                problems.addAll(FieldsFile.unknownGates(compiled.fields(), gates, dir.resolve(FieldsFile.NAME).toString().replace('\\', '/')));
                // advisor init's questions must fill fields of the catalogue, follow the gates and ask every field a gate reads
                QuestionnaireFile.read(dir.resolve(QuestionnaireFile.NAME), dir.resolve(QuestionnaireFile.NAME).toString().replace('\\', '/'),
                        compiled.fields(), gates, problems);
                // the invariants advisor verify checks must name codes, gates, fields and assumptions these rules have
                if (Invariants.declared(dir)) {
                    Invariants.read(compiled, gates, problems);
                } else {
                    problems.add(new RuleProblem(RuleProblem.Severity.WARNING, dir.resolve(Invariants.NAME).toString().replace('\\', '/'), 0, 0,
                            "no invariants declared: advisor verify has nothing to check (see docs/authoring-rules.md#invariants)",
                            RuleProblem.Kind.INVARIANTS));
                }
            } catch (EvaluationException e) {
                // the gates are declared by running the rules with no use case; when that fails (a misspelt
                // assumption name, say) the lint below names the cause at its line, and this is said once too
                problems.add(new RuleProblem(RuleProblem.Severity.ERROR, dir.toString().replace('\\', '/'), 0, 0,
                        "the rules fail when run with no use case, so the gates in " + FieldsFile.NAME + " are not checked: " + e.getMessage(),
                        RuleProblem.Kind.RUN));
            }
        } catch (RulesInvalidException e) {
            problems.addAll(e.problems());
        }
        if (!Files.isDirectory(dir)) {
            // no counts line in text here: the one finding says there is nothing to count
            report(problems, dir, false);
            return ExitCodes.RULES_INVALID;
        }
        String assumptionsShown = dir.resolve(AssumptionsFile.NAME).toString().replace('\\', '/');
        Assumptions assumptions = AssumptionsFile.read(dir.resolve(AssumptionsFile.NAME), assumptionsShown, new ArrayList<>());
        // compiling does not read the article; its problems are reported here, once
        String articleShown = dir.resolve(ArticleFile.NAME).toString().replace('\\', '/');
        Article article = ArticleFile.read(dir.resolve(ArticleFile.NAME), articleShown, problems);
        problems.addAll(RuleLint.lint(index, assumptions, assumptionsShown, AssumptionsFile.entryLines(dir.resolve(AssumptionsFile.NAME)),
                article, articleShown,
                today == null ? LocalDate.now() : today));
        // the catalogue's own problems are reported by the compile above; here it only names the fields that exist
        String fieldsShown = dir.resolve(FieldsFile.NAME).toString().replace('\\', '/');
        problems.addAll(RuleLint.contract(index, FieldsFile.read(dir.resolve(FieldsFile.NAME), fieldsShown, new ArrayList<>()), fieldsShown));
        problems.addAll(PhaseLint.lint(dir));
        ReportsFile.readIn(dir, problems);
        // a compile checks the contract too (RuleCompiler): each finding once
        problems = new ArrayList<>(new LinkedHashSet<>(problems));
        problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
        report(problems, dir, true);
        long errors = problems.stream().filter(p -> p.severity() == RuleProblem.Severity.ERROR).count();
        long warnings = problems.size() - errors;
        return errors > 0 ? ExitCodes.RULES_INVALID : warnings > 0 ? ExitCodes.WARNINGS : ExitCodes.OK;
    }

    /**
     * Prints the findings: as text, one {@code file:line:column: severity: message} line each and the counts; as SARIF,
     * the log alone on stdout (a file to upload) and the counts on stderr (for the job's log).
     */
    private void report(List<RuleProblem> problems, Path dir, boolean textCounts) {
        PrintWriter out = spec.commandLine().getOut();
        long errors = problems.stream().filter(p -> p.severity() == RuleProblem.Severity.ERROR).count();
        long warnings = problems.size() - errors;
        String counts = dir + ": " + errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
        if (format == Format.sarif) {
            out.println(sarif(problems));
            PrintWriter err = spec.commandLine().getErr();
            err.println(counts);
            err.flush();
        } else {
            problems.forEach(p -> out.println(p.describe()));
            if (textCounts) {
                out.println(counts);
            }
        }
        out.flush();
    }

    /** The findings as a SARIF log: every kind of check a rule of the tool, each finding a result. */
    private String sarif(List<RuleProblem> problems) {
        List<SarifWriter.Rule> kinds = Arrays.stream(RuleProblem.Kind.values())
                .map(k -> new SarifWriter.Rule(k.id(), k.title(), k.description())).toList();
        List<SarifWriter.Finding> findings = problems.stream().map(p -> new SarifWriter.Finding(p.kind().id(),
                p.severity() == RuleProblem.Severity.ERROR ? SarifWriter.Level.error : SarifWriter.Level.warning,
                p.file(), p.line(), p.column(), p.message())).toList();
        return SarifWriter.write(new SarifWriter.Tool("finetune-advisor", version(), null), kinds, findings, Path.of(""));
    }

    /** The advisor's version: the jar's, else the one {@code advisor --version} prints. */
    private String version() {
        String jar = CheckCommand.class.getPackage().getImplementationVersion();
        if (jar != null) {
            return jar;
        }
        String[] shown = spec.root().version();
        if (shown.length == 0) {
            return null;
        }
        String[] words = shown[0].trim().split("\\s+");
        return words[words.length - 1];
    }
}
