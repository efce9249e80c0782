package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.engine.verify.Space;
import picocli.CommandLine.Option;

/** How big a fact space {@code verify} and {@code diff --space} cover: the options both share. */
public final class SpaceOptions {
    @Option(names = "--strength", paramLabel = "T",
            description = "Every combination of any T fields' boundary values occurs in some case of the covering array, 1 to 4 (default: 3; 2 with --quick).")
    Integer strength;

    @Option(names = "--deviations", paramLabel = "N",
            description = "Every combination of any N fields' values is also set on a background on which every gate passes, 0 to 2 (default: 2; 1 with --quick).")
    Integer deviations;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the random sample: the same seed gives the same cases (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--random", paramLabel = "N", description = "Cases drawn at random on top (default: 1000; 200 with --quick).")
    Integer random;

    @Option(names = "--flip-sample", paramLabel = "N",
            description = "Cases in which the volume where a decision flips is searched for (default: 24; 8 with --quick).")
    Integer flipSample;

    @Option(names = "--threads", paramLabel = "N",
            description = "Evaluate on N threads (default: the machine's cores; the cases and the report are the same whatever N).")
    Integer threads;

    @Option(names = "--quick", description = "The smaller space the test suite checks: t = 2, single deviations, 200 random cases, 8 flip samples.")
    boolean quick;

    private static void check(String option, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new IllegalArgumentException(option + " must be " + (max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max)
                    + ", not " + value);
        }
    }

    /** The threads to evaluate on: --threads, else the machine's cores. */
    int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /**
     * The options given, on the defaults (or the quick space's).
     *
     * @throws IllegalArgumentException naming the option given a value out of its range
     */
    public Space.Options toOptions() {
        check("--strength", strength, 1, 4);
        check("--deviations", deviations, 0, 2);
        check("--random", random, 0, Integer.MAX_VALUE);
        check("--flip-sample", flipSample, 0, Integer.MAX_VALUE);
        check("--threads", threads, 1, Integer.MAX_VALUE);
        Space.Options d = quick ? Space.Options.quick() : Space.Options.defaults();
        return new Space.Options(strength == null ? d.strength() : strength, deviations == null ? d.deviations() : deviations, seed,
                random == null ? d.random() : random, flipSample == null ? d.flipSample() : flipSample, d.maxCovering());
    }
}
