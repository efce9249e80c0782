package dev.finetuneadvisor.engine.verify;

import java.util.List;
import java.util.Objects;

/**
 * One invariant of {@code rules/invariants.yaml}: its name, what it checks and with which settings, the sentence
 * that says what it guarantees, and the line it is declared on.
 *
 * @param name its name ({@code no-code-twice})
 * @param check what it checks
 * @param says what it guarantees, one sentence
 * @param codes for {@code onlyWith}: the codes that come only with one of {@code verdicts}
 * @param verdicts for {@code onlyWith}: the verdicts the codes may come with
 * @param verdict for {@code needsInfo}: the verdict that asks for facts
 * @param field for {@code monotone}: the field moved
 * @param up for {@code monotone}: true when the field moves up, false down
 * @param gates for {@code monotone}: the gates that must not turn (empty: every gate)
 * @param steps for {@code monotone}: the values where a declared step may turn a gate
 * @param sample for {@code deterministic}: the share of the space evaluated twice
 * @param line where it is declared
 */
public record Invariant(String name, Check check, String says, List<String> codes, List<String> verdicts, String verdict,
                        String field, boolean up, List<String> gates, List<Step> steps, double sample, int line) {
    public Invariant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        codes = codes == null ? List.of() : List.copyOf(codes);
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        gates = gates == null ? List.of() : List.copyOf(gates);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The kinds of check an invariant can be. */
    public enum Check {
        ONE_VERDICT("oneVerdict"), NO_CODE_TWICE("noCodeTwice"), ONLY_WITH("onlyWith"), GATE_ORDER("gateOrder"),
        NEEDS_INFO("needsInfo"), REACHABLE("reachable"), MONOTONE("monotone"), DETERMINISTIC("deterministic");

        private final String written;

        Check(String written) {
            this.written = written;
        }

        /** How it is written in invariants.yaml. */
        public String written() {
            return written;
        }

        /** The check written so, or null. */
        public static Check of(String written) {
            for (Check c : values()) {
                if (c.written.equals(written)) {
                    return c;
                }
            }
            return null;
        }
    }

    /**
     * A step a monotone invariant allows: where the field crosses {@code at}, the gates listed may turn, because of
     * what the rules do there.
     *
     * @param at the value crossed
     * @param atName the assumption it is, or null for a number written in the file
     * @param gates the gates that may turn there
     * @param because why
     */
    public record Step(double at, String atName, List<String> gates, String because) {
        public Step {
            gates = List.copyOf(gates);
        }
    }

    /** True when the gate is one this monotone invariant watches. */
    public boolean watches(String gate) {
        return gates.isEmpty() || gates.contains(gate);
    }
}
