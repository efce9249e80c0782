package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.engine.RuleProblem.Kind;
import dev.finetuneadvisor.engine.RuleProblem.Severity;
import dev.finetuneadvisor.model.Article;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.EditDistance;
import dev.finetuneadvisor.model.FieldCatalogue;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;


/**
 * The static check of a rules directory beyond compiling: metadata, names, assumptions, the article
 * sections rules cite, review dates, and the contract between the rules and the Java side (gate names,
 * fact field paths, codes; {@link #contract}). Each finding is a {@link RuleProblem} at its file, line and
 * column.
 */
public final class RuleLint {
    /** How old a {@code @reviewed("YYYY-MM-DD")} date may be before it warns. */
    public static final int REVIEW_MAX_DAYS = 365;

    private RuleLint() {
    }

    /**
     * Lints the rules as written.
     *
     * @param assumptions the assumptions file's names, or null when it could not be read
     * @param assumptionsFile how the assumptions file is named in findings
     * @param assumptionLines the line of each assumption's entry in that file ({@link AssumptionsFile#entryLines})
     * @param article the article's headings, or null when its file could not be read (that file's own
     *     problems are reported by whoever read it; sections are then not checked)
     * @param articleFile how the article file is named in findings
     * @param today the date review ages are counted from
     */
    public static List<RuleProblem> lint(RuleIndex index, Assumptions assumptions, String assumptionsFile,
                                         Map<String, Integer> assumptionLines, Article article, String articleFile, LocalDate today) {
        List<RuleProblem> found = new ArrayList<>();
        Map<String, RuleIndex.Entry> names = new HashMap<>();
        found.addAll(duplicateIds(index));
        for (RuleIndex.Entry r : index.rules()) {
            String id = r.metadata().get("id");
            if (id == null || id.isBlank()) {
                found.add(at(Severity.ERROR, r, "rule \"" + r.name() + "\" has no @id(\"...\")"));
            }
            String section = r.metadata().get("section");
            if (section == null || section.isBlank()) {
                found.add(at(Severity.ERROR, r, "rule \"" + r.name() + "\" has no @section(\"<article heading>\")"));
            } else if (article != null && !article.has(section)) {
                RuleIndex.Position p = r.at("section");
                String closest = ClosestHeading.of(section, article);
                found.add(new RuleProblem(Severity.ERROR, r.file(), p.line(), p.column(), "@section(\"" + section + "\") of rule \""
                        + r.name() + "\" is not a heading path of " + articleFile
                        + (closest == null ? "" : "; did you mean \"" + closest + "\"?"), Kind.METADATA));
            }
            RuleIndex.Entry sameName = names.putIfAbsent(r.name(), r);
            if (sameName != null) {
                found.add(at(Severity.ERROR, r, "rule name \"" + r.name() + "\" is already used at " + sameName.file() + ":" + sameName.line()));
            }
            String reviewed = r.metadata().get("reviewed");
            if (reviewed != null) {
                try {
                    LocalDate date = LocalDate.parse(reviewed);
                    if (date.isBefore(today.minusDays(REVIEW_MAX_DAYS))) {
                        found.add(at(Severity.WARNING, r, "reviewed", "last reviewed " + reviewed + ", more than a year ago: review it against the article and update @reviewed"));
                    }
                } catch (DateTimeParseException e) {
                    found.add(at(Severity.WARNING, r, "reviewed", "@reviewed(\"" + reviewed + "\") is not a date; write YYYY-MM-DD"));
                }
            }
        }
        if (assumptions != null) {
            Set<String> read = new TreeSet<>();
            for (RuleIndex.AssumptionUse use : index.assumptionUses()) {
                read.add(use.name());
                if (!assumptions.has(use.name())) {
                    found.add(new RuleProblem(Severity.ERROR, use.file(), use.line(), 0, "rule \"" + use.rule() + "\" reads assumption '"
                            + use.name() + "', which " + assumptionsFile + " does not define", Kind.ASSUMPTION_USE));
                }
            }
            Set<String> unused = new TreeSet<>(assumptions.names());
            unused.removeAll(read);
            // a cost input may be read by no rule directly and still be a valid override target; none is, today
            for (String name : unused) {
                found.add(new RuleProblem(Severity.WARNING, assumptionsFile, assumptionLines.getOrDefault(name, 0), 0,
                        "assumption '" + name + "' is not read by any rule", Kind.ASSUMPTION_USE));
            }
        }
        found.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line).thenComparing(RuleProblem::message));
        return found;
    }

    /**
     * Checks the strings where the rules meet the Java side, each an error at its line and column:
     * <ul>
     *   <li>every gate name written as a literal (a {@code Check}'s gate, {@code name ==} / {@code gate ==} on a
     *       gate fact) is one the rules declare with {@code new Gate(n, "name", ...)}; else the closest is named;</li>
     *   <li>every field path a {@code Check} writes is in the catalogue of fact fields, and the section of
     *       {@code "data." + $field} is one it has; else the closest path or section is named;</li>
     *   <li>every verdict and advisory code is written as a literal, so that {@code --why-not}, {@code diff}
     *       and coverage can see it.</li>
     * </ul>
     *
     * @param fields the catalogue of fact fields, or null when it could not be read (field paths are then not checked)
     * @param fieldsFile how the catalogue's file is named in findings
     */
    public static List<RuleProblem> contract(RuleIndex index, FieldCatalogue fields, String fieldsFile) {
        List<RuleProblem> found = new ArrayList<>(duplicateIds(index));
        Set<String> gates = new TreeSet<>();
        index.gateDeclarations().forEach(g -> gates.add(g.value()));
        for (RuleIndex.Literal g : index.gateNames()) {
            if (!gates.contains(g.value())) {
                found.add(at(g, "rule \"" + g.rule() + "\" names gate \"" + g.value() + "\", which no rule declares"
                        + (gates.isEmpty() ? " (gates are declared by new Gate(number, \"name\", ...))"
                        : "; did you mean \"" + EditDistance.closest(g.value(), gates) + "\"?")));
            }
        }
        if (fields != null) {
            Set<String> paths = new TreeSet<>();
            fields.fields().forEach(f -> paths.add(f.path()));
            Set<String> sections = new TreeSet<>();
            paths.forEach(p -> sections.add(p.substring(0, Math.max(p.indexOf('.'), 0)) + "."));
            for (RuleIndex.FieldUse use : index.fieldUses()) {
                RuleIndex.Literal l = use.literal();
                if (use.prefix() && !sections.contains(l.value())) {
                    found.add(at(l, "rule \"" + l.rule() + "\" checks fields under \"" + l.value() + "\", a section " + fieldsFile
                            + " does not have; did you mean \"" + EditDistance.closest(l.value(), sections) + "\"?"));
                } else if (!use.prefix() && fields.get(l.value()) == null && !l.value().startsWith("costs.")) {
                    // (a cost input, costs.<name>, is one of assumptions.yaml: its reads are checked as assumptions)
                    found.add(at(l, "rule \"" + l.rule() + "\" checks field \"" + l.value() + "\", which " + fieldsFile
                            + " does not declare; did you mean \"" + EditDistance.closest(l.value(), paths) + "\"?"));
                }
            }
        }
        for (RuleIndex.CodeUse c : index.codeUses()) {
            if (c.code() == null) {
                found.add(new RuleProblem(Severity.ERROR, c.file(), c.at().line(), c.at().column(), "rule \"" + c.rule() + "\" passes its "
                        + c.kind() + " code as " + c.argument() + ": write the code as a string literal (\"CODE\"), so that --why-not, "
                        + "diff and coverage can see it", Kind.CONTRACT));
            }
        }
        Set<String> codes = index.codes();
        for (RuleIndex.Literal r : index.codeReads()) {
            if (!codes.contains(r.value())) {
                found.add(at(r, "rule \"" + r.rule() + "\" matches code \"" + r.value() + "\", which no rule concludes"
                        + (codes.isEmpty() ? "" : "; did you mean \"" + EditDistance.closest(r.value(), codes) + "\"?")));
            }
        }
        for (RuleIndex.Unchecked u : index.unchecked()) {
            found.add(new RuleProblem(Severity.ERROR, u.file(), u.at().line(), u.at().column(), "rule \"" + u.rule() + "\" writes " + u.what()
                    + ", which the check of gate names, field paths and codes cannot read: write " + u.instead(), Kind.CONTRACT));
        }
        return found;
    }

    /**
     * Two rules with one {@code @id}: an error at the second one's annotation, naming the first. Part of the
     * contract too: results, coverage, {@code diff} and rule mutation name rules by their ids.
     */
    static List<RuleProblem> duplicateIds(RuleIndex index) {
        List<RuleProblem> found = new ArrayList<>();
        Map<String, RuleIndex.Entry> ids = new HashMap<>();
        for (RuleIndex.Entry r : index.rules()) {
            String id = r.metadata().get("id");
            if (id == null || id.isBlank()) {
                continue;
            }
            RuleIndex.Entry first = ids.putIfAbsent(id, r);
            if (first != null) {
                RuleIndex.Position p = r.at("id");
                RuleIndex.Position f = first.at("id");
                found.add(new RuleProblem(Severity.ERROR, r.file(), p.line(), p.column(), "@id(\"" + id + "\") is already used by \""
                        + first.name() + "\" at " + first.file() + ":" + f.line() + ":" + f.column(), Kind.CONTRACT));
            }
        }
        return found;
    }

    private static RuleProblem at(RuleIndex.Literal l, String message) {
        return new RuleProblem(Severity.ERROR, l.file(), l.at().line(), l.at().column(), message, Kind.CONTRACT);
    }

    private static RuleProblem at(Severity severity, RuleIndex.Entry r, String message) {
        return new RuleProblem(severity, r.file(), r.line(), 0, message, Kind.METADATA);
    }

    /** A finding about one annotation of a rule, at the annotation (the rule's line when it has none). */
    private static RuleProblem at(Severity severity, RuleIndex.Entry r, String annotation, String message) {
        RuleIndex.Position where = r.at(annotation);
        return new RuleProblem(severity, r.file(), where.line(), where.column(), message, Kind.METADATA);
    }

}
