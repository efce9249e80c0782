package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.io.CsvReportWriter;
import dev.finetuneadvisor.io.HtmlReportWriter;
import dev.finetuneadvisor.io.JsonLinesWriter;
import dev.finetuneadvisor.io.JsonReportWriter;
import dev.finetuneadvisor.io.MarkdownReportWriter;
import dev.finetuneadvisor.io.ResultSink;
import dev.finetuneadvisor.io.Terminal;
import dev.finetuneadvisor.io.TextReportWriter;
import dev.finetuneadvisor.model.Result;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The report formats of {@code advise --format}, each with the writer it streams to. */
enum OutputFormat {
    text, json, jsonl, markdown, csv, html;

    /**
     * @param gates the names of the gates the rules declare, in order, for a report that must name them
     *     before any result does (a CSV header over no use case); asked for only then
     */
    ResultSink sink(PrintWriter out, PrintWriter err, Supplier<List<String>> gates) {
        return switch (this) {
            // what a person reads in a terminal: control characters from fact files are shown, not sent
            case text -> TextReportWriter.sink(Terminal.visible(out), err);
            case json -> JsonReportWriter.sink(out, err);
            case jsonl -> JsonLinesWriter.sink(out, err);
            case markdown -> MarkdownReportWriter.sink(Terminal.visible(out), err);
            case csv -> CsvReportWriter.sink(out, err, gates);
            case html -> HtmlReportWriter.sink(out, err);
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
