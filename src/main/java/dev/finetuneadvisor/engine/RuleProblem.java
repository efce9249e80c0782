package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Locale;

/**
 * A problem found while compiling or checking the rules, located in its file (line and column 1-based, 0 if unknown),
 * with the {@link Kind} of check that found it (what {@code check --format sarif} names as the result's rule).
 */
@JsonPropertyOrder({"severity", "file", "line", "column", "message", "kind"})
public record RuleProblem(Severity severity, String file, int line, int column, String message, Kind kind) {

    /** ERROR stops the rules from being used; WARNING is worth a look. */
    public enum Severity { ERROR, WARNING }

    /**
     * The checks {@code advisor check} runs, each with a stable id (a code-scanning service tracks a finding across
     * runs by it) and what it holds the rules to. A new check is a new constant: ids are never reused or renamed.
     */
    public enum Kind {
        RULES_DIRECTORY("rules-directory", "The rules directory has its rule files",
                "The rules directory exists and holds at least one .drl file."),
        COMPILE("compile", "The DRL compiles",
                "Every .drl file compiles with Drools: its syntax, the fact properties and methods its conditions name, "
                        + "and the Java of its then blocks."),
        METADATA("metadata", "Every rule carries its metadata",
                "Every rule has an @id and a @section that is a heading path of article.yaml (else the closest is named), "
                        + "rule names are unique, and @reviewed dates are dates less than a year old."),
        ASSUMPTION_USE("assumption-use", "Rules read the assumptions that exist",
                "Every assumption a rule reads is defined in assumptions.yaml, and every assumption defined there is read by some rule."),
        CONTRACT("contract", "Rules and the advisor name the same things",
                "@ids are unique; every gate name a rule writes is declared by new Gate(...); every field path a Check names "
                        + "is in fields.yaml; every verdict and advisory code is a string literal, and every code a rule matches "
                        + "is one some rule concludes."),
        PHASE("phase", "Saliences are named phases",
                "A rule with a salience names its phase with @phase(\"NAME\"), and the salience is that phase's number."),
        RUN("run", "The rules run with no use case",
                "The rules run with no use case, which is how the gates they declare are read."),
        ASSUMPTIONS_FILE("assumptions-file", "assumptions.yaml is well formed",
                "assumptions.yaml reads, with its 'thresholds:' and 'costs:' mappings, each number with its source."),
        FIELDS_FILE("fields-file", "fields.yaml is well formed",
                "fields.yaml, the catalogue of fact fields, reads and declares every field of a fact file once, "
                        + "with gates and verdicts the rules have."),
        ARTICLE_FILE("article-file", "article.yaml is well formed",
                "article.yaml reads, with the article's title, author and section headings."),
        REPORTS_FILE("reports-file", "reports.yaml is well formed",
                "reports.yaml reads, with every caption the reports write."),
        INVARIANTS("invariants", "Invariants name what the rules have",
                "invariants.yaml and unreachable.yaml exist, read, and name only codes, gates, fields and assumptions the rules have."),
        QUESTIONNAIRE("questionnaire", "questionnaire.yaml asks what the gates read",
                "questionnaire.yaml reads, asks only fields of fields.yaml, in the gates' order, and every field a gate reads "
                        + "(or says why not).");

        private final String id;
        private final String title;
        private final String description;

        Kind(String id, String title, String description) {
            this.id = id;
            this.title = title;
            this.description = description;
        }

        /** The stable id, kebab-case ({@code compile}, {@code contract}). */
        public String id() {
            return id;
        }

        /** What the check holds, in a few words. */
        public String title() {
            return title;
        }

        /** What the check holds, in a sentence or two. */
        public String description() {
            return description;
        }

        /**
         * The kind of a problem in a file of the rules directory other than a DRL: the check of that file (a DRL's
         * problems name their kind where they are found).
         */
        static Kind of(String file) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            return switch (name) {
                case AssumptionsFile.NAME -> ASSUMPTIONS_FILE;
                case FieldsFile.NAME -> FIELDS_FILE;
                case ArticleFile.NAME -> ARTICLE_FILE;
                case ReportsFile.NAME -> REPORTS_FILE;
                case QuestionnaireFile.NAME -> QUESTIONNAIRE;
                default -> RULES_DIRECTORY;
            };
        }
    }

    /** A problem in a YAML file of the rules directory (or the directory itself): its kind follows from the file. */
    public RuleProblem(Severity severity, String file, int line, int column, String message) {
        this(severity, file, line, column, message, Kind.of(file));
    }

    /** {@code file:line:column: severity: message}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            // columns count from 1; an unknown one is left out rather than written as 0
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(severity.name().toLowerCase(Locale.ROOT)).append(": ").append(message).toString();
    }
}
