package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.EditDistance;
import java.util.Collection;
import java.util.Locale;

/** "Did you mean": the known name closest to a misspelt one, when it is close enough to help. */
final class Suggest {
    private Suggest() {
    }

    /** The closest of {@code known} to {@code given}, or null when none is within a third of its length. */
    static String closest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String g = given.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int d = EditDistance.between(g, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, given.length() / 3) ? best : null;
    }
}
