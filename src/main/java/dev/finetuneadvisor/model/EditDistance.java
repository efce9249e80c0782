package dev.finetuneadvisor.model;

import java.util.Collection;
import java.util.Locale;

/**
 * How many single-character edits turn one name into another (Levenshtein), for the "did you mean" of
 * misspelt fields, headings and codes. Kept here, below both {@code engine} and {@code io}, so the one
 * implementation serves both.
 */
public final class EditDistance {
    private EditDistance() {
    }

    /** Levenshtein distance, two rows (short names, no library needed). */
    public static int between(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * The name of {@code known} fewest edits away from {@code given}, ignoring case; a tie goes to the name
     * that sorts first, so the suggestion does not depend on the order names were found in. Null when
     * {@code known} is empty.
     */
    public static String closest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String g = given.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int d = between(g, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Like {@link #closest}, but only a name within a third of the given one's length (at least two edits): a guess, not noise. */
    public static String near(String given, Collection<String> known) {
        String best = closest(given, known);
        return best != null && between(given.toLowerCase(Locale.ROOT), best.toLowerCase(Locale.ROOT))
                <= Math.max(2, given.length() / 3) ? best : null;
    }
}
