package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Fmt;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Revisions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The HTML portfolio report: one self-contained file (inline CSS, SVG and script; nothing is fetched) with,
 * under its title, the advisor and the rules' and assumptions' revisions that decided it, then the estimated yearly saving (over the use cases whose verdict is FINE_TUNE only, the others' frontier
 * cost apart; see {@link Captions}), the verdict distribution, the gate funnel, a sortable table of use
 * cases with each one's next step, and each use case under an anchor named by its id ({@link Anchors}) that
 * the table links to: its next step in full (the stopping gate and its failing checks, or the advisories)
 * and its explanations (verdict, gates, recommendations with their article sections). Charts are drawn as SVG when the file is written, so
 * they show without the script; the script only sorts the table. The totals come first, so the table and
 * the explanations are spooled as results come and written after them: memory stays flat for any size.
 */
public final class HtmlReportWriter {
    private static final int CHART_WIDTH = 640;
    private static final int LABEL_WIDTH = 250;
    private static final int BAR_HEIGHT = 22;
    private static final String[] PALETTE = {"#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030", "#2c7a7b", "#718096", "#97266d"};

    private HtmlReportWriter() {
    }

    /**
     * Streams the report: the table rows, the explanations and the errors are spooled as results come (see
     * {@link Spool}); at the end the totals and charts are written, then the spools.
     *
     * @param revisions the advisor and revisions of the run, for the report's head
     */
    public static ResultSink sink(PrintWriter out, PrintWriter err, Captions captions, Revisions revisions) {
        Objects.requireNonNull(revisions, "revisions");
        return new Portfolio.Sink(err, captions) {
            private final Spool rows = spool();
            private final Spool details = spool();
            private final Spool errors = spool();

            @Override
            void row(long index, Result r) {
                NextStep next = NextStep.of(r);
                String slug = Anchors.slug(r.id());
                rows.append(tableRow(r, next, slug));
                details.append(article(r, next, slug, fineTune(r) ? captions : null));
            }

            @Override
            void rejected(InputError e) {
                errors.append("<li><code>" + esc(e.describe()) + "</code></li>\n");
            }

            @Override
            void write(Portfolio p) {
                long n = p.useCases();
                out.print("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                        + "<title>Fine-tuning portfolio</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n");
                out.print("<h1>Fine-tuning portfolio</h1>\n<p class=\"lead\">" + captions.useCases(n)
                        + " evaluated, " + Fmt.n(p.errors()) + " rejected.</p>\n");
                out.print("<p class=\"lead\">" + esc(revisions.line()) + "</p>\n");
                saving(p, captions, out);
                verdicts(p, n, out);
                funnel(p, n, captions, out);
                out.print("<section id=\"table-section\">\n<h2>Use cases</h2>\n<p>Click a column heading to sort; click an id for the use case's"
                        + " next step in full and its explanations.</p>\n");
                out.print("<table id=\"use-cases\" class=\"sortable\">\n<thead><tr><th data-type=\"text\">id</th><th data-type=\"text\">title</th>"
                        + "<th data-type=\"text\">verdict</th><th data-type=\"text\">next step</th><th data-type=\"text\">stopped at</th>"
                        + "<th data-type=\"number\">frontier / year</th><th data-type=\"number\">fine-tuning TCO / year</th>"
                        + "<th data-type=\"number\">advantage</th></tr></thead>\n<tbody>\n");
                rows.writeTo(out);
                out.print("</tbody>\n</table>\n</section>\n");
                out.print("<section id=\"details\">\n<h2>Next step per use case</h2>\n");
                details.writeTo(out);
                out.print("</section>\n");
                if (!errors.isEmpty()) {
                    out.print("<section id=\"errors\">\n<h2>Rejected input</h2>\n<ul>\n");
                    errors.writeTo(out);
                    out.print("</ul>\n</section>\n");
                }
                out.print("<script>\n" + SCRIPT + "</script>\n</body>\n</html>\n");
                out.flush();
            }

            @Override
            void discard() {
                rows.close();
                details.close();
                errors.close();
            }
        };
    }

    private static void funnel(Portfolio p, long n, Captions captions, PrintWriter out) {
        List<Portfolio.Step> steps = p.funnel();
        out.print("<section id=\"funnel-section\">\n<h2>Gate funnel</h2>\n<p>" + content(captions.funnel("funnelHtml")) + "</p>\n");
        int rows = steps.size() + 1;
        out.print("<svg id=\"funnel\" role=\"img\" aria-label=\"Gate funnel\" width=\"" + CHART_WIDTH + "\" height=\""
                + (rows * (BAR_HEIGHT + 8) + 4) + "\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        bar(out, 0, "all use cases", n, n, "#4a5568", "total");
        for (int i = 0; i < steps.size(); i++) {
            Portfolio.Step s = steps.get(i);
            bar(out, i + 1, s.number() + " " + s.name(), s.passed(), n, PALETTE[0], "gate-" + s.number());
        }
        out.print("</svg>\n</section>\n");
    }

    private static void verdicts(Portfolio p, long n, PrintWriter out) {
        Map<String, Long> verdicts = p.verdicts();
        out.print("<section id=\"verdicts-section\">\n<h2>Verdicts</h2>\n");
        out.print("<svg id=\"verdicts\" role=\"img\" aria-label=\"Verdict distribution\" width=\"" + CHART_WIDTH + "\" height=\""
                + (Math.max(verdicts.size(), 1) * (BAR_HEIGHT + 8) + 4) + "\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        int i = 0;
        for (Map.Entry<String, Long> v : verdicts.entrySet()) {
            bar(out, i, v.getKey(), v.getValue(), n, PALETTE[i % PALETTE.length], "verdict-" + v.getKey());
            i++;
        }
        out.print("</svg>\n</section>\n");
    }

    /**
     * The estimated yearly saving over the FINE_TUNE use cases, drawn as their frontier cost against their
     * fine-tuning TCO; the other use cases' frontier cost and the use cases without costs are said apart.
     */
    private static void saving(Portfolio p, Captions captions, PrintWriter out) {
        out.print("<section id=\"saving\">\n<h2>Estimated yearly saving</h2>\n");
        if (p.fineTunes() > 0) {
            String amount = "<span class=\"amount\" data-value=\"" + String.format(Locale.ROOT, "%.2f", p.savingUsdPerYear())
                    + "\">" + esc(Captions.usd(p.savingUsdPerYear())) + "</span>";
            out.print("<p class=\"figure\">" + captions.figure(p, amount, HtmlReportWriter::esc) + "</p>\n");
        } else {
            out.print("<p class=\"figure\">" + esc(captions.headline(p)) + "</p>\n");
        }
        out.print("<table class=\"totals\"><thead><tr><th>use cases</th><th>count</th><th>frontier API / year</th><th>fine-tuning TCO / year</th>"
                + "<th>estimated saving / year</th></tr></thead><tbody>\n");
        out.print("<tr data-key=\"fine-tune\"><td>" + esc(captions.row("rowSaving")) + "</td>" + count(p.fineTunes()) + money(p.fineTuneFrontierUsdPerYear())
                + money(p.fineTuneTcoUsdPerYear()) + "<td data-v=\"" + String.format(Locale.ROOT, "%.2f", p.savingUsdPerYear()) + "\"><strong>"
                + esc(Captions.usd(p.savingUsdPerYear())) + "</strong></td></tr>\n");
        out.print("<tr data-key=\"latency\"><td>" + esc(captions.row("rowLatency")) + "</td>" + count(p.latencyFineTunes())
                + money(p.latencyFrontierUsdPerYear()) + money(p.latencyTcoUsdPerYear()) + "<td class=\"aside\">" + esc(captions.notASaving()) + "</td></tr>\n");
        out.print("<tr data-key=\"others\"><td>" + esc(captions.row("rowOthers")) + "</td>" + count(p.others())
                + money(p.othersFrontierUsdPerYear()) + "<td></td><td class=\"aside\">" + esc(captions.notASaving()) + "</td></tr>\n");
        out.print("<tr data-key=\"uncosted\"><td>" + esc(captions.row("rowUncosted")) + "</td>" + count(p.uncosted())
                + "<td></td><td></td><td></td></tr>\n</tbody></table>\n");
        if (p.fineTunes() > 0) {
            double frontier = p.fineTuneFrontierUsdPerYear();
            double tuned = p.fineTuneTcoUsdPerYear();
            double max = Math.max(Math.max(frontier, tuned), 1);
            out.print("<svg id=\"costs\" role=\"img\" aria-label=\"The " + esc(captions.verdict()) + " use cases: frontier cost against fine-tuning TCO\" width=\""
                    + CHART_WIDTH + "\" height=\"" + (2 * (BAR_HEIGHT + 8) + 4) + "\" xmlns=\"http://www.w3.org/2000/svg\">\n");
            moneyBar(out, 0, captions.verdict() + ": frontier API", frontier, max, PALETTE[1], "frontier");
            moneyBar(out, 1, captions.verdict() + ": fine-tuning TCO", tuned, max, PALETTE[2], "fine-tune");
            out.print("</svg>\n");
        }
        out.print("<ul class=\"notes\">\n");
        for (String note : captions.notes(p)) {
            out.print("<li>" + esc(note) + "</li>\n");
        }
        out.print("</ul>\n</section>\n");
    }

    private static String count(long n) {
        return "<td data-v=\"" + n + "\">" + Fmt.n(n) + "</td>";
    }

    private static void bar(PrintWriter out, int row, String label, long value, long whole, String color, String key) {
        double share = whole == 0 ? 0 : (double) value / whole;
        String text = Fmt.n(value) + (whole == 0 ? "" : String.format(Locale.US, " (%.1f%%)", 100 * share));
        drawBar(out, row, label, share, text, color, key, Long.toString(value));
    }

    private static void moneyBar(PrintWriter out, int row, String label, double value, double max, String color, String key) {
        drawBar(out, row, label, value / max, Fmt.usd(value), color, key, String.format(Locale.ROOT, "%.2f", value));
    }

    private static void drawBar(PrintWriter out, int row, String label, double share, String text, String color, String key, String value) {
        int y = 4 + row * (BAR_HEIGHT + 8);
        int span = CHART_WIDTH - LABEL_WIDTH - 110;
        int width = (int) Math.round(span * Math.max(0, Math.min(1, share)));
        out.print("<g class=\"row\" data-key=\"" + esc(key) + "\" data-value=\"" + value + "\">"
                + "<text x=\"" + (LABEL_WIDTH - 8) + "\" y=\"" + (y + 16) + "\" text-anchor=\"end\">" + esc(label) + "</text>"
                + "<rect class=\"bar\" x=\"" + LABEL_WIDTH + "\" y=\"" + y + "\" width=\"" + Math.max(width, 1) + "\" height=\"" + BAR_HEIGHT
                + "\" fill=\"" + color + "\"></rect>"
                + "<text x=\"" + (LABEL_WIDTH + Math.max(width, 1) + 6) + "\" y=\"" + (y + 16) + "\">" + esc(text) + "</text></g>\n");
    }

    /** One row of the use-case table, with the next step in a few words; its id links to the use case's anchor. */
    private static String tableRow(Result r, NextStep next, String slug) {
        CostEstimate c = r.costs();
        String stopped = next.stop() == null ? "" : next.stop().getName();
        return "<tr><td><a href=\"#" + slug + "\">" + esc(r.id()) + "</a></td><td>" + esc(r.title()) + "</td><td>" + esc(r.verdict())
                + "</td><td>" + esc(next.action()) + "</td><td>" + esc(stopped) + "</td>" + money(c == null ? null : c.getFrontierUsdPerYear())
                + money(c == null ? null : c.getFineTuneUsdPerYear())
                + (c == null ? "<td data-v=\"\"></td>" : "<td data-v=\"" + c.getAdvantage() + "\">" + Fmt.x(c.getAdvantage()) + "</td>")
                + "</tr>\n";
    }

    private static String money(Double v) {
        return v == null ? "<td data-v=\"\"></td>" : "<td data-v=\"" + String.format(Locale.ROOT, "%.2f", v) + "\">" + Fmt.usd(v) + "</td>";
    }

    /**
     * One use case under its anchor: its next step (the action, then the stopping gate with its failing
     * checks and the facts to gather, or the advisories; for FINE_TUNE its estimated saving), then the
     * explanations: the verdict, the gates and the recommendations with their article sections.
     */
    private static String article(Result r, NextStep next, String slug, Captions captions) {
        StringBuilder b = new StringBuilder(4096);
        Recommendation verdict = r.recommendations().get(0);
        b.append("<article id=\"").append(slug).append("\" class=\"use-case\">\n<h3>").append(esc(r.id()))
                .append(r.title() == null ? "" : ": " + esc(r.title())).append("</h3>\n<p class=\"file\">").append(esc(r.file()))
                .append("</p>\n");
        nextStep(b, r, next, captions);
        b.append("<p><strong>Verdict: ").append(esc(r.verdict())).append("</strong> — ").append(esc(verdict.getExplanation()))
                .append(" <span class=\"section\">§ ").append(esc(verdict.getSection())).append("</span></p>\n");
        b.append("<table class=\"gates\"><thead><tr><th>#</th><th>gate</th><th>status</th><th>why</th></tr></thead><tbody>\n");
        for (GateResult g : r.gates()) {
            b.append("<tr class=\"status-").append(g.getStatus()).append("\"><td>").append(g.getNumber()).append("</td><td>")
                    .append(esc(g.getName())).append("</td><td>").append(g.getStatus()).append("</td><td>").append(esc(g.getReason()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        List<Recommendation> advice = r.recommendations().subList(1, r.recommendations().size());
        if (!advice.isEmpty()) {
            b.append("<ul class=\"advice\">\n");
            for (Recommendation rec : advice) {
                b.append("<li><code>").append(esc(rec.getCode())).append("</code> ").append(esc(rec.getExplanation()))
                        .append(" <span class=\"section\">§ ").append(esc(rec.getSection())).append("</span></li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<p><a href=\"#use-cases\">back to the table</a></p>\n</article>\n");
        return b.toString();
    }

    /** @param captions given for a use case the saving counts: its own figures are shown */
    private static void nextStep(StringBuilder b, Result r, NextStep next, Captions captions) {
        b.append("<div class=\"next-step\">\n<p><strong>Next step:</strong> ").append(esc(next.action())).append("</p>\n");
        if (next.stop() != null) {
            b.append("<p class=\"stop\">Stopped at ").append(esc(next.gate())).append(next.undecided() ? ", not decided yet" : "").append(": ")
                    .append(esc(next.stop().getReason())).append("</p>\n");
        }
        if (!next.toGather().isEmpty()) {
            b.append("<p class=\"gather\">Facts to gather: ").append(codes(next.toGather())).append("</p>\n");
        }
        if (!next.advisories().isEmpty()) {
            b.append("<p class=\"advisories\">Advisories: ").append(codes(next.advisories())).append("</p>\n");
        }
        CostEstimate c = r.costs();
        if (c != null && captions != null) {
            b.append("<p class=\"saving\">").append(esc(captions.entryLabel(c) + ": " + captions.entryText(c))).append("</p>\n");
        }
        b.append("</div>\n");
    }

    private static String codes(List<String> codes) {
        StringBuilder b = new StringBuilder();
        for (String c : codes) {
            b.append(b.length() == 0 ? "" : ", ").append("<code>").append(esc(c)).append("</code>");
        }
        return b.toString();
    }

    /** Text for an element's content: escaped, but an apostrophe as it is (it needs no escape outside an attribute). */
    private static String content(String s) {
        return esc(s).replace("&#39;", "'");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                // control characters from fact files are shown, not sent: the page is also read with cat
                default -> {
                    if (Terminal.isControl(c) || c == '\n' || c == '\r') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1a202c; }
            h1 { margin-bottom: .2rem; } .lead { color: #4a5568; margin-top: 0; }
            section { margin: 2rem 0; }
            svg text { font: 13px system-ui, sans-serif; fill: #1a202c; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border-bottom: 1px solid #e2e8f0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
            table.sortable th { cursor: pointer; user-select: none; background: #f7fafc; }
            table.sortable th[aria-sort="ascending"]::after { content: " \\25B2"; }
            table.sortable th[aria-sort="descending"]::after { content: " \\25BC"; }
            td[data-v] { text-align: right; font-variant-numeric: tabular-nums; }
            article.use-case { border-top: 2px solid #e2e8f0; padding-top: .5rem; }
            article.use-case:target { background: #fffbea; }
            .file, .section { color: #718096; font-size: .9em; }
            .figure { margin: .2rem 0; } .figure .amount { font-size: 2rem; font-weight: 700; color: #2f855a; margin-right: .3rem; }
            .figure { font-weight: 600; } .notes { color: #4a5568; } td.aside { text-align: right; color: #718096; }
            table.totals { width: auto; margin: .8rem 0; } table.totals th:not(:first-child) { text-align: right; }
            .next-step { background: #f7fafc; border-left: 4px solid #2b6cb0; padding: .2rem .8rem; margin: .5rem 0; }
            .next-step p { margin: .3rem 0; } .next-step .stop { color: #2d3748; }
            tr.status-PASS td:nth-child(3) { color: #2f855a; } tr.status-FAIL td:nth-child(3) { color: #c53030; }
            tr.status-UNKNOWN td:nth-child(3) { color: #b7791f; } tr.status-NOT_REACHED td { color: #a0aec0; }
            """;

    private static final String SCRIPT = """
            (function () {
              var table = document.getElementById('use-cases');
              var heads = table.tHead.rows[0].cells;
              function key(row, i, type) {
                var cell = row.cells[i];
                if (type === 'number') { var v = cell.getAttribute('data-v'); return v === '' ? -Infinity : parseFloat(v); }
                return cell.textContent.toLowerCase();
              }
              Array.prototype.forEach.call(heads, function (th, i) {
                th.setAttribute('aria-sort', 'none');
                th.addEventListener('click', function () {
                  var type = th.getAttribute('data-type');
                  var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
                  var body = table.tBodies[0];
                  var rows = Array.prototype.slice.call(body.rows);
                  rows.forEach(function (r, n) { r._n = n; });
                  rows.sort(function (a, b) {
                    var x = key(a, i, type), y = key(b, i, type);
                    return x < y ? -dir : x > y ? dir : a._n - b._n;
                  });
                  Array.prototype.forEach.call(heads, function (h) { h.setAttribute('aria-sort', 'none'); });
                  th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
                  rows.forEach(function (r) { body.appendChild(r); });
                });
              });
              table.setAttribute('data-sortable', 'ready');
            })();
            """;
}
