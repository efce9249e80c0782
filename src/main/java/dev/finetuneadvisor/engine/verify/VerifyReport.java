package dev.finetuneadvisor.engine.verify;

import java.util.List;

/**
 * What {@code advisor verify} found: the space it covered, each invariant with whether it held, and what no case
 * reached.
 *
 * @param space the space covered and what it cost
 * @param invariants each invariant in declared order, with its violations
 * @param unreached the verdicts, advisory codes and deciding rules no case reached, allowed or not
 * @param staleAllowances entries of unreachable.yaml that some case does reach
 */
public record VerifyReport(SpaceSummary space, List<InvariantResult> invariants, List<Unreached> unreached,
                           List<String> staleAllowances) {

    /**
     * The space covered.
     *
     * @param dimensions fields (or groups of alternatives) varied
     * @param values their values in all, absent included
     * @param strength the t asked for
     * @param achieved the largest t whose every combination occurs (0 when even single values are missed)
     * @param covered the t-way combinations covered at the strength asked for
     * @param combinations the t-way combinations there are
     * @param coveringCases cases of the covering array
     * @param randomCases cases of the seeded random sample
     * @param flipCases cases either side of a volume where a comparison the rules compute flips
     * @param deviationStrength how many dimensions at a time are set on the background
     * @param deviationCases cases set on the background
     * @param backgroundPasses true when every background passes every gate
     * @param seed the seed of the random sample
     * @param evaluations rule evaluations run in all (cases, moved copies, repeats, minimising)
     * @param millis wall-clock time of the whole check
     */
    public record SpaceSummary(int dimensions, int values, int strength, int achieved, long covered, long combinations,
                               int coveringCases, int randomCases, int flipCases, int deviationStrength, int deviationCases,
                               boolean backgroundPasses, long seed, long evaluations, long millis) {
        /** Every case of the space. */
        public int cases() {
            return coveringCases + deviationCases + randomCases + flipCases;
        }

        /** Evaluations a second. */
        public long perSecond() {
            return millis == 0 ? evaluations : evaluations * 1000 / millis;
        }
    }

    /**
     * One invariant's result.
     *
     * @param name its name
     * @param check its check, as written
     * @param says what it guarantees
     * @param casesChecked the cases (or pairs) it was checked on
     * @param violating how many of them break it
     * @param violations one minimal counterexample per distinct way it is broken (at most a few)
     */
    public record InvariantResult(String name, String check, String says, long casesChecked, long violating,
                                  List<Violation> violations) {
        public boolean held() {
            return violating == 0;
        }
    }

    /**
     * A verdict, advisory code or deciding rule no case reached.
     *
     * @param kind verdict, advisory or rule
     * @param name the code or rule id
     * @param reason the reason unreachable.yaml gives, or null when it is not listed (a violation)
     */
    public record Unreached(String kind, String name, String reason) {
        public boolean allowed() {
            return reason != null;
        }
    }

    /** True when every invariant held and nothing unlisted stayed unreached. */
    public boolean passed() {
        return invariants.stream().allMatch(InvariantResult::held);
    }
}
