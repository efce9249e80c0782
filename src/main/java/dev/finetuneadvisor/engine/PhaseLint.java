package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.Phase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * Holds every rule's {@code salience} to the named phases ({@link Phase}): a rule with a salience says which
 * phase it is in with {@code @phase("VERDICT")}, and the salience is that phase's number ({@code salience -300}).
 * A salience that is not a phase's number, an expression, an unknown phase name, or a phase that does not agree
 * with the salience is an error at its file:line:column. Rules are read with Drools' own DRL parser; a file that
 * does not parse is left to the compiler, which reports it.
 *
 * <p>Why a number beside the name, not {@code salience Phase.VERDICT}: Drools takes anything but an integer literal
 * as a dynamic salience, an MVEL expression evaluated for every activation; measured on the bench use cases that
 * cost about half the engine's throughput (docs/authoring-rules.md, "Phases").
 */
public final class PhaseLint {
    /** The annotation that names a rule's phase. */
    public static final String ANNOTATION = "phase";

    private PhaseLint() {
    }

    /** Every {@code .drl} file below {@code directory}, in path order, each problem named as {@code directory/relative/path.drl}. */
    public static List<RuleProblem> lint(Path directory) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleSources.Source drl : RuleSources.read(directory).files()) {
            problems.addAll(lint(drl.shown(), drl.text()));
        }
        return problems;
    }

    /** The problems of one DRL text, named {@code shown}. */
    public static List<RuleProblem> lint(String shown, String text) {
        PackageDescr pkg;
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException e) {
            return List.of();
        }
        if (pkg == null || parser.hasErrors()) {
            return List.of();
        }
        List<RuleProblem> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (RuleDescr rule : pkg.getRules()) {
            check(shown, lines, rule, problems);
        }
        return problems;
    }

    private static void check(String shown, String[] lines, RuleDescr rule, List<RuleProblem> problems) {
        AttributeDescr salience = rule.getAttributes().get("salience");
        AnnotationDescr annotation = rule.getAnnotation(ANNOTATION);
        Position phase = annotation == null ? null : locate(lines, rule, annotation);
        String name = annotation == null ? null : unquoted(annotation.getSingleValueAsString());
        Integer declared = name == null ? null : Phase.all().get(name);
        if (phase != null && declared == null) {
            problems.add(error(shown, phase.getLine(), phase.getColumn(), rule, "@phase(\"" + name + "\") is not a phase; phases, first to last: "
                    + listed()));
            return;
        }
        if (salience == null) {
            if (declared != null && declared != Phase.CHECKS) {
                problems.add(error(shown, phase.getLine(), phase.getColumn(), rule, "@phase(\"" + name + "\") needs salience " + declared));
            }
            return;
        }
        String value = salience.getValue().strip();
        Integer number = integer(value);
        if (number == null) {
            problems.add(error(shown, salience.getLine(), salience.getColumn(), rule, "salience " + value + " is an expression, which Drools"
                    + " evaluates on every activation (about half the throughput); write a phase's number and name it with @phase:"
                    + " phases, first to last: " + listed()));
            return;
        }
        String named = Phase.all().entrySet().stream().filter(e -> e.getValue().equals(number)).map(Map.Entry::getKey).findFirst().orElse(null);
        if (named == null) {
            problems.add(error(shown, salience.getLine(), salience.getColumn(), rule, "salience " + value + " is not a phase; phases, first to last: "
                    + listed()));
        } else if (name == null) {
            problems.add(error(shown, salience.getLine(), salience.getColumn(), rule, "salience " + value + " is phase " + named
                    + ": say so with @phase(\"" + named + "\")"));
        } else if (!named.equals(name)) {
            problems.add(error(shown, phase.getLine(), phase.getColumn(), rule, "@phase(\"" + name + "\") is salience " + declared
                    + ", but the rule has salience " + value + " (phase " + named + ")"));
        }
    }

    /** Where an annotation is: Drools' parser keeps no position for it, so it is found after the rule's first line. */
    private record Position(int getLine, int getColumn) {
    }

    private static Position locate(String[] lines, RuleDescr rule, AnnotationDescr annotation) {
        if (annotation.getLine() > 0) {
            return new Position(annotation.getLine(), annotation.getColumn());
        }
        for (int i = Math.max(rule.getLine() - 1, 0); i < lines.length; i++) {
            int at = lines[i].indexOf("@" + ANNOTATION);
            if (at >= 0) {
                return new Position(i + 1, at);
            }
        }
        return new Position(rule.getLine(), 0);
    }

    private static String unquoted(String value) {
        String v = value == null ? "" : value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static Integer integer(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String listed() {
        return Phase.all().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
    }

    /** Drools' columns count from 0; a problem's from 1. */
    private static RuleProblem error(String shown, int line, int column, RuleDescr rule, String message) {
        return new RuleProblem(RuleProblem.Severity.ERROR, shown, Math.max(line, 0), Math.max(column, 0) + 1,
                "rule \"" + rule.getName() + "\": " + message, RuleProblem.Kind.PHASE);
    }
}
