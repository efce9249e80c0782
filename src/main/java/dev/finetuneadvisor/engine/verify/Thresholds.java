package dev.finetuneadvisor.engine.verify;

import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.engine.FactField;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.Section;
import dev.finetuneadvisor.model.UseCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The numbers the rules compare each fact field with, read from the rules' own conditions by Drools' DRL parser:
 * in a pattern on a section of the fact model ({@code Data( labeledExamples < $a.num("minLabeledExamples") )}) or on
 * a fact derived from it whose property has the name of exactly one field ({@code Traffic( callsPerMonth >= ... )}
 * is {@code volume.callsPerMonth}), a property compared with an assumption (its value in {@code assumptions.yaml})
 * or a number written in the rule. Two fields compared with each other ({@code frontierP95Ms > p95BudgetMs}) are
 * recorded as a pair: each is given the other's numbers, so the space holds either side of the comparison.
 * Only conditions are read: a number a consequence computes with is not a boundary of a field.
 */
public final class Thresholds {
    private static final String NUM = "\\$?\\w+\\s*\\.\\s*num\\(\\s*\"(\\w+)\"\\s*\\)";
    private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?(?:[eE]\\d+)?)";
    private static final String OP = "(<=|>=|<|>|==|!=)";
    /** {@code property OP $a.num("x") | number | otherProperty} */
    private static final Pattern FORWARD = Pattern.compile("(?<![\\w.$])([a-zA-Z_]\\w*)\\s*" + OP + "\\s*(?:" + NUM + "|" + NUMBER
            + "(?![\\w.])|([a-zA-Z_]\\w*)(?![\\w.(]))");
    /** {@code $a.num("x") | number OP property} */
    private static final Pattern BACKWARD = Pattern.compile("(?:" + NUM + "|(?<![\\w.])" + NUMBER + ")\\s*" + OP + "\\s*([a-zA-Z_]\\w*)(?![\\w.(])");

    /** One number a field is compared with, and where it comes from (an assumption's name, or the rule's id). */
    public record Threshold(double value, String source) {
    }

    private final Map<String, Map<Double, String>> byField;

    private Thresholds(Map<String, Map<Double, String>> byField) {
        this.byField = byField;
    }

    /**
     * Reads every rule's conditions.
     *
     * @param sources the DRL texts, by file
     * @param assumptions the values of the assumptions the rules name
     */
    public static Thresholds read(Map<String, String> sources, Assumptions assumptions) {
        Map<String, String> sections = FactField.sectionsByType();
        List<String> paths = FactField.modelPaths();
        Map<String, Map<Double, String>> found = new TreeMap<>();
        List<String[]> pairs = new ArrayList<>();
        for (String text : sources.values()) {
            PackageDescr pkg;
            try {
                pkg = new DrlParser().parse(false, text);
            } catch (DroolsParserException e) {
                continue; // the compile reports it
            }
            if (pkg == null) {
                continue;
            }
            for (RuleDescr rule : pkg.getRules()) {
                if (rule.getLhs() != null) {
                    Map<String, String> bound = new TreeMap<>();
                    bindings(rule.getLhs().getDescrs(), sections, paths, bound);
                    patterns(rule.getLhs().getDescrs(), rule, sections, paths, assumptions, found, pairs, bound);
                }
            }
        }
        // each side of a comparison between two fields takes the other's numbers
        for (String[] pair : pairs) {
            Map<Double, String> a = new TreeMap<>(found.getOrDefault(pair[0], Map.of()));
            Map<Double, String> b = new TreeMap<>(found.getOrDefault(pair[1], Map.of()));
            b.forEach((v, s) -> found.computeIfAbsent(pair[0], k -> new TreeMap<>()).putIfAbsent(v, s + " (via " + pair[1] + ")"));
            a.forEach((v, s) -> found.computeIfAbsent(pair[1], k -> new TreeMap<>()).putIfAbsent(v, s + " (via " + pair[0] + ")"));
        }
        return new Thresholds(found);
    }

    /** Both rule sets' numbers together: what {@code diff --space} covers. */
    public Thresholds and(Thresholds other) {
        Map<String, Map<Double, String>> merged = new TreeMap<>();
        byField.forEach((f, m) -> merged.put(f, new TreeMap<>(m)));
        other.byField.forEach((f, m) -> m.forEach((v, s) -> merged.computeIfAbsent(f, k -> new TreeMap<>()).putIfAbsent(v, s)));
        return new Thresholds(merged);
    }

    /**
     * These numbers, with each carried to the fields given instead ({@code alternatives:} in fields.yaml) by the rules'
     * own conversion: a use case giving only the other field (1,000 calls a day) is run, and a fact the rules derive
     * that carries both fields' names ({@code Traffic}: {@code callsPerDay}, {@code callsPerMonth}) tells how many of one
     * the other makes (30,000 a month). So 5,000,000 calls a month is also 166,667 calls a day, where the same rule
     * turns. A field with no such fact keeps only its own numbers.
     */
    public Thresholds alongAlternatives(List<FactField> fields, List<Evaluator> evaluators) {
        Map<String, Map<Double, String>> out = new TreeMap<>();
        byField.forEach((f, m) -> out.put(f, new TreeMap<>(m)));
        for (FactField from : fields) {
            Map<Double, String> own = byField.get(from.path());
            if (own == null) {
                continue;
            }
            for (String alt : from.alternatives()) {
                FactField to = FactField.find(fields, alt);
                if (to == null || !to.isNumber()) {
                    continue;
                }
                Double factor = factor(to, from, fields, evaluators);
                if (factor == null || factor <= 0) {
                    continue;
                }
                own.forEach((value, source) -> out.computeIfAbsent(alt, k -> new TreeMap<>())
                        .putIfAbsent(value / factor, source + " (as " + alt + ")"));
            }
        }
        return new Thresholds(out);
    }

    /** How many of {@code of} one of {@code per} makes, read from a fact the rules derive carrying both names; null when none. */
    private static Double factor(FactField per, FactField of, List<FactField> fields, List<Evaluator> evaluators) {
        String perName = per.path().substring(per.path().indexOf('.') + 1);
        String ofName = of.path().substring(of.path().indexOf('.') + 1);
        double given = 1000;
        for (Evaluator e : evaluators) {
            UseCase u = new UseCase();
            u.setId("conversion");
            per.set(u, per.fromUnits(per.toUnits(given)));
            List<Object> derived;
            try {
                derived = e.derived(u, Object.class);
            } catch (RuntimeException failed) {
                continue; // the space reports the rules failing
            }
            for (Object fact : derived) {
                if (fact instanceof Section) {
                    continue; // the use case's own sections, not derived
                }
                Double p = property(fact, perName);
                Double o = property(fact, ofName);
                if (p != null && o != null && p > 0) {
                    return o / p;
                }
            }
        }
        return null;
    }

    private static Double property(Object fact, String name) {
        try {
            Object v = fact.getClass().getMethod("get" + Character.toUpperCase(name.charAt(0)) + name.substring(1)).invoke(fact);
            return v instanceof Number n ? n.doubleValue() : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The numbers {@code path} is compared with, ascending; empty when none. */
    public List<Threshold> of(String path) {
        List<Threshold> out = new ArrayList<>();
        byField.getOrDefault(path, Map.of()).forEach((v, s) -> out.add(new Threshold(v, s)));
        return out;
    }

    /** {@code $n : labeledExamples} in a pattern: the variable is the field ({@code $n -> data.labeledExamples}). */
    private static final Pattern BINDING = Pattern.compile("^\\s*(\\$\\w+)\\s*:\\s*([a-zA-Z_]\\w*)\\s*$");

    private static void bindings(List<? extends BaseDescr> descrs, Map<String, String> sections, List<String> paths, Map<String, String> bound) {
        for (BaseDescr d : descrs) {
            if (d instanceof PatternDescr p) {
                String type = simpleName(p.getObjectType());
                for (BaseDescr c : p.getConstraint().getDescrs()) {
                    Matcher m = c instanceof ExprConstraintDescr e ? BINDING.matcher(e.getExpression()) : null;
                    if (m != null && m.matches()) {
                        String path = path(type, m.group(2), sections, paths);
                        if (path != null) {
                            bound.put(m.group(1), path);
                        }
                    }
                }
                if (p.getSource() instanceof AccumulateDescr acc && acc.getInput() != null) {
                    bindings(List.of(acc.getInput()), sections, paths, bound);
                }
            } else if (d instanceof ConditionalElementDescr ce) {
                bindings(ce.getDescrs(), sections, paths, bound);
            }
        }
    }

    private static void patterns(List<? extends BaseDescr> descrs, RuleDescr rule, Map<String, String> sections, List<String> paths,
                                 Assumptions assumptions, Map<String, Map<Double, String>> found, List<String[]> pairs, Map<String, String> bound) {
        for (BaseDescr d : descrs) {
            if (d instanceof PatternDescr p) {
                String type = simpleName(p.getObjectType());
                for (BaseDescr c : p.getConstraint().getDescrs()) {
                    if (c instanceof ExprConstraintDescr e) {
                        constraint(e.getExpression(), type, rule, sections, paths, assumptions, found, pairs);
                        variables(e.getExpression(), rule, assumptions, found, bound);
                    }
                }
                if (p.getSource() instanceof AccumulateDescr acc && acc.getInput() != null) {
                    patterns(List.of(acc.getInput()), rule, sections, paths, assumptions, found, pairs, bound);
                }
            } else if (d instanceof EvalDescr ev && ev.getContent() != null) {
                // eval( $n >= 3000 ): a bound field compared in an eval
                variables(ev.getContent().toString(), rule, assumptions, found, bound);
            } else if (d instanceof ConditionalElementDescr ce) {
                patterns(ce.getDescrs(), rule, sections, paths, assumptions, found, pairs, bound);
            }
        }
    }

    /** {@code $var OP $a.num("x") | number} and the reverse, where {@code $var} is bound to a field. */
    private static final Pattern VAR_FORWARD = Pattern.compile("(\\$\\w+)(?![\\w.(])\\s*" + OP + "\\s*(?:" + NUM + "|" + NUMBER + "(?![\\w.]))");
    private static final Pattern VAR_BACKWARD = Pattern.compile("(?:" + NUM + "|(?<![\\w.])" + NUMBER + ")\\s*" + OP + "\\s*(\\$\\w+)(?![\\w.(])");

    private static void variables(String expression, RuleDescr rule, Assumptions assumptions, Map<String, Map<Double, String>> found,
                                  Map<String, String> bound) {
        String id = ruleId(rule);
        Matcher f = VAR_FORWARD.matcher(expression);
        while (f.find()) {
            String path = bound.get(f.group(1));
            if (path != null) {
                record(found, path, f.group(3), f.group(4), id, assumptions);
            }
        }
        Matcher b = VAR_BACKWARD.matcher(expression);
        while (b.find()) {
            String path = bound.get(b.group(4));
            if (path != null) {
                record(found, path, b.group(1), b.group(2), id, assumptions);
            }
        }
    }

    private static void constraint(String expression, String type, RuleDescr rule, Map<String, String> sections, List<String> paths,
                                   Assumptions assumptions, Map<String, Map<Double, String>> found, List<String[]> pairs) {
        String id = ruleId(rule);
        Matcher f = FORWARD.matcher(expression);
        while (f.find()) {
            String path = path(type, f.group(1), sections, paths);
            if (path == null) {
                continue;
            }
            if (f.group(5) != null) {
                String other = path(type, f.group(5), sections, paths);
                if (other != null && !other.equals(path)) {
                    pairs.add(new String[] {path, other});
                }
            } else {
                record(found, path, f.group(3), f.group(4), id, assumptions);
            }
        }
        Matcher b = BACKWARD.matcher(expression);
        while (b.find()) {
            String path = path(type, b.group(4), sections, paths);
            if (path != null) {
                record(found, path, b.group(1), b.group(2), id, assumptions);
            }
        }
    }

    /** Records the number a field is compared with: an assumption's value (named), else the number written in rule {@code id}. */
    private static void record(Map<String, Map<Double, String>> found, String path, String assumption, String number, String id,
                               Assumptions assumptions) {
        if (assumption != null && assumptions.has(assumption)) {
            put(found, path, assumptions.num(assumption), assumption);
        } else if (number != null) {
            put(found, path, Double.parseDouble(number), id);
        }
    }

    private static String ruleId(RuleDescr rule) {
        return rule.getAnnotation("id") == null ? rule.getName() : rule.getAnnotation("id").getSingleValueAsString().replace("\"", "");
    }

    private static void put(Map<String, Map<Double, String>> found, String path, double value, String source) {
        found.computeIfAbsent(path, k -> new TreeMap<>()).putIfAbsent(value, source);
    }

    /**
     * The fact-file path of a property of a pattern's type: the section's own field, or for a fact derived from
     * the use case the one field of that name (null when none or several have it).
     */
    static String path(String type, String property, Map<String, String> sections, List<String> paths) {
        String section = sections.get(type);
        if (section != null) {
            String path = section + "." + property;
            return paths.contains(path) ? path : null;
        }
        List<String> named = paths.stream().filter(p -> p.endsWith("." + property)).toList();
        return named.size() == 1 ? named.get(0) : null;
    }

    private static String simpleName(String type) {
        int dot = type == null ? -1 : type.lastIndexOf('.');
        return type == null ? "" : type.substring(dot + 1);
    }

}
