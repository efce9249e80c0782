package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Fmt;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML portfolio report: one self-contained file (inline CSS, SVG and script; nothing is fetched) with
 * the gate funnel, the verdict distribution, the portfolio's yearly frontier cost against fine-tuning TCO,
 * a sortable table of use cases, and each use case's explanations (verdict, gates, recommendations with
 * their article sections) that the table links to. Charts are drawn as SVG when the file is written, so
 * they show without the script; the script only sorts the table. Holds the portfolio in memory.
 */
public final class HtmlReportWriter {
    private static final int CHART_WIDTH = 640;
    private static final int LABEL_WIDTH = 250;
    private static final int BAR_HEIGHT = 22;
    private static final String[] PALETTE = {"#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030", "#2c7a7b", "#718096", "#97266d"};

    private HtmlReportWriter() {
    }

    public static ResultSink sink(PrintWriter out, PrintWriter err) {
        return Portfolio.gathering(err, p -> write(p, out));
    }

    public static void write(Portfolio p, PrintWriter out) {
        long n = p.results().size();
        out.print("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                + "<title>Fine-tuning portfolio</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n");
        out.print("<h1>Fine-tuning portfolio</h1>\n<p class=\"lead\">" + Fmt.n(n) + (n == 1 ? " use case" : " use cases")
                + " evaluated, " + Fmt.n(p.errors().size()) + " rejected.</p>\n");
        funnel(p, n, out);
        verdicts(p, n, out);
        costs(p, out);
        table(p, out);
        details(p, out);
        errors(p, out);
        out.print("<script>\n" + SCRIPT + "</script>\n</body>\n</html>\n");
        out.flush();
    }

    private static void funnel(Portfolio p, long n, PrintWriter out) {
        List<Portfolio.Step> steps = p.funnel();
        out.print("<section id=\"funnel-section\">\n<h2>Gate funnel</h2>\n<p>How many use cases pass each gate, in the framework's order"
                + " (a use case reaches a gate only when every gate before it passed).</p>\n");
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

    private static void costs(Portfolio p, PrintWriter out) {
        double frontier = p.frontierUsdPerYear();
        double tuned = p.fineTuneUsdPerYear();
        double max = Math.max(Math.max(frontier, tuned), 1);
        out.print("<section id=\"costs-section\">\n<h2>Costs per year</h2>\n<p>Across the " + Fmt.n(p.costed())
                + " use cases whose volume is known: staying on the frontier API against fine-tuning's total cost of ownership"
                + " (inference, hosting, engineering, labeling).</p>\n");
        out.print("<svg id=\"costs\" role=\"img\" aria-label=\"Frontier cost against fine-tuning TCO\" width=\"" + CHART_WIDTH
                + "\" height=\"" + (2 * (BAR_HEIGHT + 8) + 4) + "\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        moneyBar(out, 0, "frontier API", frontier, max, PALETTE[1], "frontier");
        moneyBar(out, 1, "fine-tuning TCO", tuned, max, PALETTE[2], "fine-tune");
        out.print("</svg>\n</section>\n");
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

    private static void table(Portfolio p, PrintWriter out) {
        out.print("<section id=\"table-section\">\n<h2>Use cases</h2>\n<p>Click a column heading to sort; click an id for its explanations.</p>\n");
        out.print("<table id=\"use-cases\" class=\"sortable\">\n<thead><tr><th data-type=\"text\">id</th><th data-type=\"text\">title</th>"
                + "<th data-type=\"text\">verdict</th><th data-type=\"text\">stopped at</th><th data-type=\"number\">frontier / year</th>"
                + "<th data-type=\"number\">fine-tuning TCO / year</th><th data-type=\"number\">advantage</th></tr></thead>\n<tbody>\n");
        int i = 0;
        for (Result r : p.results()) {
            i++;
            CostEstimate c = r.costs();
            String stopped = Portfolio.stoppedAt(r);
            out.print("<tr><td><a href=\"#uc-" + i + "\">" + esc(r.id()) + "</a></td><td>" + esc(r.title()) + "</td><td>" + esc(r.verdict())
                    + "</td><td>" + esc(stopped) + "</td>" + money(c == null ? null : c.getFrontierUsdPerYear())
                    + money(c == null ? null : c.getFineTuneUsdPerYear())
                    + (c == null ? "<td data-v=\"\"></td>" : "<td data-v=\"" + c.getAdvantage() + "\">" + Fmt.x(c.getAdvantage()) + "</td>")
                    + "</tr>\n");
        }
        out.print("</tbody>\n</table>\n</section>\n");
    }

    private static String money(Double v) {
        return v == null ? "<td data-v=\"\"></td>" : "<td data-v=\"" + String.format(Locale.ROOT, "%.2f", v) + "\">" + Fmt.usd(v) + "</td>";
    }

    private static void details(Portfolio p, PrintWriter out) {
        out.print("<section id=\"details\">\n<h2>Explanations</h2>\n");
        int i = 0;
        for (Result r : p.results()) {
            i++;
            Recommendation verdict = r.recommendations().get(0);
            out.print("<article id=\"uc-" + i + "\" class=\"use-case\">\n<h3>" + esc(r.id()) + (r.title() == null ? "" : ": " + esc(r.title()))
                    + "</h3>\n<p class=\"file\">" + esc(r.file()) + "</p>\n<p><strong>Verdict: " + esc(r.verdict()) + "</strong> — "
                    + esc(verdict.getExplanation()) + " <span class=\"section\">§ " + esc(verdict.getSection()) + "</span></p>\n");
            out.print("<table class=\"gates\"><thead><tr><th>#</th><th>gate</th><th>status</th><th>why</th></tr></thead><tbody>\n");
            for (GateResult g : r.gates()) {
                out.print("<tr class=\"status-" + g.getStatus() + "\"><td>" + g.getNumber() + "</td><td>" + esc(g.getName()) + "</td><td>"
                        + g.getStatus() + "</td><td>" + esc(g.getReason()) + "</td></tr>\n");
            }
            out.print("</tbody></table>\n");
            List<Recommendation> advice = r.recommendations().subList(1, r.recommendations().size());
            if (!advice.isEmpty()) {
                out.print("<ul class=\"advice\">\n");
                for (Recommendation rec : advice) {
                    out.print("<li><code>" + esc(rec.getCode()) + "</code> " + esc(rec.getExplanation()) + " <span class=\"section\">§ "
                            + esc(rec.getSection()) + "</span></li>\n");
                }
                out.print("</ul>\n");
            }
            out.print("<p><a href=\"#use-cases\">back to the table</a></p>\n</article>\n");
        }
        out.print("</section>\n");
    }

    private static void errors(Portfolio p, PrintWriter out) {
        if (p.errors().isEmpty()) {
            return;
        }
        out.print("<section id=\"errors\">\n<h2>Rejected input</h2>\n<ul>\n");
        for (InputError e : p.errors()) {
            out.print("<li><code>" + esc(e.describe()) + "</code></li>\n");
        }
        out.print("</ul>\n</section>\n");
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
                default -> b.append(c);
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
