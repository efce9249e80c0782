package dev.finetuneadvisor;

import dev.finetuneadvisor.engine.ArticleRanges;
import dev.finetuneadvisor.engine.AssumptionsFile;
import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.Counterfactuals;
import dev.finetuneadvisor.engine.EvaluationException;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.engine.FactField;
import dev.finetuneadvisor.engine.Impact;
import dev.finetuneadvisor.engine.QuestionnaireFile;
import dev.finetuneadvisor.engine.RevisionHashes;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.engine.Sensitivity;
import dev.finetuneadvisor.engine.verify.Invariants;
import dev.finetuneadvisor.engine.verify.Space;
import dev.finetuneadvisor.engine.verify.SpaceDiff;
import dev.finetuneadvisor.engine.verify.Verifier;
import dev.finetuneadvisor.engine.verify.VerifyReport;
import dev.finetuneadvisor.io.DecisionLogReader;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.JsonLines;
import dev.finetuneadvisor.io.ResultSink;
import dev.finetuneadvisor.model.CostKeys;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.OrganisationCosts;
import dev.finetuneadvisor.model.Questionnaire;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Revisions;
import dev.finetuneadvisor.model.Sweep;
import dev.finetuneadvisor.model.UseCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one entry point to the advisor: built once from a rules directory, then asked about use cases. The
 * command line, the test suite and an embedding program (a server, a distributed job's map step) all call
 * it; none of them batches, orders or isolates failures on its own.
 *
 * <pre>{@code
 * Advisor advisor = Advisor.builder().rules(Path.of("rules")).build();   // compiles once; thread-safe
 * Result result = advisor.advise(useCase);                               // one use case
 * }</pre>
 *
 * <p>Building it reads no environment variable and writes nothing unless a cache directory is given
 * ({@link Builder#cache}). Every method is safe to call from several threads at once.
 */
public final class Advisor {
    /** How the message of an error starts when the rules, not the input, failed on a use case. */
    public static final String EVALUATION_FAILED = "evaluation failed: ";
    /** Where the jar keeps the rules it was built with, as a class-path resource folder. */
    static final String BUNDLED_RULES = "finetune-advisor-rules";

    private final CompiledRules rules;
    private final Evaluator evaluator;
    private final int threads;
    private final Counterfactuals counterfactuals;
    private final ArticleRanges ranges;
    private final Sensitivity sensitivity;
    private final CostKeys costKeys;
    private final JsonLines jsonLines;
    private final int windowPerThread;
    private final OrganisationCosts organisation;
    private final Revisions revisions;
    private volatile Questionnaire questions;

    private Advisor(CompiledRules rules, Evaluator evaluator, int threads, int windowPerThread, OrganisationCosts organisation) {
        this(rules, evaluator, threads, windowPerThread, organisation, revisionsOf(rules, organisation, null));
    }

    private Advisor(CompiledRules rules, Evaluator evaluator, int threads, int windowPerThread, OrganisationCosts organisation,
                    Revisions revisions) {
        this.rules = rules;
        this.organisation = organisation;
        this.revisions = revisions;
        this.evaluator = evaluator;
        this.threads = threads;
        this.windowPerThread = windowPerThread;
        this.counterfactuals = new Counterfactuals(evaluator);
        this.ranges = new ArticleRanges(evaluator);
        this.sensitivity = new Sensitivity(evaluator);
        this.costKeys = rules.assumptions().costKeys();
        this.jsonLines = new JsonLines(costKeys);
    }

    /** An advisor on rules compiled already (one thread, the default firing limit). */
    public static Advisor of(CompiledRules rules) {
        return of(rules, 1);
    }

    /** An advisor on rules compiled already, streaming on {@code threads} workers (the default firing limit). */
    public static Advisor of(CompiledRules rules, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Objects.requireNonNull(rules, "rules");
        return new Advisor(rules, new Evaluator(rules), threads, Batch.WINDOW_PER_THREAD, null);
    }

    /** How an Advisor is built: which rules, where compiled rules are cached, the firing limit, the threads. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of an {@link Advisor}; every one has a default but the rules directory. */
    public static final class Builder {
        private Path rules;
        private Path cache;
        private int firingLimit = Evaluator.DEFAULT_FIRING_LIMIT;
        private int threads = 1;

        private Builder() {
        }

        /** The rules directory: every {@code *.drl} below it, {@code assumptions.yaml}, {@code fields.yaml}, {@code article.yaml}. */
        public Builder rules(Path directory) {
            this.rules = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Keep compiled rules in this directory and take them from it when the DRL files are the same (a
         * start then costs a read instead of a compile). Default: none, nothing is written anywhere.
         */
        public Builder cache(Path directory) {
            this.cache = directory;
            return this;
        }

        /** Rule firings allowed for one use case before it fails as a loop (default {@value Evaluator#DEFAULT_FIRING_LIMIT}). */
        public Builder firingLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("the firing limit must be at least 1, got " + limit);
            }
            this.firingLimit = limit;
            return this;
        }

        /** Worker threads of {@link Advisor#stream} (default 1). Results come in input order for any number. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Compiles the rules (or reads them from the cache).
         *
         * @throws RulesInvalidException with every problem found, each at file:line:column
         */
        public Advisor build() throws RulesInvalidException {
            if (rules == null) {
                throw new IllegalStateException("name the rules directory: Advisor.builder().rules(path)");
            }
            CompiledRules compiled = CompiledRules.load(rules, cache);
            return new Advisor(compiled, new Evaluator(compiled, firingLimit), threads, Batch.WINDOW_PER_THREAD, null);
        }
    }

    /**
     * Hashed once per advisor, so a result names what it was decided under (see {@link RevisionHashes}): the rule
     * files but the rules' {@code assumptions.yaml}, and the assumptions in the order applied -- the rules'
     * {@code assumptions.yaml}, then the organisation's file as it was read, when there is one. The rules' revision of
     * {@code known} (the same rules), when given, is taken as it is rather than hashed again.
     */
    private static Revisions revisionsOf(CompiledRules rules, OrganisationCosts organisation, Revisions known) {
        Path own = rules.directory().resolve(AssumptionsFile.NAME);
        List<byte[]> contents = new ArrayList<>();
        try {
            contents.add(Files.readAllBytes(own));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + own + " to hash it", e);
        }
        if (organisation != null) {
            contents.add(organisation.bytes());
        }
        return new Revisions(RevisionHashes.advisorVersion(),
                known != null ? known.rulesRevision() : RevisionHashes.rules(rules.directory(), Set.of(AssumptionsFile.NAME)),
                RevisionHashes.assumptionContents(contents));
    }

    /**
     * The assumption files in use, in the order they are applied (a later one overrides an earlier): the rules'
     * {@code assumptions.yaml}, then the organisation's file when there is one. What
     * {@link Revisions#assumptionsRevision()} hashes (the organisation's file as it was read).
     */
    public List<Path> assumptionSources() {
        Path own = rules.directory().resolve(AssumptionsFile.NAME);
        return organisation == null ? List.of(own) : List.of(own, Path.of(organisation.file()));
    }

    /**
     * Which advisor and which knowledge every result of this advisor comes from: the advisor's version and the
     * revisions (short content hashes) of the rule files and of the assumptions in use.
     */
    public Revisions revisions() {
        return revisions;
    }

    /**
     * The rules the jar was built with, as a directory to pass to {@link Builder#rules}: the command line's
     * default when neither {@code --rules} nor {@code ./rules} is there. Inside a jar it is a folder of the
     * jar's own file system (read only), opened once and kept open for the life of the process.
     *
     * @throws IllegalStateException when the class path carries no rules (a build without resources)
     */
    public static Path bundledRules() {
        URL marker = Advisor.class.getClassLoader().getResource(BUNDLED_RULES + "/assumptions.yaml");
        if (marker == null) {
            throw new IllegalStateException("this build carries no bundled rules (" + BUNDLED_RULES + "/ is not on the class path)");
        }
        try {
            URI uri = marker.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri).getParent();
            }
            FileSystem jar;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            return jar.getPath("/" + BUNDLED_RULES);
        } catch (URISyntaxException | IOException | RuntimeException e) {
            // e.g. a jar nested in another (a class loader of its own) that no file system provider opens
            throw new IllegalStateException("cannot open the bundled rules at " + marker + ": " + e, e);
        }
    }

    /** The compiled rules: their directory, assumptions, catalogue of fields, codes, article. */
    public CompiledRules rules() {
        return rules;
    }

    /**
     * This advisor with an organisation's own cost inputs in place of the rules' ({@code --assumptions FILE};
     * null: the rules' own). A use case's own {@code costs:} still win over them. The regression scenarios
     * ({@link #test}) and the whole-space checks ({@link #verify}, {@link #diffSpace}) never use them: those
     * check the rules, and must give the same answer on every machine.
     *
     * @throws IllegalArgumentException when the organisation sets something that is not a cost input of these rules
     *     ({@code OrganisationFile} reads a file against them, so this is a caller's mistake)
     */
    public Advisor withOrganisation(OrganisationCosts costs) {
        // the same rules: only the assumptions' revision can differ
        return new Advisor(rules, evaluator.withOrganisation(costs), threads, windowPerThread, costs, revisionsOf(rules, costs, revisions));
    }

    /**
     * The organisation's own assumptions file in use, with its bytes as read, or null when none: one of the
     * sources of the assumptions the results rest on, beside the rules' {@code assumptions.yaml}.
     */
    public OrganisationCosts organisation() {
        return organisation;
    }

    /** This advisor on the rules' own assumptions: what checks of the rules run on. */
    private Advisor rulesOwn() {
        return organisation == null ? this : withOrganisation(null);
    }

    /**
     * The names a use case's {@code costs:} section may use: the one set every fact reader of this advisor is
     * given, and the keys the fact-file schema lists ({@code advisor schema}).
     */
    public Set<String> costInputs() {
        return costKeys.allowed();
    }

    /** Every verdict and advisory code the rules can conclude, sorted. */
    public SortedSet<String> codes() {
        return rules.codes();
    }

    /** The names of the gates the rules declare, in their order. */
    public List<String> gateNames() {
        return evaluator.gateNames();
    }

    /**
     * The questions {@code advisor init} asks, from the rules directory's {@code questionnaire.yaml}, read on first use
     * (compiling does not need it) and checked against the catalogue of fields and the gates these rules declare.
     *
     * @throws RulesInvalidException when the file is missing or wrong, each problem at file:line:column
     */
    public Questionnaire questions() throws RulesInvalidException {
        Questionnaire read = questions;
        if (read == null) {
            read = QuestionnaireFile.load(rules.directory(), rules.fields(), gateNames());
            questions = read;
        }
        return read;
    }

    /**
     * A new run of the questionnaire: its questions in order, each answer checked by the fact-file reader and the
     * partial use case evaluated, the verdict announced as soon as it is decided. Close it when done.
     *
     * @throws RulesInvalidException when the questionnaire file is missing or wrong
     */
    public Interview interview() throws RulesInvalidException {
        return new Interview(this, questions());
    }

    /**
     * This advisor with the rules of these ids never firing (no recompile): what the rule base concludes
     * without them. The rule-mutation test uses it to show every rule's absence is visible.
     */
    public Advisor without(Set<String> ruleIds) {
        return new Advisor(rules, evaluator.without(ruleIds), threads, windowPerThread, organisation, revisions);
    }

    /** This advisor streaming on {@code threads} workers, each reading {@code windowPerThread} use cases ahead. */
    Advisor streaming(int threads, int windowPerThread) {
        return new Advisor(rules, evaluator, threads, windowPerThread, organisation, revisions);
    }

    /** Evaluates one use case: verdict, gates, advice and costs (no counterfactuals). */
    public Result advise(UseCase useCase) {
        return advise(useCase, null, AdviceOptions.plain());
    }

    /**
     * Evaluates one use case with what {@code options} ask for.
     *
     * @param file the fact file it came from, as reports show it (may be null)
     * @throws EvaluationException when the rules fail on it (a rule throws or loops, or no single verdict)
     * @throws IllegalArgumentException when {@code options.whyNot()} is not a code the rules conclude
     */
    public Result advise(UseCase useCase, String file, AdviceOptions options) {
        checkWhyNot(options);
        return attach(useCase, file, options);
    }

    private Result attach(UseCase useCase, String file, AdviceOptions options) {
        Result result = evaluator.evaluate(useCase, file).withRevisions(revisions);
        if (options.counterfactuals()) {
            String target = options.whyNot() != null ? options.whyNot() : counterfactuals.defaultTarget(result);
            result = counterfactuals.attach(useCase, result, target);
        }
        if (options.ranges()) {
            result = ranges.attach(useCase, result);
        }
        return result;
    }

    private void checkWhyNot(AdviceOptions options) {
        if (options.whyNot() != null && !codes().contains(options.whyNot())) {
            throw new IllegalArgumentException(options.whyNot() + ": no rule concludes that code; the rules conclude "
                    + String.join(", ", codes()));
        }
    }

    /**
     * One use case's outcome where input may be rejected: a result, or the errors (located, in input order) that
     * explain why not: every field-level mistake of the record, or the one that stops it (not JSON, the rules failing).
     */
    public record Advice(Result result, List<InputError> errors) {
        public Advice {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }

        /** The first error, or null when there is a result. */
        public InputError error() {
            return errors.isEmpty() ? null : errors.get(0);
        }
    }

    /**
     * One line of JSON Lines in, its advice out: what a distributed job's map step calls per record. A line
     * that does not parse, and a use case the rules fail on, come back as an error, never as an exception.
     *
     * @param file how the error or result names the input
     * @param line the line's number (1-based); a use case without an id gets {@code stem#line}, the file's
     *     name without its extension, as a stream of that file gives it ({@code part-0003#17})
     * @throws IllegalArgumentException when {@code options.whyNot()} is not a code the rules conclude
     */
    public Advice adviseJsonLine(String json, String file, long line, AdviceOptions options) {
        checkWhyNot(options);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonLines.Parsed parsed = jsonLines.parse(new JsonLines.Line(line, bytes, bytes.length, bytes.length > JsonLines.MAX_LINE_BYTES),
                file, Batch.stem(file.substring(file.lastIndexOf('/') + 1)) + "#" + line);
        if (!parsed.errors().isEmpty()) {
            return new Advice(null, parsed.errors());
        }
        try {
            return new Advice(attach(parsed.loaded().useCase(), file, options), List.of());
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return new Advice(null, List.of(failed(parsed.loaded(), describe(e))));
        }
    }

    /**
     * Reads fact files, portfolio files, JSON Lines files and directories whole (for a stream, see
     * {@link #stream}): the use cases, and every input error located.
     */
    public FactReader.Batch read(List<Path> paths) {
        return new FactReader(costKeys).readAll(paths);
    }

    /**
     * The streaming run: reads the source in order, evaluates on the advisor's threads, and hands each result
     * or error to the sink in input order, as soon as it and all before it are done. A use case the rules fail
     * on becomes an error for the sink (its message starts with {@value #EVALUATION_FAILED}) and the rest
     * goes on; a repeated id is an error too. Memory stays flat whatever the input size.
     *
     * @return the totals of the run
     */
    public RunCounts stream(Source source, ResultSink sink, AdviceOptions options) {
        return stream(source, sink, options, null, counts -> { });
    }

    /**
     * Like {@link #stream(Source, ResultSink, AdviceOptions)}, with each result rendered on its worker by
     * {@code render} (handed to the sink with the result; null: the sink renders), and the run's totals given to
     * {@code started} before the first use case is read, for a progress line on another thread.
     */
    public RunCounts stream(Source source, ResultSink sink, AdviceOptions options, Function<Result, String> render,
                            Consumer<RunCounts> started) {
        checkWhyNot(options);
        Batch batch = new Batch((useCase, file) -> attach(useCase, file, options), new FactReader(costKeys), new JsonLines(costKeys),
                threads, render, windowPerThread);
        started.accept(batch.counts());
        return batch.run(source, sink);
    }

    /** The fields a sensitivity sweep may run over (levers, conditions, cost inputs), in fact-file order. */
    public List<FactField> sweepableFields() {
        return sensitivity.fields();
    }

    /**
     * The verdict across a range of one field of one use case, with the exact edges where it flips.
     *
     * @param field a field path ({@code data.labeledExamples}, {@code costs.engineerUsdPerWeek})
     * @throws IllegalArgumentException when the field cannot be varied, or a number's range is missing
     * @throws EvaluationException when the rules fail on the use case
     */
    public Sweep sweep(UseCase useCase, String file, String field, Double from, Double to, int steps) {
        return sensitivity.sweep(useCase, file, sweepField(field, from, to), from, to, steps);
    }

    private FactField sweepField(String field, Double from, Double to) {
        FactField f = FactField.find(sensitivity.fields(), field);
        if (f == null) {
            throw new IllegalArgumentException(field + ": not a field that can be varied; one of "
                    + sensitivity.fields().stream().map(FactField::path).collect(Collectors.joining(", ")));
        }
        if (f.isNumber() && (from == null || to == null)) {
            throw new IllegalArgumentException(field + " is a number: give the range (from and to)");
        }
        return f;
    }

    /** Sweeps of one field over every use case of some paths; input errors and failing use cases reported, the rest swept. */
    public record SensitivityReport(List<Sweep> sweeps, List<InputError> errors, boolean evaluationFailed) {
    }

    /** {@link #sweep} for every use case the paths hold, each failure isolated. */
    public SensitivityReport sensitivity(List<Path> paths, String field, Double from, Double to, int steps) {
        FactField f = sweepField(field, from, to);
        FactReader.Batch batch = read(paths);
        List<Sweep> sweeps = new ArrayList<>();
        List<InputError> errors = new ArrayList<>(batch.errors());
        boolean failed = false;
        for (FactReader.Loaded c : batch.useCases()) {
            try {
                sweeps.add(sensitivity.sweep(c.useCase(), c.file(), f, from, to, steps));
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                failed = true;
                errors.add(failed(c, describe(e)));
            }
        }
        return new SensitivityReport(sweeps, errors, failed);
    }

    /**
     * What a rule change does across a portfolio.
     *
     * @param useCases the use cases compared
     * @param changed each use case whose decision (verdict, gate statuses, codes) differs, before and after
     * @param errors input rejected, and use cases either rule set failed on (their messages start with
     *     {@value #EVALUATION_FAILED} and say which rules)
     * @param evaluationFailed true when either rule set failed on some use case
     */
    public record DiffReport(int useCases, List<Impact> changed, List<InputError> errors, boolean evaluationFailed) {
    }

    /**
     * Evaluates the use cases of {@code paths} under {@code base} and under these rules and lists every
     * decision that changed. A use case either side fails on is reported and the rest compared.
     */
    public DiffReport diff(Advisor base, List<Path> paths) {
        FactReader.Batch batch = read(paths);
        List<Impact> changed = new ArrayList<>();
        List<InputError> errors = new ArrayList<>(batch.errors());
        boolean failed = false;
        Advisor[] sides = {base, this};
        String[] names = {"base rules", "current rules"};
        for (FactReader.Loaded c : batch.useCases()) {
            Result[] results = new Result[2];
            String[] why = new String[2];
            for (int i = 0; i < 2; i++) {
                try {
                    results[i] = sides[i].evaluator.evaluate(c.useCase(), c.file());
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    why[i] = describe(e);
                    failed = true;
                    errors.add(failed(c, names[i] + ": " + why[i]));
                }
            }
            Impact impact = Impact.of(c.useCase().getId(), c.file(), results[0], why[0], results[1], why[1]);
            if (impact != null) {
                changed.add(impact);
            }
        }
        return new DiffReport(batch.useCases().size(), changed, errors, failed);
    }

    /**
     * A logged decision that the current rules decide otherwise.
     *
     * @param line its line in the decision log
     * @param time when it was decided, as logged
     * @param logged the advisor and revisions that decided it (null when the line does not give them)
     * @param impact the decision as logged ({@code before}) and under the current rules ({@code after})
     */
    public record Replayed(int line, String time, Revisions logged, Impact impact) {
    }

    /**
     * What the current rules change in a decision log.
     *
     * @param decisions the decisions the log holds (lines that are not decisions are errors)
     * @param changed each decision the current rules decide otherwise, in the log's order
     * @param errors lines that are not decisions, logged inputs the current rules reject, and use cases the current
     *     rules fail on, each at the log's file:line
     * @param evaluationFailed true when the current rules failed on some logged use case
     */
    public record LogDiffReport(int decisions, List<Replayed> changed, List<InputError> errors, boolean evaluationFailed) {
    }

    /**
     * Replays a decision log ({@code advise --decision-log}) under these rules: each logged input is evaluated again
     * and compared with its logged decision (verdict, gate statuses, codes). The log is read one line at a time.
     *
     * @throws IOException when the log cannot be read
     */
    public LogDiffReport diffLog(Path log) throws IOException {
        String shown = FactReader.show(log);
        List<Replayed> changed = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        int[] decisions = {0};
        boolean[] failed = {false};
        DecisionLogReader.read(log, shown, entry -> {
            decisions[0]++;
            Replayed replayed = replay(entry, shown, errors, failed);
            if (replayed != null) {
                changed.add(replayed);
            }
        }, errors::add);
        return new LogDiffReport(decisions[0], changed, errors, failed[0]);
    }

    private Replayed replay(DecisionLogReader.Entry entry, String shown, List<InputError> errors, boolean[] failed) {
        byte[] bytes = entry.input().getBytes(StandardCharsets.UTF_8);
        JsonLines.Parsed parsed = jsonLines.parse(new JsonLines.Line(entry.line(), bytes, bytes.length, false), shown,
                entry.id() == null ? "line#" + entry.line() : entry.id());
        if (!parsed.errors().isEmpty()) {
            // an input these rules no longer accept (a cost input removed, say): each mistake located at the log's line
            for (InputError e : parsed.errors()) {
                errors.add(new InputError(shown, entry.line(), 0, e.field() == null ? "input" : "input." + e.field(), entry.id(),
                        "the logged input is rejected now: " + e.message()));
            }
            return null;
        }
        UseCase useCase = parsed.loaded().useCase();
        Result after = null;
        String why = null;
        try {
            after = evaluator.evaluate(useCase, entry.file());
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            why = describe(e);
            failed[0] = true;
            errors.add(new InputError(shown, entry.line(), 0, null, useCase.getId(),
                    EVALUATION_FAILED + "use case '" + useCase.getId() + "': current rules: " + why));
        }
        DecisionLogReader.Logged before = entry.result();
        Impact impact = Impact.of(useCase.getId(), entry.file(), new Impact.Decision(before.verdict(), before.gates(), before.codes(), null),
                before.rulesFired(), after, why);
        return impact == null ? null : new Replayed(entry.line(), entry.time(), entry.revisions(), impact);
    }

    /**
     * The invariants the rules declare ({@code invariants.yaml}) and what they allow to stay unreached
     * ({@code unreachable.yaml}), read and checked against these rules.
     *
     * @throws RulesInvalidException when a file is missing or wrong, each problem at file:line:column
     */
    public Invariants invariants() throws RulesInvalidException {
        List<RuleProblem> problems = new ArrayList<>();
        Invariants read = Invariants.read(rules, gateNames(), problems);
        if (read == null) {
            throw new RulesInvalidException(problems);
        }
        return read;
    }

    /** A checker of these rules' invariants, on the advisor's threads. */
    Verifier verifier() {
        return new Verifier(rulesOwn().evaluator, threads);
    }

    /**
     * Checks the invariants of the rules over the whole fact space ({@code advisor verify}): every field at its
     * boundaries, combined as {@code options} say, run through the deciding rules only (no wording, no counterfactual
     * search). Same rules and options, same report (but for the time taken).
     *
     * @throws RulesInvalidException when the invariants files are missing or wrong
     */
    public VerifyReport verify(Space.Options options) throws RulesInvalidException {
        return verifier().verify(invariants(), options);
    }

    /**
     * Evaluates the fact space of both rule sets (the numbers either compares a field with) under {@code base} and
     * under these rules ({@code advisor diff --space}) and groups what changed.
     */
    public SpaceDiff.Report diffSpace(Advisor base, Space.Options options) {
        return new SpaceDiff(base.rulesOwn().evaluator, rulesOwn().evaluator, threads).run(options);
    }

    /**
     * Runs every regression scenario below {@code tests} whose path matches {@code filter} (null: all): each
     * scenario's use case with its counterfactuals and range check, against its expectations and its golden
     * snapshot. A scenario the rules fail on fails with the reason; the others still run.
     *
     * @param update write each scenario's snapshot from this run instead of comparing with it
     */
    public List<ScenarioOutcome> test(Path tests, Pattern filter, boolean update) {
        return new SuiteRunner(rulesOwn()).run(tests, filter, update, true);
    }

    /**
     * One scenario file, as {@link #test} runs each (never writing its snapshot); with {@code trace} false,
     * snapshots are compared on what a team reads, not on which rules fired.
     */
    public ScenarioOutcome testOne(Path scenario, boolean trace) {
        return new SuiteRunner(rulesOwn()).runOne(scenario, trace);
    }

    /** Evaluates with counterfactuals towards {@code target} (null: the default) and the range check, failures thrown. */
    Result adviseForScenario(UseCase useCase, String file, String whyNot) {
        return attach(useCase, file, new AdviceOptions(true, whyNot, true));
    }

    private static InputError failed(FactReader.Loaded c, String why) {
        String id = c.useCase().getId();
        return new InputError(c.file(), c.line(), 0, null, id, EVALUATION_FAILED + "use case '" + id + "': " + why);
    }

    /** What went wrong on one use case, in one line: the rules' own message, or the kind of fault and its message. */
    static String describe(Throwable e) {
        if (e instanceof EvaluationException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
