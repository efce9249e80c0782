package dev.finetuneadvisor.model;

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
}
