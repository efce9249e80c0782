package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.EditDistance;
import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean" for the names where the rules meet the Java side (gate names, fact field paths, fact
 * properties): the known name fewest edits away, ignoring case; a tie goes to the name that sorts first,
 * so the suggestion does not depend on the order names were found in.
 */
final class Closest {
    private Closest() {
    }

    /** The name of {@code known} closest to {@code given}, or null when {@code known} is empty. */
    static String of(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String g = given.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int d = EditDistance.between(g, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Like {@link #of}, but only a name within a third of the given one's length (at least two edits): a guess, not noise. */
    static String near(String given, Collection<String> known) {
        String best = of(given, known);
        return best != null && EditDistance.between(given.toLowerCase(Locale.ROOT), best.toLowerCase(Locale.ROOT))
                <= Math.max(2, given.length() / 3) ? best : null;
    }
}
