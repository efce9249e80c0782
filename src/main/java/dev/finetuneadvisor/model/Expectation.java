package dev.finetuneadvisor.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a scenario expects of a use case's result: the verdict, the status of some gates (by name), codes
 * that must appear and codes that must not. Any part may be left out (null or empty).
 */
public record Expectation(String verdict, Map<String, Status> gates, List<String> codes, List<String> absent) {
    public Expectation {
        gates = gates == null ? Map.of() : new TreeMap<>(gates);
        codes = codes == null ? List.of() : List.copyOf(codes);
        absent = absent == null ? List.of() : List.copyOf(absent);
    }

    /** True when nothing at all is expected. */
    public boolean isEmpty() {
        return verdict == null && gates.isEmpty() && codes.isEmpty() && absent.isEmpty();
    }

    /**
     * Every way {@code result} falls short of this expectation, one sentence each; empty when it meets it.
     */
    public List<String> mismatches(Result result) {
        List<String> out = new java.util.ArrayList<>();
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
        return out;
    }
}
