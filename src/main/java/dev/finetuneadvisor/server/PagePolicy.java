package dev.finetuneadvisor.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of the page: scripts, styles, images and frames from the server only, nothing inline but
 * the portfolio report's own style and script, allowed by their hashes. The page shows the report in a frame from the
 * text it fetched ({@code srcdoc}), and such a frame lives under the page's policy; the report is one self-contained
 * file with one style and one script block ({@code io.HtmlReportWriter}), the same for every portfolio, so their hashes,
 * taken from a report once, allow exactly them.
 */
final class PagePolicy {
    private static final Pattern INLINE = Pattern.compile("<(style|script)>(.*?)</\\1>", Pattern.DOTALL);

    private PagePolicy() {
    }

    /** The policy for the page, allowing the inline style and script blocks of {@code report} (an HTML report). */
    static String of(String report) {
        List<String> styles = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        Matcher m = INLINE.matcher(report);
        while (m.find()) {
            (m.group(1).equals("style") ? styles : scripts).add(" 'sha256-" + sha256(m.group(2)) + "'");
        }
        return "default-src 'self'; style-src 'self'" + String.join("", styles) + "; script-src 'self'" + String.join("", scripts)
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
