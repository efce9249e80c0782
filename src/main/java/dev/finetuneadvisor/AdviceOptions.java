package dev.finetuneadvisor;

/**
 * What a run attaches to each result besides the verdict.
 *
 * @param counterfactuals search for what would change the verdict (re-runs the rules many times per use case)
 * @param whyNot the code the search aims at; null: the rules' default target (FINE_TUNE unless reached)
 * @param ranges check the verdict at both ends of the article's ranges of the cost inputs
 */
public record AdviceOptions(boolean counterfactuals, String whyNot, boolean ranges) {
    /** The verdict, gates, advice and costs only: the fastest, what a large batch wants. */
    public static AdviceOptions plain() {
        return new AdviceOptions(false, null, false);
    }

    /** Everything a person reads: counterfactuals towards the default target and the range check. */
    public static AdviceOptions full() {
        return new AdviceOptions(true, null, true);
    }

    /** These options, searching what would reach {@code code} instead. */
    public AdviceOptions whyNot(String code) {
        return new AdviceOptions(true, code, ranges);
    }
}
