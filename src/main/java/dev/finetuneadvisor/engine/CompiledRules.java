package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.Article;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.FieldCatalogue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSessionsPool;

/**
 * The knowledge base built from a rules directory ({@link RuleCompiler} builds it): the compiled rules, with
 * {@code assumptions.yaml} and {@code fields.yaml} as read. Build it once per run and share it: the
 * KieBase is thread-safe, sessions are made per use case by {@link Evaluator}.
 */
public final class CompiledRules {
    private final Path directory;
    private final KieBase kieBase;
    private final CompletableFuture<KieBase> wording;
    private final boolean shared;
    private final Assumptions assumptions;
    private final FieldCatalogue fields;
    private final List<RuleProblem> warnings;
    private final RuleSources sources;
    private final boolean fromCache;
    private volatile RuleIndex index;
    private volatile Article article;
    private volatile KieSessionsPool sessions;

    /** @param index the rules as the DRL parser read them, when the compile parsed them already; null: parsed on first use */
    CompiledRules(Path directory, KieBase kieBase, CompletableFuture<KieBase> wording, boolean shared, Assumptions assumptions,
                  FieldCatalogue fields, List<RuleProblem> warnings, RuleSources sources, boolean fromCache, RuleIndex index) {
        this.directory = directory;
        this.kieBase = kieBase;
        this.wording = wording;
        this.shared = shared;
        this.assumptions = assumptions;
        this.fields = fields;
        this.warnings = List.copyOf(warnings);
        this.sources = sources;
        this.fromCache = fromCache;
        this.index = index;
    }

    /**
     * Compiles the rules in {@code directory}, with no cache: nothing is read but the rules, nothing written.
     *
     * @throws RulesInvalidException with every error found (file, line, column), when any
     */
    public static CompiledRules load(Path directory) throws RulesInvalidException {
        return RuleCompiler.load(directory, null);
    }

    /**
     * Compiles the rules in {@code directory}, or reads them from the compiled-rules cache in
     * {@code cacheDirectory} (null: no cache) when it holds an entry for exactly these DRL files; a fresh
     * compile without warnings is stored there. Nothing else is read or written: no environment variable,
     * no home directory.
     *
     * @throws RulesInvalidException with every error found (file, line, column), when any
     */
    public static CompiledRules load(Path directory, Path cacheDirectory) throws RulesInvalidException {
        return RuleCompiler.load(directory, cacheDirectory == null ? null : KieBaseCache.at(cacheDirectory));
    }

    /** Like {@link #load(Path, Path)} with a cache object (tests of the cache). */
    static CompiledRules load(Path directory, KieBaseCache cache) throws RulesInvalidException {
        return RuleCompiler.load(directory, cache);
    }

    /** True for a wording rule (package explain or below): it fires only in wording sessions, every other rule only in deciding ones. */
    public static boolean isWordingRule(Rule rule) {
        return RuleCompiler.isWordingPackage(rule.getPackageName());
    }

    /**
     * The article these rules encode, with the headings their {@code @section}s cite, read from the rules
     * directory's {@code article.yaml} on first use (compiling does not need it, so rules from before the
     * file existed still load: {@code diff --base-ref} of an old revision).
     *
     * @throws RulesInvalidException when the file is missing or unusable, with each problem located in it
     */
    public Article article() throws RulesInvalidException {
        Article read = article;
        if (read == null) {
            read = ArticleFile.load(directory);
            article = read;
        }
        return read;
    }

    /** True when one knowledge base holds every rule (the packages share declarations): sessions then filter by kind. */
    public boolean shared() {
        return shared;
    }

    /**
     * Sessions for evaluating use cases: made once per knowledge base and reset when disposed, which saves
     * building the node memories of every rule for each use case. A session still holds one use case at a
     * time, and each starts from empty working memory. The pool lives as long as these rules.
     */
    public KieSessionsPool sessions() {
        if (sessions == null) {
            synchronized (this) {
                if (sessions == null) {
                    sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
                }
            }
        }
        return sessions;
    }

    /** True when the rules came from the compiled-rules cache rather than a compile in this run. */
    public boolean fromCache() {
        return fromCache;
    }

    public Path directory() {
        return directory;
    }

    /** The knowledge base that decides: every rule but the wording rules. */
    public KieBase kieBase() {
        return kieBase;
    }

    /** The knowledge base of the wording rules ({@code package explain}), run on what a counterfactual search found. */
    public KieBase wordingKieBase() {
        try {
            return wording.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("the wording rules could not be loaded from the compiled-rules cache (" + cause
                    + "); delete the cache directory, or run without the cache", cause);
        }
    }

    /** The rules of both knowledge bases, each once. */
    public List<Rule> allRules() {
        List<Rule> all = new ArrayList<>();
        for (KieBase base : shared() ? List.of(kieBase) : List.of(kieBase, wordingKieBase())) {
            base.getKiePackages().forEach(p -> all.addAll(p.getRules()));
        }
        return all;
    }

    public Assumptions assumptions() {
        return assumptions;
    }

    /** The catalogue of fact fields ({@code fields.yaml}): what each field is and whether a search may vary it. */
    public FieldCatalogue fields() {
        return fields;
    }

    /**
     * The rules as Drools' DRL parser reads them, from the texts these rules were compiled from (the catalog,
     * codes, coverage): the compile's own reading, or read on first use after a start from the cache, since
     * parsing costs more than a cached start-up.
     */
    public RuleIndex index() {
        RuleIndex read = index;
        if (read == null) {
            read = RuleIndex.of(sources.byShownPath());
            index = read;
        }
        return read;
    }

    /** Every verdict and advisory code a rule can conclude, sorted: the codes the rules' consequences write as literals. */
    public SortedSet<String> codes() {
        return index().codes();
    }

    /** The DRL texts, by the path reports show: what the whole-space check reads the rules' numbers from. */
    public Map<String, String> sources() {
        return sources.byShownPath();
    }

    /** Warnings the compiler gave; the rules are usable. */
    public List<RuleProblem> warnings() {
        return warnings;
    }
}
