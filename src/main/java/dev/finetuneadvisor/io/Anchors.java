package dev.finetuneadvisor.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The anchor a portfolio report gives a use case, so that {@code report.html#<slug>} (or a Markdown link)
 * jumps to it. The slug depends on the id alone, not on the other use cases or their order, so a link
 * stays valid when the portfolio changes, and the report keeps no memory of the slugs it gave:
 * <ul>
 *   <li>an id that is already a clean slug (lower-case letters and digits, single {@code . _ -} between
 *       them, at most {@value #CLEAN_MAX} characters) and is not one of the page's own anchors is its
 *       own slug: {@code support-org-ticket-routing};</li>
 *   <li>any other id becomes a readable stem (lower-cased, other characters as {@code -}) followed by
 *       {@code --} and 12 hex digits of the id's SHA-256: {@code Support Bot} gives
 *       {@code support-bot--} and the digits. A clean slug never has {@code --}, so the two kinds never
 *       meet; two such ids share a slug only if their hashes share 48 bits (ids are unique in a run).</li>
 * </ul>
 */
final class Anchors {
    static final int CLEAN_MAX = 64;
    private static final int STEM_MAX = 48;
    private static final Pattern CLEAN = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

    /**
     * The anchors the reports use for their own sections (HTML ids, and the anchors a Markdown viewer
     * makes from the headings), which a use case must not take.
     */
    static final Set<String> PAGE = Set.of(
            "fine-tuning-portfolio", "estimated-yearly-saving", "saving", "verdicts", "verdicts-section", "gate-funnel",
            "funnel", "funnel-section", "costs", "costs-section", "use-cases", "table-section", "details",
            "next-step-per-use-case", "rejected-input", "errors");

    private Anchors() {
    }

    /** The use case's anchor; see the class comment. */
    static String slug(String id) {
        String s = id == null ? "" : id;
        if (s.length() <= CLEAN_MAX && CLEAN.matcher(s).matches() && !PAGE.contains(s)) {
            return s;
        }
        String stem = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (stem.length() > STEM_MAX) {
            stem = stem.substring(0, STEM_MAX).replaceAll("-+$", "");
        }
        return (stem.isEmpty() ? "use-case" : stem) + "--" + hash(s);
    }

    /** 12 hex digits (48 bits) of the SHA-256 of the id's UTF-8 bytes: the same on every machine. */
    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(12);
            for (int i = 0; i < 6; i++) {
                b.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
