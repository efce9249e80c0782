package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what {@code advisor verify} found: as text for a terminal, JSON for a program, Markdown for a pull-request
 * comment. Every format but JSON leaves the time taken out (it goes to the error stream, or the JSON's
 * {@code timing}), so the same rules and options give the same bytes.
 */
public final class VerifyWriter {
    private static final ObjectWriter JSON = Json.pretty();

    private VerifyWriter() {
    }

    /**
     * The space covered (the command fills it from the engine's report).
     *
     * @param cases every case
     * @param dimensions fields (or groups of alternatives) varied
     * @param values their values in all, absent included
     * @param strength the t asked for
     * @param achieved the largest t fully covered
     * @param covered t-way combinations covered at the strength asked for
     * @param combinations t-way combinations there are
     * @param coveringCases cases of the covering array
     * @param deviationStrength fields set at a time on a background
     * @param deviationCases cases set on a background
     * @param backgroundPasses whether the background passes every gate
     * @param randomCases cases of the random sample
     * @param seed its seed
     * @param flipCases cases either side of a volume where a decision flips
     * @param evaluations evaluations run in all
     * @param millis wall-clock time
     */
    public record Space(int cases, int dimensions, int values, int strength, int achieved, long covered, long combinations,
                        int coveringCases, int deviationStrength, int deviationCases, boolean backgroundPasses, int randomCases,
                        long seed, int flipCases, long evaluations, long millis) {
        /** Evaluations a second. */
        public long perSecond() {
            return millis == 0 ? evaluations : evaluations * 1000 / millis;
        }
    }

    /**
     * A use case that breaks an invariant.
     *
     * @param what what is wrong, one sentence
     * @param given the smallest case found, its fields by path in fact-file order (null: none, for reachability)
     * @param foundIn the id of the case of the space it was found in
     * @param foundInOrigin how that case was made (covering, background, random, flip)
     * @param foundInFields how many fields that case gave
     * @param field for a monotone invariant, the field moved; else null
     * @param to the value it moved to; else null
     */
    public record Counterexample(String what, Map<String, Object> given, String foundIn, String foundInOrigin, int foundInFields,
                                 String field, Object to) {
    }

    /** One invariant's result: name, check, what it says, how many cases it was checked on and broken by, its counterexamples. */
    public record Checked(String name, String check, String says, long checked, long violating, List<Counterexample> counterexamples) {
        public boolean held() {
            return violating == 0;
        }
    }

    /** A verdict, advisory code or rule no case reached: its kind, name, and the reason unreachable.yaml gives (null: none). */
    public record Unreached(String kind, String name, String reason) {
        public boolean allowed() {
            return reason != null;
        }
    }

    /** The report: the space, each invariant, what stayed unreached, entries of unreachable.yaml that are reached. */
    public record Report(Space space, List<Checked> invariants, List<Unreached> unreached, List<String> staleAllowances) {
        public boolean passed() {
            return invariants.stream().allMatch(Checked::held);
        }
    }

    /** The space in one paragraph: how many cases of which kind, and what t was reached. */
    public static String space(Space s) {
        String deviations = switch (s.deviationStrength()) {
            case 0 -> "the backgrounds alone";
            case 1 -> "one field at a time set otherwise (none where a gate is unknown)";
            default -> "every combination of any " + s.deviationStrength() + " fields' values set (one field at a time where a gate is unknown)";
        };
        return String.format(Locale.ROOT, "%,d cases over %d fields (%,d boundary values): %,d covering every combination of any %d fields' values"
                        + " (t = %d %s, %,d of %,d combinations); %,d on backgrounds -- use cases %s, and for each gate one that stops there -- with %s; %,d random (seed %d); %,d either side of a volume where a decision flips",
                s.cases(), s.dimensions(), s.values(), s.coveringCases(), s.strength(), s.achieved(), s.achieved() == s.strength() ? "reached" : "only",
                s.covered(), s.combinations(), s.deviationCases(),
                s.backgroundPasses() ? "on which every gate passes" : "that pass as many gates as the space allows (not all)", deviations,
                s.randomCases(), s.seed(), s.flipCases());
    }

    /** The time taken, one line. */
    public static String timing(Space s) {
        return String.format(Locale.ROOT, "%,d evaluations in %.1f s (%,d a second)", s.evaluations(), s.millis() / 1000.0, s.perSecond());
    }

    /** The text report. */
    public static void text(Report report, String rules, PrintWriter out) {
        out.println("verify " + rules + ": " + space(report.space()));
        out.println();
        int width = report.invariants().stream().mapToInt(i -> i.name().length()).max().orElse(10);
        for (Checked i : report.invariants()) {
            out.printf(Locale.ROOT, "%s  %-" + width + "s  %s%n", i.held() ? "PASS" : "FAIL", i.name(),
                    i.held() ? String.format(Locale.ROOT, "%,d checked", i.checked())
                            : String.format(Locale.ROOT, "%,d of %,d checked break it", i.violating(), i.checked()));
            for (Counterexample v : i.counterexamples()) {
                out.println("      " + v.what());
                if (v.given() != null) {
                    out.println("      counterexample" + origin(v) + ":");
                    for (String line : sections(v.given())) {
                        out.println("        " + line);
                    }
                    if (v.field() != null) {
                        out.println("        then " + v.field() + ": " + ScenarioWriter.number(v.to()));
                    }
                }
            }
        }
        List<Unreached> allowed = report.unreached().stream().filter(Unreached::allowed).toList();
        out.println();
        if (allowed.isEmpty()) {
            out.println(report.unreached().isEmpty() ? "unreached: none -- every verdict, advisory code and deciding rule is reached by some case"
                    : "unreached, allowed: none");
        } else {
            out.println("unreached, allowed by unreachable.yaml:");
            allowed.forEach(u -> out.println("  " + u.kind() + " " + u.name() + ": " + u.reason()));
        }
        report.staleAllowances().forEach(s -> out.println("warning: unreachable.yaml lists " + s + ", which a case of the space reaches; remove it"));
        long broken = report.invariants().stream().filter(i -> !i.held()).count();
        out.println();
        out.println(broken == 0 ? "verify: all " + report.invariants().size() + " invariants hold"
                : "verify: " + broken + " of " + report.invariants().size() + " invariants broken");
    }

