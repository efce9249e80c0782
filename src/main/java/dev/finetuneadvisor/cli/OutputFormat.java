package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.ReportsFile;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.io.Captions;
import dev.finetuneadvisor.io.CsvReportWriter;
import dev.finetuneadvisor.io.HtmlReportWriter;
import dev.finetuneadvisor.io.JsonLinesWriter;
import dev.finetuneadvisor.io.JsonReportWriter;
import dev.finetuneadvisor.io.MarkdownReportWriter;
import dev.finetuneadvisor.io.ResultSink;
import dev.finetuneadvisor.io.Terminal;
import dev.finetuneadvisor.io.TextReportWriter;
import dev.finetuneadvisor.model.ReportTexts;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Revisions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The report formats of {@code advise --format}, each with the writer it streams to. */
enum OutputFormat {
    text, json, jsonl, markdown, csv, html;

    /**
     * The captions a text or portfolio report (markdown, html) writes, read from the rules directory's
     * {@code reports.yaml}; null for any other format, and null with each problem printed to {@code err}
     * ({@code file:line:column: error: ...}) when the file is unusable.
     *
     * @param ok set to false when the file is unusable
     */
    Captions captions(CompiledRules rules, PrintWriter err, boolean[] ok) {
        ok[0] = true;
        if (this != text && this != markdown && this != html) {
            return null;
        }
        List<RuleProblem> problems = new ArrayList<>();
        ReportTexts texts = ReportsFile.readIn(rules.directory(), problems);
        problems.forEach(p -> err.println(p.describe()));
        ok[0] = texts != null;
        return texts == null ? null : new Captions(texts, rules.fields().allGatesPass());
    }

    /**
     * @param gates the names of the gates the rules declare, in order, for a report that must name them
     *     before any result does (a CSV header over no use case); asked for only then
     * @param captions the reports' captions ({@link #captions}); null for formats that write none
     * @param revisions the advisor and revisions of the run, for the head of a text, markdown or html report (the
     *     other formats carry them in every result)
     */
    ResultSink sink(PrintWriter out, PrintWriter err, Supplier<List<String>> gates, Captions captions, Revisions revisions) {
        return switch (this) {
            // what a person reads in a terminal: control characters from fact files are shown, not sent
            case text -> TextReportWriter.sink(Terminal.visible(out), err, captions, revisions);
            case json -> JsonReportWriter.sink(out, err);
            case jsonl -> JsonLinesWriter.sink(out, err);
            case markdown -> MarkdownReportWriter.sink(Terminal.visible(out), err, captions, revisions);
            case csv -> CsvReportWriter.sink(out, err, gates);
            case html -> HtmlReportWriter.sink(out, err, captions, revisions);
        };
    }

    /** What workers render in parallel before the sink writes it in order; null when the sink renders. */
    Function<Result, String> render() {
        return switch (this) {
            case jsonl -> JsonLinesWriter::render;
            case csv -> CsvReportWriter::render;
            default -> null;
        };
    }
}
