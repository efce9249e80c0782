package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.FieldCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;

/**
 * Turns a rules directory into {@link CompiledRules}: reads {@code assumptions.yaml} and {@code fields.yaml},
 * finds the DRL files ({@link RuleSources}), takes the compiled packages from the cache when it holds these
 * exact files, else compiles them at run time with the classic (drools-mvel) build, checks the DRL ↔ Java
 * contract ({@link RuleLint#contract}) and stores the result in the cache. Compiler messages become
 * {@link RuleProblem}s through {@link DroolsMessages}.
 */
final class RuleCompiler {
    private static final String RESOURCES = "src/main/resources/";
    /** The package of the wording rules ({@code rules/explain/}), and any below it. */
    static final String WORDING_PACKAGE = "explain";

    private RuleCompiler() {
    }

    /**
     * @param cache where compiled packages are kept (null: none)
     * @throws RulesInvalidException with every problem found (file, line, column), when any
     */
    static CompiledRules load(Path directory, KieBaseCache cache) throws RulesInvalidException {
        Objects.requireNonNull(directory, "directory");
        String shown = directory.toString();
        if (!Files.isDirectory(directory)) {
            throw new RulesInvalidException(List.of(new RuleProblem(RuleProblem.Severity.ERROR, shown, 0, 0,
                    "not a directory: give the rules directory with --rules DIR")));
        }
        List<RuleProblem> problems = new ArrayList<>();
        Path assumptionsFile = directory.resolve(AssumptionsFile.NAME);
        Assumptions assumptions = AssumptionsFile.read(assumptionsFile, RuleSources.display(directory, assumptionsFile), problems);
        Path fieldsFile = directory.resolve(FieldsFile.NAME);
        String fieldsShown = RuleSources.display(directory, fieldsFile);
        FieldCatalogue fields = FieldsFile.read(fieldsFile, fieldsShown, problems);
        RuleSources sources = RuleSources.read(directory);
        if (sources.isEmpty()) {
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, 0, 0, "no .drl files below this directory"));
        }
        if (!problems.isEmpty()) {
            throw new RulesInvalidException(problems);
        }
        // the cache is asked before the compiler is even set up: that set-up is part of what it saves; the
        // key holds the catalogue of fields too, since the contract check of a compile reads it
        Map<String, String> keyed = new LinkedHashMap<>(sources.byRelativePath());
        keyed.put(FieldsFile.NAME, readQuietly(fieldsFile));
        String key = cache == null ? null : KieBaseCache.key(keyed);
        KieBaseCache.Packages cached = cache == null ? null : cache.load(key);
        if (cached != null) {
            if (cached.shared()) {
                KieBase one = assemble(cached.decision());
                return new CompiledRules(directory, one, CompletableFuture.completedFuture(one), true, assumptions, fields, List.of(), sources, true,
                        null);
            }
            // read from the cache, the halves share no object: the wording half is assembled on another core
            // meanwhile, and waited for only when a counterfactual is worded
            CompletableFuture<KieBase> wording = CompletableFuture.supplyAsync(() -> assemble(cached.wording()), RuleCompiler::startDaemon);
            return new CompiledRules(directory, assemble(cached.decision()), wording, false, assumptions, fields, List.of(), sources, true, null);
        }

        Map<String, String> displayPaths = new HashMap<>();
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("dev.finetuneadvisor", "rules-" + Integer.toHexString(directory.toAbsolutePath().hashCode()), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem().generateAndWritePomXML(releaseId);
        for (RuleSources.Source s : sources.files()) {
            kfs.write(RESOURCES + s.kiePath(), s.text());
            displayPaths.put(RESOURCES + s.kiePath(), s.shown());
            displayPaths.put(s.kiePath(), s.shown());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(DrlProject.class);
        List<RuleProblem> warnings = new ArrayList<>();
        for (Message m : builder.getResults().getMessages()) {
            RuleProblem p = DroolsMessages.toProblem(m, displayPaths, sources.byShownPath());
            if (p.severity() == RuleProblem.Severity.ERROR) {
                problems.add(p);
            } else {
                warnings.add(p);
            }
        }
        // "Parser returned a null Package" only repeats that the file has a syntax error already located
        problems.removeIf(p -> p.line() == 0 && p.message().contains("null Package")
                && problems.stream().anyMatch(o -> o != p && o.file().equals(p.file()) && o.line() > 0));
        RuleIndex index = null;
        if (problems.isEmpty()) {
            // the strings Java and the rules share (gate names, field paths, codes), checked where a compile is
            // paid anyway: a start from the cache skips it, since only rules that passed it are cached
            index = RuleIndex.of(sources.byShownPath());
            problems.addAll(RuleLint.contract(index, fields, fieldsShown));
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
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
        return new CompiledRules(directory, decision, CompletableFuture.completedFuture(wording), packages.shared(), assumptions, fields,
                warnings, sources, false, index);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Splits the compiled packages into two knowledge bases: the wording rules, which only ever see the
     * Counterfactual and Change facts of a search, and every other rule, which decides. A session of either
     * holds only its own rules, and the two load in parallel. Packages without rules (type metadata) go to both.
     * When a package with rules declares something another package could use (a type, a function, a
     * global), the halves are not split: one knowledge base of every rule serves both, as the rules
     * compiled, and {@link CompiledRules#isWordingRule} keeps each kind of session to its own rules.
     */
    private static KieBaseCache.Packages split(Collection<KiePackage> packages) {
        List<KiePackage> decision = new ArrayList<>();
        List<KiePackage> wording = new ArrayList<>();
        boolean shared = false;
        for (KiePackage p : packages) {
            boolean words = isWordingPackage(p.getName());
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

    static boolean isWordingPackage(String name) {
        return name.equals(WORDING_PACKAGE) || name.startsWith(WORDING_PACKAGE + ".");
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
        return ((InternalKnowledgePackage) p).getTypeDeclarations().values().stream().anyMatch(t -> t.isDefinition() || t.isNovel());
    }

    /** True when some package declares types of its own: Drools cannot read such packages back, so they are not cached. */
    static boolean declaresTypes(KieBaseCache.Packages packages) {
        return Stream.concat(packages.decision().stream(), packages.wording().stream()).anyMatch(RuleCompiler::declaresTypes);
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
}
