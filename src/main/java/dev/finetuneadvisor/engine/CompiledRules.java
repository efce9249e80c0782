package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.FieldCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.definition.KiePackage;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * The knowledge base built from a rules directory: every {@code *.drl} below it, compiled at run time with
 * the classic (drools-mvel) build, {@code assumptions.yaml} and {@code fields.yaml}. Build it once per run and share it: the
 * KieBase is thread-safe, sessions are made per use case by {@link Evaluator}.
 */
public final class CompiledRules {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);
    private static final String RESOURCES = "src/main/resources/";

    private final Path directory;
    private final KieBase kieBase;
    private final CompletableFuture<KieBase> wording;
    private final boolean shared;
    private final Assumptions assumptions;
    private final FieldCatalogue fields;
    private final List<RuleProblem> warnings;
    private final Map<String, String> displayPaths;
    /** The DRL texts by their shown path, kept so that {@link #codes} can read them with the DRL parser when first asked. */
    private final Map<String, String> sources;
    private volatile java.util.SortedSet<String> codes;
    private final boolean fromCache;

    private CompiledRules(Path directory, KieBase kieBase, CompletableFuture<KieBase> wording, boolean shared, Assumptions assumptions,
                          FieldCatalogue fields, List<RuleProblem> warnings, Map<String, String> displayPaths, Map<String, String> sources,
                          boolean fromCache) {
        this.shared = shared;
        this.fromCache = fromCache;
        this.directory = directory;
        this.kieBase = kieBase;
        this.wording = wording;
        this.assumptions = assumptions;
        this.fields = fields;
        this.warnings = List.copyOf(warnings);
        this.displayPaths = Map.copyOf(displayPaths);
        this.sources = Map.copyOf(sources);
    }

    /**
     * Compiles the rules in {@code directory}, with no cache: nothing is read but the rules, nothing written.
     *
     * @throws RulesInvalidException with every error found (file, line, column), when any
     */
    public static CompiledRules load(Path directory) throws RulesInvalidException {
        return load(directory, (KieBaseCache) null);
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
        return load(directory, cacheDirectory == null ? null : KieBaseCache.at(cacheDirectory));
    }

    /**
     * Compiles the rules in {@code directory}, or takes them from {@code cache} (null: no cache) when it
     * holds an entry for exactly these DRL files; a fresh compile without warnings is stored there.
     */
    static CompiledRules load(Path directory, KieBaseCache cache) throws RulesInvalidException {
        Objects.requireNonNull(directory, "directory");
        List<RuleProblem> problems = new ArrayList<>();
        String shown = directory.toString();
        if (!Files.isDirectory(directory)) {
            throw new RulesInvalidException(List.of(new RuleProblem(RuleProblem.Severity.ERROR, shown, 0, 0,
                    "not a directory: give the rules directory with --rules DIR")));
        }
        Assumptions assumptions = AssumptionsFile.read(directory.resolve(AssumptionsFile.NAME),
                display(directory, directory.resolve(AssumptionsFile.NAME)), problems);
        FieldCatalogue fields = FieldsFile.read(directory.resolve(FieldsFile.NAME),
                display(directory, directory.resolve(FieldsFile.NAME)), problems);

        Map<String, String> displayPaths = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        List<Path> drlFiles = drlFiles(directory);
        if (drlFiles.isEmpty()) {
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, 0, 0, "no .drl files below this directory"));
        }
        Map<String, String> texts = new HashMap<>();
        Map<String, String> targets = new HashMap<>();
        for (Path drl : drlFiles) {
            String text = read(drl);
            String target = RESOURCES + kiePath(directory, drl, text);
            displayPaths.put(target, display(directory, drl));
            displayPaths.put(target.substring(RESOURCES.length()), display(directory, drl));
            sources.put(display(directory, drl), text);
            texts.put(directory.relativize(drl).toString().replace('\\', '/'), text);
            targets.put(target, text);
        }
        if (!problems.isEmpty()) {
            throw new RulesInvalidException(problems);
        }
        // the cache is asked before the compiler is even set up: that set-up is part of what it saves
        String key = cache == null ? null : KieBaseCache.key(texts);
        KieBaseCache.Packages cached = cache == null ? null : cache.load(key);
        if (cached != null) {
            // read from the cache, the halves share no object: the wording half is assembled on another core
            // meanwhile, and waited for only when a counterfactual is worded
            if (cached.shared()) {
                KieBase one = assemble(cached.decision());
                return new CompiledRules(directory, one, CompletableFuture.completedFuture(one), true, assumptions, fields, List.of(), displayPaths, sources, true);
            }
            CompletableFuture<KieBase> wording = CompletableFuture.supplyAsync(() -> assemble(cached.wording()), CompiledRules::startDaemon);
            return new CompiledRules(directory, assemble(cached.decision()), wording, false, assumptions, fields, List.of(), displayPaths, sources, true);
        }

        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("dev.finetuneadvisor", "rules-" + Integer.toHexString(directory.toAbsolutePath().hashCode()), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem().generateAndWritePomXML(releaseId);
        targets.forEach(kfs::write);
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(DrlProject.class);
        List<RuleProblem> warnings = new ArrayList<>();
        for (Message m : builder.getResults().getMessages()) {
            RuleProblem p = DroolsMessages.toProblem(m, displayPaths, sources);
            if (p.severity() == RuleProblem.Severity.ERROR) {
                problems.add(p);
            } else {
                warnings.add(p);
            }
        }
        // "Parser returned a null Package" only repeats that the file has a syntax error already located
        problems.removeIf(p -> p.line() == 0 && p.message().contains("null Package")
                && problems.stream().anyMatch(o -> o != p && o.file().equals(p.file()) && o.line() > 0));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
            throw new RulesInvalidException(problems);
        }
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        String kieBaseName = module.getKieModuleModel().getKieBaseModels().keySet().iterator().next();
        KieBaseCache.Packages packages = split(module.getKnowledgePackagesForKieBase(kieBaseName));
        // fresh from the compiler, both halves hold the same type-metadata package: one after the other
        KieBase decision = assemble(packages.decision());
        KieBase wording = packages.shared() ? decision : assemble(packages.wording());
        if (cache != null && warnings.isEmpty() && !declaresTypes(packages)) {
            // with warnings, every run compiles, so that --verbose can show them
            cache.store(key, packages);
        }
        return new CompiledRules(directory, decision, CompletableFuture.completedFuture(wording), packages.shared(), assumptions, fields, warnings,
                displayPaths, sources, false);
    }

    /** The package of the wording rules ({@code rules/explain/}), and any below it. */
    static final String WORDING_PACKAGE = "explain";

    /**
     * Splits the compiled packages into two knowledge bases: the wording rules, which only ever see the
     * Counterfactual and Change facts of a search, and every other rule, which decides. A session of either
     * holds only its own rules, and the two load in parallel. Packages without rules (type metadata) go to both.
     * When a package with rules declares something another package could use (a type, a function, a
     * global), the halves are not split: one knowledge base of every rule serves both, as the rules
     * compiled, and {@link #isWordingRule} keeps each kind of session to its own rules.
     */
    private static KieBaseCache.Packages split(java.util.Collection<KiePackage> packages) {
        List<KiePackage> decision = new ArrayList<>();
        List<KiePackage> wording = new ArrayList<>();
        boolean shared = false;
        for (KiePackage p : packages) {
            boolean words = p.getName().equals(WORDING_PACKAGE) || p.getName().startsWith(WORDING_PACKAGE + ".");
            if (words || p.getRules().isEmpty()) {
                wording.add(p);
            }
            if (!words) {
                decision.add(p);
            }
            shared |= declaresAny(p, words) && (!p.getRules().isEmpty() || declaresTypes(p));
        }
        return shared ? new KieBaseCache.Packages(List.copyOf(packages), List.of(), true)
                : new KieBaseCache.Packages(decision, wording, false);
    }

    /**
     * True when the package declares what a package on the other side of the split could use: a type of
     * its own, a global, or a function (a deciding package; the wording package's own functions are its
     * phrasing helpers, which deciding rules never call). Drools' own metadata for fact classes does not count.
     */
    private static boolean declaresAny(KiePackage p, boolean words) {
        return declaresTypes(p) || !p.getGlobalVariables().isEmpty() || (!words && !p.getFunctionNames().isEmpty());
    }

    /** True when the package declares a type of its own ({@code declare X ... end}), not metadata for a Java class. */
    private static boolean declaresTypes(KiePackage p) {
        return ((org.drools.base.definitions.InternalKnowledgePackage) p).getTypeDeclarations().values().stream()
                .anyMatch(t -> t.isDefinition() || t.isNovel());
    }

    /** True when some package declares types of its own: Drools cannot read such packages back, so they are not cached. */
    static boolean declaresTypes(KieBaseCache.Packages packages) {
        return java.util.stream.Stream.concat(packages.decision().stream(), packages.wording().stream()).anyMatch(CompiledRules::declaresTypes);
    }

    /** True for a wording rule (package explain or below): it fires only in wording sessions, every other rule only in deciding ones. */
    public static boolean isWordingRule(org.kie.api.definition.rule.Rule rule) {
        String pkg = rule.getPackageName();
        return pkg.equals(WORDING_PACKAGE) || pkg.startsWith(WORDING_PACKAGE + ".");
    }

    private volatile dev.finetuneadvisor.model.Article article;

    /**
     * The article these rules encode, with the headings their {@code @section}s cite, read from the rules
     * directory's {@code article.yaml} on first use (compiling does not need it, so rules from before the
     * file existed still load: {@code diff --base-ref} of an old revision).
     *
     * @throws RulesInvalidException when the file is missing or unusable, with each problem located in it
     */
    public dev.finetuneadvisor.model.Article article() throws RulesInvalidException {
        dev.finetuneadvisor.model.Article read = article;
        if (read == null) {
            read = ArticleFile.load(directory);
            article = read;
        }
        return read;
    }

    /** True when one knowledge base holds every rule (see {@link #split}): sessions then filter by kind. */
    public boolean shared() {
        return shared;
    }

    private static KieBase assemble(List<KiePackage> packages) {
        var kieBase = KnowledgeBaseFactory.newKnowledgeBase();
        kieBase.addPackages(packages);
        return kieBase;
    }

    private static void startDaemon(Runnable task) {
        Thread thread = new Thread(task, "advisor-wording-rules");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every .drl file below the directory, in a stable order. */
    static List<Path> drlFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a DRL goes in the KieFileSystem: under its package's folder, as Drools expects. */
    private static String kiePath(Path directory, Path drl, String text) {
        Matcher m = PACKAGE.matcher(text);
        String name = drl.getFileName().toString();
        if (m.find()) {
            return m.group(1).replace('.', '/') + "/" + name;
        }
        return directory.relativize(drl).toString().replace('\\', '/');
    }

    static String display(Path directory, Path file) {
        return directory.resolve(directory.relativize(file)).toString().replace('\\', '/');
    }

    private volatile org.kie.api.runtime.KieSessionsPool sessions;

    /**
     * Sessions for evaluating use cases: made once per knowledge base and reset when disposed, which saves
     * building the node memories of every rule for each use case (engine alone, one thread: 11.8k to
     * 15.6k use cases a second). A session still holds one use case at a time, and each starts from empty
     * working memory. The pool lives as long as these rules.
     */
    public org.kie.api.runtime.KieSessionsPool sessions() {
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
    public boolean fromCache() { return fromCache; }

    public Path directory() { return directory; }

    /** The knowledge base that decides: every rule but the wording rules. */
    public KieBase kieBase() { return kieBase; }

    /** The knowledge base of the wording rules ({@code package explain}), run on what a counterfactual search found. */
    public KieBase wordingKieBase() {
        try {
            return wording.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("the wording rules could not be loaded from the compiled-rules cache (" + cause
                    + "); run with FINETUNE_ADVISOR_CACHE=off, or delete the cache directory", cause);
        }
    }

    /** The rules of both knowledge bases, each once. */
    public List<org.kie.api.definition.rule.Rule> allRules() {
        List<org.kie.api.definition.rule.Rule> all = new ArrayList<>();
        for (KieBase base : shared() ? List.of(kieBase) : List.of(kieBase, wordingKieBase())) {
            base.getKiePackages().forEach(p -> all.addAll(p.getRules()));
        }
        return all;
    }

    public Assumptions assumptions() { return assumptions; }

    /** The catalogue of fact fields ({@code fields.yaml}): what each field is and whether a search may vary it. */
    public FieldCatalogue fields() { return fields; }

    /**
     * Every verdict and advisory code a rule can conclude, sorted: the codes the rules' consequences write as
     * literals, read with the DRL parser ({@link RuleIndex}) on first use, since parsing costs more than a
     * cached start-up.
     */
    public java.util.SortedSet<String> codes() {
        java.util.SortedSet<String> read = codes;
        if (read == null) {
            read = RuleIndex.of(sources).codes();
            codes = read;
        }
        return read;
    }

    /** Warnings the compiler gave; the rules are usable. */
    public List<RuleProblem> warnings() { return warnings; }
}
