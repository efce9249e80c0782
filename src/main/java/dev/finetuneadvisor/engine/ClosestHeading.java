package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.Article;
import dev.finetuneadvisor.model.EditDistance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The heading path of the article closest to a {@code @section} that is not one, for "did you mean".
 * An author's mistakes are of a few kinds, and each is scored for: the right heading in other case,
 * spacing or separator ("A > B", "a/b"); a sub-heading without its parent; a heading remembered by some
 * of its words or its initials ("Hidden costs FAQ"); a misspelling. The words a section shares with a
 * heading path count most (plural, short forms and initials match), then how close its letters are to the
 * path or to its last heading; a tie goes to the heading that comes first in the article.
 */
final class ClosestHeading {
    /** Words too common in headings to tell them apart. */
    private static final Set<String> COMMON = Set.of("a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "is", "it",
            "i", "do", "your", "you", "are", "what", "when", "how", "can", "with");

    private ClosestHeading() {
    }

    /** The path of {@code article} closest to {@code given}, or null when the article has no heading. */
    static String of(String given, Article article) {
        String g = normal(given);
        List<String> words = words(g);
        String best = null;
        double bestScore = -1;
        for (Article.Heading h : article.all()) {
            String path = normal(h.path());
            if (path.equals(g)) {
                return h.path();
            }
            double score = 2 * shared(words, h) + Math.max(similarity(g, path), similarity(g, normal(h.text())));
            if (score > bestScore) {
                bestScore = score;
                best = h.path();
            }
        }
        return best;
    }

    /** Lower case, one space between words, straight quotes, and " / " for any way of separating headings. */
    static String normal(String s) {
        return s.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"').replace('\u201d', '"')
                .replaceAll("\\s*(/|>|\u203a|\u00bb)\\s*", " / ")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static List<String> words(String normal) {
        List<String> out = new ArrayList<>();
        for (String w : normal.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && !COMMON.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** The share of the section's words found in the heading's path, as a word or as a heading's initials. */
    private static double shared(List<String> words, Article.Heading heading) {
        if (words.isEmpty()) {
            return 0;
        }
        List<String> pathWords = words(normal(heading.path()));
        List<String> initials = new ArrayList<>();
        for (String part : normal(heading.path()).split(" / ")) {
            StringBuilder sb = new StringBuilder();
            for (String w : part.split("[^\\p{L}\\p{N}]+")) {
                if (!w.isEmpty()) {
                    sb.append(w.charAt(0));
                }
            }
            initials.add(sb.toString());
        }
        int matched = 0;
        for (String w : words) {
            if (initials.contains(w) || pathWords.stream().anyMatch(p -> sameWord(w, p))) {
                matched++;
            }
        }
        return (double) matched / words.size();
    }

    /** Equal, or one a form of the other: "cost"/"costs", "eval"/"evaluation" (a long common start). */
    private static boolean sameWord(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int common = 0;
        int max = Math.min(a.length(), b.length());
        while (common < max && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        return common >= 4 && common >= 0.7 * max;
    }

    /** 1 for equal texts, down to 0 for texts with nothing in place in common (edit distance over length). */
    private static double similarity(String a, String b) {
        int longest = Math.max(a.length(), b.length());
        return longest == 0 ? 1 : 1 - (double) EditDistance.between(a, b) / longest;
    }
}
