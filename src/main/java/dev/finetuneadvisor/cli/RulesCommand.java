package dev.finetuneadvisor.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.finetuneadvisor.engine.ArticleFile;
import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.RuleIndex;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesBySection;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.io.RuleCatalogMarkdown;
import dev.finetuneadvisor.model.Article;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code advisor rules}: the catalog of the knowledge base, every rule with where it is and what it concludes. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"List every rule: id, name, file and line, article section, and what it concludes (text, JSON, or Markdown for a docs page).",
            "With --by-section: the article's headings (article.yaml) in article order, each with the rules that cite it; headings no rule cites are marked."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:The catalog was printed.",
            "2:Usage error.",
            "4:The rules do not compile, or (--by-section) article.yaml is missing or unusable (each error printed as file:line:column)."})
public final class RulesCommand implements Callable<Integer> {
    /** Catalog formats. */
    enum Format { text, json, markdown }

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--by-section",
            description = "List the rules under the article's headings, in article order, marking the headings no rule cites.")
    boolean bySection;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CompiledRules compiled = rules.load(spec.commandLine().getErr());
        if (compiled == null) {
            return ExitCodes.RULES_INVALID;
        }
        RuleIndex index = compiled.index();
        if (bySection) {
            return printBySection(compiled, index, out);
        }
        List<RuleIndex.Entry> entries = index.rules();
        switch (format) {
            case json -> {
                out.println(Json.pretty().writeValueAsString(Map.of("rules", index.catalog())));
            }
            case markdown -> out.print(markdown(index));
            default -> text(entries, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<String, List<RuleIndex.Entry>> byFile(List<RuleIndex.Entry> entries) {
        Map<String, List<RuleIndex.Entry>> files = new LinkedHashMap<>();
        entries.forEach(e -> files.computeIfAbsent(e.file(), f -> new ArrayList<>()).add(e));
        return files;
    }

    private static void text(List<RuleIndex.Entry> entries, PrintWriter out) {
        byFile(entries).forEach((file, rules) -> {
            out.println(file);
            for (RuleIndex.Entry e : rules) {
                out.println("  " + e.id() + " (line " + e.line() + "): " + e.name());
                out.println("      concludes: " + (e.concludes().isEmpty() ? "-" : String.join("; ", e.concludes())));
                out.println("      § " + e.section());
            }
            out.println();
        });
        out.println(entries.size() + " rules in " + byFile(entries).size() + " files");
    }

    /**
     * The catalog page: each rule of the index with its phase and the assumptions it reads, all as the DRL
     * parser reads them: the phase's name from {@code @phase}, its number from the {@code salience} attribute
     * ({@code advisor check} holds the two together), and the agenda or ruleflow group when a rule has one.
     */
    private static String markdown(RuleIndex index) {
        Map<String, TreeSet<String>> reads = new HashMap<>();
        for (RuleIndex.AssumptionUse use : index.assumptionUses()) {
            reads.computeIfAbsent(use.file() + "/" + use.rule(), k -> new TreeSet<>()).add(use.name());
        }
        List<RuleCatalogMarkdown.Rule> rows = new ArrayList<>();
        for (RuleIndex.Entry e : index.rules()) {
            int salience = Integer.parseInt(e.attributes().getOrDefault("salience", "0").strip());
            rows.add(new RuleCatalogMarkdown.Rule(e.id(), e.name(), e.file(), e.line(), e.metadata().getOrDefault("phase", "CHECKS"), salience,
                    group(e), e.section(), e.concludes(), List.copyOf(reads.getOrDefault(e.file() + "/" + e.name(), new TreeSet<>())),
                    e.metadata().getOrDefault("reviewed", "")));
        }
        return RuleCatalogMarkdown.page(rows);
    }

    /** The rule's ruleflow group, else its agenda group; empty when neither. */
    private static String group(RuleIndex.Entry e) {
        String ruleflow = e.attributes().get("ruleflow-group");
        if (ruleflow != null && !ruleflow.isEmpty()) {
            return "ruleflow-group \"" + ruleflow + "\"";
        }
        String agenda = e.attributes().get("agenda-group");
        return agenda == null || agenda.isEmpty() || agenda.equals("MAIN") ? "" : "agenda-group \"" + agenda + "\"";
    }

    /** One rule under a heading, as JSON shows it. */
    record RuleCited(String id, String name, String file, int line) {
        static RuleCited of(RuleIndex.Entry e) {
            return new RuleCited(e.id(), e.name(), e.file(), e.line());
        }
    }

    /** One heading, as JSON shows it: the rules citing it, how many cite its sub-headings, and those. */
    @JsonPropertyOrder({"heading", "path", "level", "cited", "rules", "rulesBelow", "sections"})
    record HeadingRow(String heading, String path, int level, boolean cited, List<RuleCited> rules, int rulesBelow,
                      List<HeadingRow> sections) {
        static HeadingRow of(RulesBySection.Node n) {
            return new HeadingRow(n.heading().text(), n.heading().path(), n.heading().level(), !n.rules().isEmpty(),
                    n.rules().stream().map(RuleCited::of).toList(), n.rulesBelow(), n.sections().stream().map(HeadingRow::of).toList());
        }
    }

    /** A rule whose section is not a heading of the article, as JSON shows it. */
    record Stray(String id, String name, String file, int line, String section) {
    }

    private Integer printBySection(CompiledRules compiled, RuleIndex index, PrintWriter out) throws Exception {
        Article article;
        try {
            article = compiled.article();
        } catch (RulesInvalidException e) {
            PrintWriter err = spec.commandLine().getErr();
            for (RuleProblem p : e.problems()) {
                err.println(p.describe());
            }
            err.flush();
            return ExitCodes.RULES_INVALID;
        }
        RulesBySection grouped = RulesBySection.of(article, index);
        String file = compiled.directory().resolve(ArticleFile.NAME).toString().replace('\\', '/');
        switch (format) {
            case json -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                Map<String, Object> about = new LinkedHashMap<>();
                about.put("file", file);
                about.put("title", article.title());
                about.put("author", article.author());
                about.put("sourceFile", article.sourceFile());
                about.put("sourceSha256", article.sourceSha256());
                doc.put("article", about);
                doc.put("sections", grouped.sections().stream().map(HeadingRow::of).toList());
                doc.put("uncited", grouped.uncited().stream().map(Article.Heading::path).toList());
                doc.put("notInArticle", grouped.notInArticle().stream()
                        .map(e -> new Stray(e.id(), e.name(), e.file(), e.line(), e.section())).toList());
                out.println(Json.pretty().writeValueAsString(doc));
            }
            case markdown -> sectionsMarkdown(grouped, file, out);
            default -> sectionsText(grouped, file, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** "3 rules", "1 rule", "no rule", with the rules under the sub-headings when it has none itself. */
    private static String count(RulesBySection.Node n) {
        int k = n.rules().size();
        if (k > 0) {
            return k + (k == 1 ? " rule" : " rules");
        }
        return n.rulesBelow() > 0 ? "no rule; " + n.rulesBelow() + " under its sub-headings" : "no rule";
    }

    private static String summary(RulesBySection grouped, int rules) {
        int headings = grouped.all().size();
        int uncited = grouped.uncited().size();
        return headings + " headings, " + rules + " rules; " + uncited + (uncited == 1 ? " heading" : " headings") + " cited by no rule";
    }

    private static void sectionsText(RulesBySection grouped, String file, PrintWriter out) {
        Article a = grouped.article();
        out.println("\"" + a.title() + "\" by " + a.author() + " (" + file + ")");
        for (RulesBySection.Node n : grouped.all()) {
            String indent = "  ".repeat(n.heading().level() - 1);
            if (n.heading().level() == 1) {
                out.println();
            }
            out.println(indent + n.heading().text() + "  (" + count(n) + ")");
            for (RuleIndex.Entry e : n.rules()) {
                out.println(indent + "    " + e.id() + ": " + e.name());
            }
        }
        if (!grouped.notInArticle().isEmpty()) {
            out.println();
            out.println("Not a heading of the article (advisor check reports these):");
            for (RuleIndex.Entry e : grouped.notInArticle()) {
                out.println("    " + e.id() + ": " + e.name() + "  (" + e.file() + ":" + e.line() + ", @section \"" + e.section() + "\")");
            }
        }
        out.println();
        int cited = grouped.all().stream().mapToInt(n -> n.rules().size()).sum();
        out.println(summary(grouped, cited + grouped.notInArticle().size()));
    }

    private static void sectionsMarkdown(RulesBySection grouped, String file, PrintWriter out) {
        Article a = grouped.article();
        int cited = grouped.all().stream().mapToInt(n -> n.rules().size()).sum();
        out.println("# Rules by article section");
        out.println();
        out.println("The headings of \"" + a.title() + "\" by " + a.author() + ", in article order (`" + file
                + "`), each with the rules whose `@section` cites it. Generated by `advisor rules --by-section --format markdown`.");
        out.println();
        out.println(summary(grouped, cited + grouped.notInArticle().size()) + ".");
        for (RulesBySection.Node n : grouped.all()) {
            out.println();
            out.println("#".repeat(n.heading().level() + 1) + " " + n.heading().text());
            out.println();
            if (n.rules().isEmpty()) {
                out.println(n.rulesBelow() > 0 ? "*No rule cites this heading itself; " + n.rulesBelow() + " rules cite its sub-headings.*"
                        : "*No rule cites this heading.*");
            }
            for (RuleIndex.Entry e : n.rules()) {
                out.println("- `" + e.id() + "`: " + e.name());
            }
        }
        if (!grouped.notInArticle().isEmpty()) {
            out.println();
            out.println("## Not a heading of the article");
            out.println();
            for (RuleIndex.Entry e : grouped.notInArticle()) {
                out.println("- `" + e.id() + "`: " + e.name() + " (`" + e.file() + ":" + e.line() + "`, `@section(\"" + e.section() + "\")`)");
            }
        }
    }
}
