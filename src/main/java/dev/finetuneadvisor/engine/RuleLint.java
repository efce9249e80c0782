package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.engine.RuleProblem.Severity;
import dev.finetuneadvisor.model.Article;
import dev.finetuneadvisor.model.Assumptions;
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
 * sections rules cite, and review dates. Each finding is a {@link RuleProblem} at the rule's file and line.
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
     * @param article the article's headings, or null when its file could not be read (that file's own
     *     problems are reported by whoever read it; sections are then not checked)
     * @param articleFile how the article file is named in findings
     * @param today the date review ages are counted from
     */
    public static List<RuleProblem> lint(RuleIndex index, Assumptions assumptions, String assumptionsFile, Article article,
                                         String articleFile, LocalDate today) {
        List<RuleProblem> found = new ArrayList<>();
        Map<String, RuleIndex.Entry> ids = new HashMap<>();
        Map<String, RuleIndex.Entry> names = new HashMap<>();
        for (RuleIndex.Entry r : index.rules()) {
            String id = r.metadata().get("id");
            if (id == null || id.isBlank()) {
                found.add(at(Severity.ERROR, r, "rule \"" + r.name() + "\" has no @id(\"...\")"));
            } else {
                RuleIndex.Entry first = ids.putIfAbsent(id, r);
                if (first != null) {
                    found.add(at(Severity.ERROR, r, "@id(\"" + id + "\") is already used by \"" + first.name() + "\" at " + first.file() + ":" + first.line()));
                }
            }
            String section = r.metadata().get("section");
            if (section == null || section.isBlank()) {
                found.add(at(Severity.ERROR, r, "rule \"" + r.name() + "\" has no @section(\"<article heading>\")"));
            } else if (article != null && !article.has(section)) {
                RuleIndex.Position p = r.at("section");
                String closest = ClosestHeading.of(section, article);
                found.add(new RuleProblem(Severity.ERROR, r.file(), p.line(), p.column(), "@section(\"" + section + "\") of rule \""
                        + r.name() + "\" is not a heading path of " + articleFile
                        + (closest == null ? "" : "; did you mean \"" + closest + "\"?")));
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
                        found.add(at(Severity.WARNING, r, "last reviewed " + reviewed + ", more than a year ago: review it against the article and update @reviewed"));
                    }
                } catch (DateTimeParseException e) {
                    found.add(at(Severity.WARNING, r, "@reviewed(\"" + reviewed + "\") is not a date; write YYYY-MM-DD"));
                }
            }
        }
        if (assumptions != null) {
            Set<String> read = new TreeSet<>();
            for (RuleIndex.AssumptionUse use : index.assumptionUses()) {
                read.add(use.name());
                if (!assumptions.has(use.name())) {
                    found.add(new RuleProblem(Severity.ERROR, use.file(), use.line(), 0, "rule \"" + use.rule() + "\" reads assumption '"
                            + use.name() + "', which " + assumptionsFile + " does not define"));
                }
            }
            Set<String> unused = new TreeSet<>(assumptions.names());
            unused.removeAll(read);
            // a cost input may be read by no rule directly and still be a valid override target; none is, today
            for (String name : unused) {
                found.add(new RuleProblem(Severity.WARNING, assumptionsFile, 0, 0, "assumption '" + name + "' is not read by any rule"));
            }
        }
        found.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line).thenComparing(RuleProblem::message));
        return found;
    }

    private static RuleProblem at(Severity severity, RuleIndex.Entry r, String message) {
        return new RuleProblem(severity, r.file(), r.line(), 0, message);
    }

}