    private static String origin(Counterexample v) {
        if (v.foundIn() == null) {
            return "";
        }
        int kept = v.given().size();
        int had = v.foundInFields();
        return " (from " + v.foundIn() + ", a " + v.foundInOrigin() + " case"
                + (had == 0 ? "" : "; " + kept + " of its " + had + " fields kept") + ")";
    }

    /** The case as fact-file sections, one a line: {@code data: { labeledExamples: 999 }}. */
    static List<String> sections(Map<String, Object> given) {
        String text = ScenarioWriter.text("", "", given, Map.of());
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("  id:")) {
                out.add(line.substring(2));
            }
        }
        if (out.isEmpty()) {
            out.add("(no field given)");
        }
        return out;
    }

    /**
     * The space as JSON writes it, in {@code verify} and {@code diff --space} alike: {@code cases}, {@code fields},
     * {@code values}, {@code strength}, {@code strengthReached}, {@code combinations}, {@code combinationsCovered},
     * {@code coveringCases}, {@code deviations}, {@code deviationCases}, {@code backgroundPassesEveryGate},
     * {@code randomCases}, {@code seed}, {@code flipCases}.
     */
    public static Map<String, Object> spaceFields(Space s) {
        Map<String, Object> space = new LinkedHashMap<>();
        space.put("cases", s.cases());
        space.put("fields", s.dimensions());
        space.put("values", s.values());
        space.put("strength", s.strength());
        space.put("strengthReached", s.achieved());
        space.put("combinations", s.combinations());
        space.put("combinationsCovered", s.covered());
        space.put("coveringCases", s.coveringCases());
        space.put("deviations", s.deviationStrength());
        space.put("deviationCases", s.deviationCases());
        space.put("backgroundPassesEveryGate", s.backgroundPasses());
        space.put("randomCases", s.randomCases());
        space.put("seed", s.seed());
        space.put("flipCases", s.flipCases());
        return space;
    }

    /** The time taken as JSON writes it: {@code evaluations}, {@code millis}, {@code evaluationsPerSecond}. */
    public static Map<String, Object> timingFields(Space s) {
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("evaluations", s.evaluations());
        timing.put("millis", s.millis());
        timing.put("evaluationsPerSecond", s.perSecond());
        return timing;
    }

    /** The JSON report: the space, its timing, each invariant with its counterexamples, what stayed unreached. */
    public static void json(Report report, String rules, PrintWriter out) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("rules", rules);
        root.put("passed", report.passed());
        root.put("space", spaceFields(report.space()));
        root.put("timing", timingFields(report.space()));
        List<Object> invariants = new ArrayList<>();
        for (Checked i : report.invariants()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", i.name());
            m.put("check", i.check());
            m.put("says", i.says());
            m.put("held", i.held());
            m.put("checked", i.checked());
            m.put("violating", i.violating());
            List<Object> violations = new ArrayList<>();
            for (Counterexample v : i.counterexamples()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("what", v.what());
                if (v.given() != null) {
                    x.put("counterexample", v.given());
                    x.put("foundIn", v.foundIn());
                    x.put("foundInOrigin", v.foundInOrigin());
                }
                if (v.field() != null) {
                    x.put("field", v.field());
                    x.put("to", v.to());
                }
                violations.add(x);
            }
            m.put("violations", violations);
            invariants.add(m);
        }
        root.put("invariants", invariants);
        root.put("unreached", report.unreached());
        root.put("staleAllowances", report.staleAllowances());
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Markdown report: a table of invariants, then each counterexample. */
    public static void markdown(Report report, String rules, PrintWriter out) {
        out.println("## advisor verify: `" + rules + "`");
        out.println();
        out.println(space(report.space()) + ".");
        out.println();
        out.println("| invariant | result | checked | breaking it |");
        out.println("|---|---|---:|---:|");
        for (Checked i : report.invariants()) {
            out.printf(Locale.ROOT, "| `%s` | %s | %,d | %,d |%n", i.name(), i.held() ? "holds" : "**broken**", i.checked(), i.violating());
        }
        for (Checked i : report.invariants()) {
            for (Counterexample v : i.counterexamples()) {
                out.println();
                out.println("### `" + i.name() + "`");
                out.println();
                out.println(v.what().replace("|", "\\|"));
                if (v.given() != null) {
                    out.println();
                    out.println("```yaml");
                    sections(v.given()).forEach(out::println);
                    if (v.field() != null) {
                        out.println("# then " + v.field() + ": " + ScenarioWriter.number(v.to()));
                    }
                    out.println("```");
                }
            }
        }
        List<Unreached> allowed = report.unreached().stream().filter(Unreached::allowed).toList();
        if (!allowed.isEmpty()) {
            out.println();
            out.println("Unreached, allowed by `unreachable.yaml`:");
            out.println();
            allowed.forEach(u -> out.println("- " + u.kind() + " `" + u.name() + "`: " + u.reason()));
        }
    }
}
