package dev.finetuneadvisor.server;

import dev.finetuneadvisor.AdviceOptions;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.Source;
import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.Impact;
import dev.finetuneadvisor.engine.ReportsFile;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.io.Captions;
import dev.finetuneadvisor.io.HtmlReportWriter;
import dev.finetuneadvisor.io.JsonReportWriter;
import dev.finetuneadvisor.io.ResultSink;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.ReportTexts;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Revisions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A portfolio evaluated once, as {@code advise --format json} evaluates it (counterfactuals and the range check on),
 * kept in memory with its outcomes in input order so that its JSON report ({@code GET /v1/portfolio}) and its HTML
 * report ({@code GET /v1/portfolio/report}) are the CLI's writers' own output, and so that the run under the next rules
 * can be compared with it ({@link #changesSince}). Immutable once made; the reports are written on first use.
 */
public final class PortfolioRun {
    private static final AdviceOptions AS_JSON_REPORT = new AdviceOptions(true, null, true);

    /** One outcome in input order: a result, or an input error (a use case the rules failed on included). */
    private record Outcome(Result result, InputError error) {
    }

    private final Revisions revisions;
    private final List<Outcome> outcomes;
    private final Captions captions;
    private String json;
    private String html;

    private PortfolioRun(Revisions revisions, List<Outcome> outcomes, Captions captions) {
        this.revisions = revisions;
        this.outcomes = List.copyOf(outcomes);
        this.captions = captions;
    }

    /**
     * Evaluates what the source holds with the advisor, each use case with the same options as {@code advise --format json}.
     *
     * @throws RulesInvalidException when the rules' {@code reports.yaml}, which the HTML report's captions come from, is unusable
     */
    public static PortfolioRun of(Advisor advisor, Source source) throws RulesInvalidException {
        Captions captions = captions(advisor.rules());
        List<Outcome> outcomes = new ArrayList<>();
        advisor.stream(source, new ResultSink() {
            @Override
            public void result(Result result, String rendered) {
                outcomes.add(new Outcome(result, null));
            }

            @Override
            public void error(InputError error) {
                outcomes.add(new Outcome(null, error));
            }

            @Override
            public void finish() {
            }
        }, AS_JSON_REPORT);
        return new PortfolioRun(advisor.revisions(), outcomes, captions);
    }

    static Captions captions(CompiledRules rules) throws RulesInvalidException {
        List<RuleProblem> problems = new ArrayList<>();
        ReportTexts texts = ReportsFile.readIn(rules.directory(), problems);
        if (texts == null) {
            throw new RulesInvalidException(problems);
        }
        return new Captions(texts, rules.fields().allGatesPass());
    }

    /** The advisor and the revisions of the rules and assumptions the portfolio was evaluated under. */
    public Revisions revisions() {
        return revisions;
    }

    /** The results, in input order. */
    public List<Result> results() {
        return outcomes.stream().map(Outcome::result).filter(Objects::nonNull).toList();
    }

    /** The input rejected and the use cases the rules failed on, in input order. */
    public List<InputError> errors() {
        return outcomes.stream().map(Outcome::error).filter(Objects::nonNull).toList();
    }

    /** The JSON report, byte for byte what {@code advise --format json} writes for the same input and rules. */
    public synchronized String json() {
        if (json == null) {
            json = write(out -> JsonReportWriter.sink(out, quiet()));
        }
        return json;
    }

    /** The HTML report, byte for byte what {@code advise --format html} writes for the same input and rules. */
    public synchronized String html() {
        if (html == null) {
            html = write(out -> HtmlReportWriter.sink(out, quiet(), captions, revisions));
        }
        return html;
    }

    private interface Writing {
        ResultSink open(PrintWriter out);
    }

    private String write(Writing writing) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        ResultSink sink = writing.open(out);
        for (Outcome o : outcomes) {
            if (o.result() != null) {
                sink.result(o.result(), null);
            } else {
                sink.error(o.error());
            }
        }
        sink.finish();
        out.flush();
        return text.toString();
    }

    /** The writers also tell stderr of each error, as the CLI does; a report for a page keeps them in the report only. */
    private static PrintWriter quiet() {
        return new PrintWriter(Writer.nullWriter());
    }

    /**
     * Every use case whose decision (verdict, gate statuses, codes) differs between {@code before} and this run, as
     * {@code advisor diff --format json} lists them: a use case is the same one on both sides when it has the same file
     * and id; one the rules failed on has the failure as its decision. Use cases only one side has (the input changed,
     * or one side rejects it) are not compared. In this run's order.
     */
    public List<Impact> changesSince(PortfolioRun before) {
        Map<String, Result> results = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        before.index(results, failures);
        Map<String, Result> afterResults = new LinkedHashMap<>();
        Map<String, String> afterFailures = new LinkedHashMap<>();
        index(afterResults, afterFailures);
        Set<String> keys = new LinkedHashSet<>();
        for (Outcome o : outcomes) {
            String key = o.result() != null ? key(o.result().file(), o.result().id()) : failedKey(o.error());
            if (key != null) {
                keys.add(key);
            }
        }
        List<Impact> changed = new ArrayList<>();
        for (String key : keys) {
            Result b = results.get(key);
            String bWhy = failures.get(key);
            if (b == null && bWhy == null) {
                continue;
            }
            Result a = afterResults.get(key);
            String aWhy = afterFailures.get(key);
            Result any = a != null ? a : b;
            String id = any != null ? any.id() : idOf(key);
            String file = any != null ? any.file() : fileOf(key);
            Impact impact = Impact.of(id, file, b, bWhy, a, aWhy);
            if (impact != null) {
                changed.add(impact);
            }
        }
        return changed;
    }

    private void index(Map<String, Result> results, Map<String, String> failures) {
        for (Outcome o : outcomes) {
            if (o.result() != null) {
                results.put(key(o.result().file(), o.result().id()), o.result());
            } else {
                String key = failedKey(o.error());
                if (key != null) {
                    // the message is the batch's "evaluation failed: use case 'ID': WHY"; the decision's error is the WHY, as diff's
                    String prefix = Advisor.EVALUATION_FAILED + "use case '" + o.error().id() + "': ";
                    String message = o.error().message();
                    failures.put(key, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
                }
            }
        }
    }

    /** The key of a use case the rules failed on; null for input that was rejected (it has no decision to compare). */
    private static String failedKey(InputError e) {
        return e.message().startsWith(Advisor.EVALUATION_FAILED) && e.id() != null ? key(e.file(), e.id()) : null;
    }

    private static String key(String file, String id) {
        return file + "\n" + id;
    }

    private static String fileOf(String key) {
        return key.substring(0, key.indexOf('\n'));
    }

    private static String idOf(String key) {
        return key.substring(key.indexOf('\n') + 1);
    }
}
