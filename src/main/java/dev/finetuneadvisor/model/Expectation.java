package dev.finetuneadvisor.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a scenario expects of a use case's result. Any part may be left out (null or empty):
 * <ul>
 *   <li>{@code verdict}, and the status of some {@code gates} (by name);</li>
 *   <li>{@code codes} that must appear and codes that must be {@code absent};</li>
 *   <li>{@code count}: how many times a code appears (every scenario also holds "no code twice");</li>
 *   <li>{@code mentions} / {@code doesNotMention}: text that the explanation of a code (or the reason of a
 *       gate, by gate name, or with {@code counterfactuals} the explanation of any counterfactual) must or
 *       must not contain;</li>
 *   <li>{@code unchanged}: fact fields that no counterfactual may propose to change;</li>
 *   <li>{@code rangesHold}: whether the verdict holds across the article's ranges (the result's
 *       {@code ranges.holds});</li>
 *   <li>{@code invariants}: invariants of {@code rules/invariants.yaml} the use case must keep, by name, each with
 *       {@code to:} for a monotone one (the value its field moves to); checked by the scenario runner, which has the
 *       rules' invariants (a scenario {@code advisor verify --write} writes for a counterexample fails until the rules
 *       are fixed).</li>
 * </ul>
 */
public record Expectation(String verdict, Map<String, Status> gates, List<String> codes, List<String> absent,
                          Map<String, Integer> count, Map<String, List<String>> mentions,
                          Map<String, List<String>> doesNotMention, List<String> unchanged, Boolean rangesHold,
                          Map<String, Double> invariants) {
    public Expectation {
        invariants = invariants == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(invariants));
        gates = gates == null ? Map.of() : new TreeMap<>(gates);
        codes = codes == null ? List.of() : List.copyOf(codes);
        absent = absent == null ? List.of() : List.copyOf(absent);
        count = count == null ? Map.of() : new TreeMap<>(count);
        mentions = mentions == null ? Map.of() : new TreeMap<>(mentions);
        doesNotMention = doesNotMention == null ? Map.of() : new TreeMap<>(doesNotMention);
        unchanged = unchanged == null ? List.of() : List.copyOf(unchanged);
    }

    /** Everything but the range check. */
    public Expectation(String verdict, Map<String, Status> gates, List<String> codes, List<String> absent,
                       Map<String, Integer> count, Map<String, List<String>> mentions,
                       Map<String, List<String>> doesNotMention, List<String> unchanged) {
        this(verdict, gates, codes, absent, count, mentions, doesNotMention, unchanged, null, null);
    }

    /** The verdict, gates, codes and absent codes only. */
    public Expectation(String verdict, Map<String, Status> gates, List<String> codes, List<String> absent) {
        this(verdict, gates, codes, absent, null, null, null, null, null, null);
    }

    /** True when nothing at all is expected. */
    public boolean isEmpty() {
        return verdict == null && gates.isEmpty() && codes.isEmpty() && absent.isEmpty() && count.isEmpty()
                && mentions.isEmpty() && doesNotMention.isEmpty() && unchanged.isEmpty() && rangesHold == null && invariants.isEmpty();
    }

    /**
     * Every way {@code result} falls short of this expectation, one sentence each; empty when it meets it.
     * A code listed twice in the result is always a mismatch: one code, one recommendation.
     */
    public List<String> mismatches(Result result) {
        List<String> out = new ArrayList<>();
        if (verdict != null && !verdict.equals(result.verdict())) {
            out.add("verdict: expected " + verdict + ", got " + result.verdict());
        }
        gates.forEach((name, status) -> {
            GateResult g = result.gate(name);
            if (g == null) {
                out.add("gate " + name + ": expected " + status + ", but there is no such gate");
            } else if (g.getStatus() != status) {
                out.add("gate " + name + ": expected " + status + ", got " + g.getStatus() + " (" + g.getReason() + ")");
            }
        });
        for (String code : codes) {
            if (!result.hasCode(code)) {
                out.add("code " + code + ": expected, missing (got " + String.join(", ",
                        result.recommendations().stream().map(Recommendation::getCode).toList()) + ")");
            }
        }
        for (String code : absent) {
            if (result.hasCode(code)) {
                out.add("code " + code + ": expected absent, present");
            }
        }
        Map<String, Integer> seen = new TreeMap<>();
        result.recommendations().forEach(r -> seen.merge(r.getCode(), 1, Integer::sum));
        seen.forEach((code, n) -> {
            if (n > 1 && !count.containsKey(code)) {
                out.add("code " + code + ": listed " + n + " times; a code is recommended once");
            }
        });
        count.forEach((code, n) -> {
            int got = seen.getOrDefault(code, 0);
            if (got != n) {
                out.add("code " + code + ": expected " + n + " time" + (n == 1 ? "" : "s") + ", got " + got);
            }
        });
        mentions.forEach((subject, texts) -> {
            List<String> said = texts(result, subject);
            if (said.isEmpty()) {
                out.add(subject + ": expected to mention " + texts + ", but the result has no such code or gate");
                return;
            }
            for (String t : texts) {
                if (said.stream().noneMatch(s -> s.contains(t))) {
                    out.add(subject + ": expected to mention \"" + t + "\"; said: " + String.join(" | ", said));
                }
            }
        });
        doesNotMention.forEach((subject, texts) -> {
            List<String> said = texts(result, subject);
            if (said.isEmpty()) {
                // a misspelt subject must not pass unnoticed; a code that must not appear belongs in absent:
                out.add(subject + ": expected to check what it says, but the result has no such code, gate or counterfactual");
            }
            for (String s : said) {
                for (String t : texts) {
                    if (s.contains(t)) {
                        out.add(subject + ": must not mention \"" + t + "\"; said: " + s);
                    }
                }
            }
        });
        if (rangesHold != null) {
            if (result.ranges() == null) {
                out.add("rangesHold: expected " + rangesHold + ", but the range check was not run");
            } else if (result.ranges().holds() != rangesHold) {
                out.add("rangesHold: expected " + rangesHold + ", got " + result.ranges().holds() + " (" + result.ranges().inputs().stream()
                        .map(i -> i.name() + " " + i.verdictAtLow() + " at " + Fmt.value(i.low()) + ", " + i.verdictAtHigh() + " at "
                                + Fmt.value(i.high())).collect(Collectors.joining("; ")) + ")");
            }
        }
        if (!unchanged.isEmpty() && result.counterfactuals() == null) {
            out.add("unchanged: expected counterfactuals to check, but none were searched");
        }
        if (!unchanged.isEmpty() && result.counterfactuals() != null) {
            for (Counterfactual cf : result.counterfactuals()) {
                for (Change c : cf.getChanges()) {
                    if (unchanged.contains(c.getField())) {
                        out.add("counterfactual towards " + cf.getTarget() + ": proposes changing " + c.getField()
                                + ", which must stay as it is");
                    }
                }
            }
        }
        return out;
    }

    /** The subject of {@code mentions} that stands for the explanations of the counterfactuals. */
    public static final String COUNTERFACTUALS = "counterfactuals";

    /** The explanations of a code, or the reason of a gate with that name, or those of the counterfactuals. */
    private static List<String> texts(Result result, String subject) {
        List<String> said = new ArrayList<>();
        if (COUNTERFACTUALS.equals(subject)) {
            if (result.counterfactuals() != null) {
                result.counterfactuals().forEach(cf -> said.add(String.valueOf(cf.getExplanation())));
            }
            return said;
        }
        result.recommendations().stream().filter(r -> r.getCode().equals(subject)).forEach(r -> said.add(r.getExplanation()));
        GateResult g = result.gate(subject);
        if (g != null) {
            said.add(g.getReason());
        }
        return said;
    }
}
