package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.io.CsvReportWriter;
import dev.finetuneadvisor.io.HtmlReportWriter;
import dev.finetuneadvisor.io.JsonLinesWriter;
import dev.finetuneadvisor.io.JsonReportWriter;
import dev.finetuneadvisor.io.MarkdownReportWriter;
import dev.finetuneadvisor.io.ResultSink;
import dev.finetuneadvisor.io.TextReportWriter;
import dev.finetuneadvisor.model.Result;
import java.io.PrintWriter;
import java.util.function.Function;

/** The report formats of {@code advise --format}, each with the writer it streams to. */
enum OutputFormat {
    text, json, jsonl, markdown, csv, html;

    ResultSink sink(PrintWriter out, PrintWriter err) {
        return switch (this) {
            case text -> TextReportWriter.sink(out, err);
            case json -> JsonReportWriter.sink(out, err);
            case jsonl -> JsonLinesWriter.sink(out, err);
            case markdown -> MarkdownReportWriter.sink(out, err);
            case csv -> CsvReportWriter.sink(out, err);
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
