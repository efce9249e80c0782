package dev.finetuneadvisor.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * What the DRL sources say about each rule, read with Drools' own DRL parser: where it is (file, line), its
 * metadata, what it concludes, which assumptions it reads, and the strings where the rules meet the Java
 * side (gate names, fact field paths, verdict and advisory codes), each with its line and column. The
 * compiled KieBase knows none of the positions, so the catalog, the static check, coverage and rule
 * mutation use this. A file the parser rejects contributes the rules it could read; compiling reports why.
 */
public final class RuleIndex {
    /** Where a rule names an assumption: its value, its provenance, or the cost model's recorded read of it. */
    private static final Pattern ASSUMPTION = Pattern.compile(
            "\\b(?:num\\(|provenance\\(|isOverridden\\(|isAssumedHere\\(|input\\(\\s*\\$\\w+\\s*,)\\s*\"(\\w+)\"\\s*\\)");
    /** How a rule concludes a verdict or advisory: {@code Recommendation.verdict(drools, "CODE", ...)}; group 2 is the code. */
    private static final Pattern RECOMMENDATION = Pattern.compile("Recommendation\\.(verdict|advisory)\\(\\s*drools\\s*,\\s*\"(\\w+)\"");
    private static final Pattern CHECK = Pattern.compile("Check\\.(pass|fail|unknown)\\(\\s*drools\\s*,\\s*\"([\\w-]+)\"");
    private static final Pattern FACT = Pattern.compile("\\b(?:new\\s+(GateFinding|GateResult|Gate|Traffic|CostEstimate)\\b|GateResult\\.(reached|notReached))");
    /**
     * A call whose arguments the contract reads: group 1 the callee, group 2 the method, or group 3 a class
     * constructed with {@code new}; the match ends at its '('.
     */
    private static final Pattern CALL = Pattern.compile(
            "\\b(Recommendation|Check)\\s*\\.\\s*(verdict|advisory|pass|fail|unknown)\\s*\\(|\\bnew\\s+(Gate|Check|Recommendation)\\s*\\(");
    /** A constraint comparing a fact's gate or field name with a literal: {@code name == "prompt-first"}. */
    private static final Pattern NAME_CONSTRAINT = Pattern.compile("\\b(name|gate|field)\\s*==\\s*\"");
    /** A word of DRL code (strings taken out first). */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");
    /** The words a constraint on a gate's name alone is made of. */
    private static final Set<String> NAME_ONLY = Set.of("name", "gate", "in", "not", "equals", "this");
    /** Fact types whose {@code field} is a path of the catalogue of fact fields. */
    private static final Set<String> FIELD_FACTS = Set.of("Check", "Change");
    /** Fact types whose {@code name}/{@code gate} is a gate name. */
    private static final Set<String> GATE_FACTS = Set.of("Gate", "GateResult", "GateFinding", "Check", "TaskFact");

    /** Where a rule reads a named assumption. */
    public record AssumptionUse(String name, String file, int line, String rule) {
    }

    /**
     * One rule as written.
     *
     * @param name the rule's name
     * @param pkg its package
     * @param file the DRL file, as shown to users
     * @param line the line of {@code rule "..."}
     * @param whenLine the line of {@code when}, 0 if missing
     * @param metadata the annotations with a quoted value ({@code @id}, {@code @section}, {@code @reviewed}, ...)
     * @param concludes what its consequence concludes, in words: "verdict USE_RAG", "check FAIL on gate prompt-first"
     * @param metadataAt where each annotation of {@code metadata} is written, by its name
     * @param attributes the rule's attributes as written ({@code salience}, {@code agenda-group}, ...), by name
     */
    public record Entry(String name, String pkg, String file, int line, int whenLine, Map<String, String> metadata,
                        List<String> concludes, Map<String, Position> metadataAt, Map<String, String> attributes) {
        public String id() {
            return metadata.getOrDefault("id", name);
        }

        public String section() {
            return metadata.getOrDefault("section", "");
        }

        /** Where the annotation {@code name} is written; the rule's own line when it has none. */
        public Position at(String name) {
            return metadataAt.getOrDefault(name, new Position(line, 0));
        }
    }

    /** A place in a DRL file: line and column, 1-based (column 0 when unknown). */
    public record Position(int line, int column) {
    }

    /**
     * A string a rule writes where the rules meet the Java side, with where its value starts (the opening quote).
     *
     * @param value the text between the quotes
     * @param file the DRL file, as shown to users
     * @param at the opening quote
     * @param rule the rule's name
     */
    public record Literal(String value, String file, Position at, String rule) {
    }

    /**
     * A field path a {@code Check} names, as far as it is written literally.
     *
     * @param literal the path, or its literal start ({@code "data."} of {@code "data." + $field})
     * @param prefix true when only the start is literal: then its section must exist, not a whole path
     */
    public record FieldUse(Literal literal, boolean prefix) {
    }

    /**
     * A call that concludes a verdict or an advisory.
     *
     * @param kind {@code verdict} or {@code advisory}
     * @param code the code when written as a string literal, else null (the engine then cannot list it)
     * @param argument the code argument as written
     * @param file the DRL file, as shown to users
     * @param at where the code argument starts
     * @param rule the rule's name
     */
    public record CodeUse(String kind, String code, String argument, String file, Position at, String rule) {
    }

    private final List<Entry> rules;
    private final List<AssumptionUse> assumptionUses;
    private final Map<String, Path> files;
    private final Contract contract;

    private RuleIndex(List<Entry> rules, List<AssumptionUse> assumptionUses, Map<String, Path> files, Contract contract) {
        this.rules = List.copyOf(rules);
        this.assumptionUses = List.copyOf(assumptionUses);
        this.files = Map.copyOf(files);
        this.contract = contract;
    }

    /** The strings of the DRL ↔ Java contract, collected while reading. */
    private record Contract(List<Literal> gateDeclarations, List<Literal> gateNames, List<FieldUse> fieldUses, List<CodeUse> codeUses,
                            List<Unchecked> unchecked, List<Literal> codeReads) {
        Contract() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** Reads every .drl file below a rules directory. */
    public static RuleIndex scan(Path directory) {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Path drl : RuleSources.drlFiles(directory)) {
            String shown = RuleSources.display(directory, drl);
            files.put(shown, drl);
            sources.put(shown, read(drl));
        }
        return read(sources, files);
    }

    /** Reads DRL texts given by the path shown for each; {@link #writeWithRuleDisabled} needs {@link #scan}. */
    static RuleIndex of(Map<String, String> sources) {
        return read(new TreeMap<>(sources), Map.of());
    }

    private static RuleIndex read(Map<String, String> sources, Map<String, Path> files) {
        List<Entry> rules = new ArrayList<>();
        List<AssumptionUse> uses = new ArrayList<>();
        Contract contract = new Contract();
        sources.forEach((shown, text) -> scanFile(shown, text, rules, uses, contract));
        return new RuleIndex(rules, uses, files, contract);
    }

    /** Parses one DRL text; null when the parser could not make a package of it. */
    static PackageDescr parse(String text) {
        try {
            return new DrlParser().parse(false, text);
        } catch (DroolsParserException e) {
            return null;
        }
    }

    private static void scanFile(String file, String text, List<Entry> rules, List<AssumptionUse> uses, Contract contract) {
        PackageDescr pkg = parse(text);
        if (pkg == null) {
            return;
        }
        DrlScanner.Lines lines = new DrlScanner.Lines(text);
        for (RuleDescr rule : pkg.getRules()) {
            if (rule.getStartCharacter() < 0) {
                continue;
            }
            Parts parts = Parts.of(text, rule);
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Position> metadataAt = new LinkedHashMap<>();
            for (AnnotationDescr a : rule.getAnnotations()) {
                Object value = a.getSingleValue();
                if (value instanceof String s && s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                    metadata.put(a.getName(), s.substring(1, s.length() - 1).replace("\\\"", "\""));
                    Integer at = parts.annotations.get(a.getName());
                    metadataAt.put(a.getName(), at == null ? new Position(lines.line(rule.getStartCharacter()), 0) : lines.at(at));
                }
            }
            String name = rule.getName();
            int whenLine = parts.when < 0 ? 0 : lines.line(parts.when);
            // what a rule reads is in its conditions and its consequence; the header holds only metadata
            int bodyFrom = parts.when >= 0 ? parts.when : parts.consequence;
            if (bodyFrom >= 0) {
                assumptionReads(text, bodyFrom, parts.end, lines, file, name, uses);
            }
            LinkedHashSet<String> concludes = new LinkedHashSet<>();
            if (parts.consequence >= 0) {
                String consequence = text.substring(parts.consequence, parts.consequenceEnd);
                consequence.lines().forEach(l -> concludes(stripComment(l), concludes));
                calls(text, parts.consequence, parts.consequenceEnd, lines, file, name, contract);
            }
            patterns(rule.getLhs().getDescrs(), text, lines, file, name, contract);
            Map<String, String> attributes = new TreeMap<>();
            rule.getAttributes().forEach((key, a) -> attributes.put(key, a.getValue()));
            rules.add(new Entry(name, pkg.getName(), file, lines.line(rule.getStartCharacter()), whenLine, Map.copyOf(metadata),
                    List.copyOf(concludes), Map.copyOf(metadataAt), Map.copyOf(attributes)));
        }
    }

    /**
     * Where a word is first written in the consequence of the rule that starts on {@code ruleLine} (outside
     * comments and strings): Drools reports an error in a {@code then} block on the rule's first line, naming
     * the word. The consequence's first character when the word is not there; null when no rule starts there.
     */
    static Position inConsequence(String text, int ruleLine, String word) {
        PackageDescr pkg = parse(text);
        if (pkg == null) {
            return null;
        }
        DrlScanner.Lines lines = new DrlScanner.Lines(text);
        for (RuleDescr rule : pkg.getRules()) {
            if (rule.getStartCharacter() < 0 || lines.line(rule.getStartCharacter()) != ruleLine) {
                continue;
            }
            Parts parts = Parts.of(text, rule);
            if (parts.consequence < 0) {
                return null;
            }
            DrlScanner s = new DrlScanner(text, parts.consequence, parts.consequenceEnd);
            while (word != null && s.next()) {
                if (s.kind == DrlScanner.Token.WORD && s.is(word)) {
                    return lines.at(s.start);
                }
            }
            return lines.at(parts.consequence);
        }
        return null;
    }

    /**
     * Where the parts of a rule are in its file's text (character offsets, -1 when absent): its annotations by
     * name, the {@code when} keyword, the consequence's first and past-last characters, and the rule's end.
     * The parser gives the rule's extent and its consequence text; the keywords between are found by reading
     * the rule's own text, skipping comments and strings.
     */
    private record Parts(Map<String, Integer> annotations, int when, int consequence, int consequenceEnd, int end) {
        static Parts of(String text, RuleDescr rule) {
            int start = rule.getStartCharacter();
            int end = rule.getEndCharacter() > start ? Math.min(rule.getEndCharacter() + 1, text.length()) : text.length();
            String body = rule.getConsequence() == null ? "" : rule.getConsequence().toString();
            int consequence = body.isBlank() ? -1 : text.indexOf(body, start);
            int consequenceEnd = consequence < 0 ? -1 : consequence + body.length();
            int headEnd = consequence < 0 ? end : consequence;
            Map<String, Integer> annotations = new LinkedHashMap<>();
            int when = -1;
            DrlScanner s = new DrlScanner(text, start, headEnd);
            while (s.next()) {
                if (s.kind == DrlScanner.Token.ANNOTATION) {
                    annotations.putIfAbsent(text.substring(s.start + 1, s.end), s.start);
                } else if (s.kind == DrlScanner.Token.WORD && s.is("when")) {
                    when = s.start;
                    break;
                } else if (s.kind == DrlScanner.Token.WORD && s.is("then")) {
                    break;
                }
            }
            return new Parts(annotations, when, consequence, consequenceEnd, end);
        }
    }

    private static void assumptionReads(String text, int from, int to, DrlScanner.Lines lines, String file, String rule, List<AssumptionUse> uses) {
        int line = lines.line(from);
        int lineStart = lines.start(line);
        for (String l : text.substring(lineStart, to).split("\n", -1)) {
            Matcher a = ASSUMPTION.matcher(stripComment(l));
            while (a.find()) {
                uses.add(new AssumptionUse(a.group(1), file, line, rule));
            }
            line++;
        }
    }

    /** Collects the contract's strings from the calls in a consequence: gates declared, gates named, field paths, codes. */
    private static void calls(String text, int from, int to, DrlScanner.Lines lines, String file, String rule, Contract contract) {
        Matcher m = CALL.matcher(text).region(from, to);
        while (m.find()) {
            if (DrlScanner.inCommentOrString(text, from, m.start())) {
                continue;
            }
            List<int[]> args = DrlScanner.arguments(text, m.end(), to);
            if (m.group(3) != null && !m.group(3).equals("Gate")) {
                // new Check(...) / new Recommendation(...): past the factory methods, so past the checks of gate, field and code
                contract.unchecked.add(new Unchecked("new " + m.group(3) + "(...)", file, lines.at(m.start()), rule,
                        m.group(3).equals("Check") ? "Check.pass/fail/unknown(drools, ...)" : "Recommendation.verdict/advisory(drools, ...)"));
            } else if (m.group(3) != null) {
                // new Gate(number, "name", ...)
                if (args.size() > 1) {
                    Literal name = literal(text, args.get(1), lines, file, rule);
                    if (name != null) {
                        contract.gateDeclarations.add(name);
                    }
                }
            } else if (m.group(1).equals("Recommendation")) {
                if (args.size() > 1) {
                    int[] arg = args.get(1);
                    Literal code = literal(text, arg, lines, file, rule);
                    contract.codeUses.add(new CodeUse(m.group(2), code == null ? null : code.value(),
                            text.substring(arg[0], arg[1]), file, lines.at(arg[0]), rule));
                }
            } else {
                if (args.size() > 1) {
                    Literal gate = literal(text, args.get(1), lines, file, rule);
                    if (gate != null) {
                        contract.gateNames.add(gate);
                    } else {
                        contract.unchecked.add(new Unchecked("its gate as `" + text.substring(args.get(1)[0], args.get(1)[1]).strip() + "`", file,
                                lines.at(args.get(1)[0]), rule, "the gate's name as a string literal (\"gate-name\")"));
                    }
                }
                if (args.size() > 2) {
                    fieldUses(text, args.get(2), lines, file, rule, contract.fieldUses);
                }
            }
        }
    }

    /**
     * The field paths written in a Check's field argument: a literal is a whole path, and so is each branch of
     * {@code cond ? "a.b" : "a.c"}; in {@code "data." + $field} only the section is written.
     */
    private static void fieldUses(String text, int[] arg, DrlScanner.Lines lines, String file, String rule, List<FieldUse> into) {
        List<int[]> strings = DrlScanner.strings(text, arg[0], arg[1]);
        boolean joined = DrlScanner.hasOperator(text, arg[0], arg[1], '+');
        for (int[] s : strings) {
            Literal l = new Literal(text.substring(s[0] + 1, s[1] - 1), file, lines.at(s[0]), rule);
            if (!joined) {
                into.add(new FieldUse(l, false));
            } else if (s[0] == arg[0] && l.value().endsWith(".")) {
                into.add(new FieldUse(l, true));
            }
        }
    }

    /** The argument as a literal when it is exactly one string literal. */
    private static Literal literal(String text, int[] arg, DrlScanner.Lines lines, String file, String rule) {
        List<int[]> strings = DrlScanner.strings(text, arg[0], arg[1]);
        if (strings.size() != 1 || strings.get(0)[0] != arg[0] || strings.get(0)[1] != arg[1]) {
            return null;
        }
        return new Literal(text.substring(arg[0] + 1, arg[1] - 1), file, lines.at(arg[0]), rule);
    }

    /** Collects gate names compared in the patterns of gate facts ({@code GateResult( name == "prompt-first" )}), at any depth. */
    private static void patterns(List<? extends BaseDescr> descrs, String text, DrlScanner.Lines lines, String file, String rule, Contract contract) {
        for (BaseDescr d : descrs) {
            if (d instanceof PatternDescr p) {
                String type = simpleName(p.getObjectType());
                for (BaseDescr c : p.getConstraint().getDescrs()) {
                    if (!(c instanceof ExprConstraintDescr e) || e.getStartCharacter() < 0) {
                        continue;
                    }
                    if (GATE_FACTS.contains(type)) {
                        gateConstraint(text, e, lines, file, rule, contract);
                    }
                    if (FIELD_FACTS.contains(type)) {
                        // Check( field == "data.noiseRate" ), Change( field == "task.stable" ): a path of the catalogue
                        compared(text, e, "field", lines, file, rule).forEach(l -> contract.fieldUses.add(new FieldUse(l, false)));
                    }
                    if (type.equals("Recommendation")) {
                        // Recommendation( code == "FINE_TUNE" ): a code some rule concludes
                        contract.codeReads.addAll(compared(text, e, "code", lines, file, rule));
                    }
                }
                if (p.getSource() instanceof AccumulateDescr acc && acc.getInput() != null) {
                    patterns(List.of(acc.getInput()), text, lines, file, rule, contract);
                }
            } else if (d instanceof ConditionalElementDescr ce) {
                patterns(ce.getDescrs(), text, lines, file, rule, contract);
            }
        }
    }

    /** The literals a constraint compares {@code property} with ({@code property == "x"}), each at its place. */
    private static List<Literal> compared(String text, ExprConstraintDescr e, String property, DrlScanner.Lines lines, String file,
                                          String rule) {
        int start = e.getStartCharacter();
        int end = Math.min(start + e.getExpression().length(), text.length());
        List<Literal> found = new ArrayList<>();
        if (!text.startsWith(e.getExpression(), start)) {
            return found;
        }
        Matcher m = Pattern.compile("\\b" + property + "\\s*==\\s*\"").matcher(text).region(start, end);
        while (m.find()) {
            int quote = m.end() - 1;
            List<int[]> strings = DrlScanner.strings(text, quote, end);
            if (!strings.isEmpty() && strings.get(0)[0] == quote) {
                int[] str = strings.get(0);
                found.add(new Literal(text.substring(str[0] + 1, str[1] - 1), file, lines.at(str[0]), rule));
            }
        }
        return found;
    }

    private static void gateConstraint(String text, ExprConstraintDescr e, DrlScanner.Lines lines, String file, String rule, Contract contract) {
        int start = e.getStartCharacter();
        int end = Math.min(start + e.getExpression().length(), text.length());
        if (!text.startsWith(e.getExpression(), start)) {
            return;
        }
        // a constraint on the gate's name alone, in any shape (name in ("a", "b"), "a" == name, name.equals("a"),
        // name != "a"): every string in it is a gate name
        List<int[]> all = DrlScanner.strings(text, start, end);
        StringBuilder code = new StringBuilder(text.substring(start, end));
        for (int i = all.size() - 1; i >= 0; i--) {
            code.replace(all.get(i)[0] - start, all.get(i)[1] - start, " ");
        }
        Set<String> words = new TreeSet<>();
        Matcher w = IDENTIFIER.matcher(code);
        while (w.find()) {
            words.add(w.group());
        }
        if (!all.isEmpty() && (words.contains("name") || words.contains("gate")) && NAME_ONLY.containsAll(words)) {
            for (int[] str : all) {
                contract.gateNames.add(new Literal(text.substring(str[0] + 1, str[1] - 1), file, lines.at(str[0]), rule));
            }
            return;
        }
        Matcher m = NAME_CONSTRAINT.matcher(text).region(start, end);
        while (m.find()) {
            if (m.group(1).equals("field")) {
                continue;
            }
            int quote = m.end() - 1;
            List<int[]> strings = DrlScanner.strings(text, quote, end);
            if (!strings.isEmpty() && strings.get(0)[0] == quote) {
                int[] s = strings.get(0);
                contract.gateNames.add(new Literal(text.substring(s[0] + 1, s[1] - 1), file, lines.at(s[0]), rule));
            }
        }
    }

    private static String simpleName(String type) {
        return type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
    }

    private static String stripComment(String line) {
        int c = line.indexOf("//");
        return c < 0 ? line : line.substring(0, c);
    }

    private static void concludes(String code, LinkedHashSet<String> into) {
        Matcher m = RECOMMENDATION.matcher(code);
        while (m.find()) {
            into.add(m.group(1) + " " + m.group(2));
        }
        m = CHECK.matcher(code);
        while (m.find()) {
            into.add("check " + m.group(1).toUpperCase(Locale.ROOT) + " on gate " + m.group(2));
        }
        m = FACT.matcher(code);
        while (m.find()) {
            String fact = m.group(1) != null ? m.group(1) : "GateResult";
            into.add(switch (fact) {
                case "GateFinding" -> "gate finding";
                case "GateResult" -> "gate result";
                case "Gate" -> "gate";
                case "Traffic" -> "traffic";
                case "CostEstimate" -> "cost estimate";
                default -> fact;
            });
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory tree (a rules directory) into {@code target}, replacing files already there. */
    public static void copy(Path source, Path target) throws IOException {
        try (var walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** One row of the rule catalog, as {@code advisor rules --format json} and {@code GET /v1/rules} show it. */
    public record CatalogRow(String id, String name, String file, int line, String pkg, String section, List<String> concludes,
                             Map<String, String> metadata) {
    }

    /** The rule catalog: every rule in file and line order, its metadata sorted by name. */
    public List<CatalogRow> catalog() {
        return rules().stream().map(e -> new CatalogRow(e.id(), e.name(), e.file(), e.line(), e.pkg(), e.section(),
                e.concludes(), new TreeMap<>(e.metadata()))).toList();
    }

    /** Every rule, in file order then line order. */
    public List<Entry> rules() {
        return rules;
    }

    /** Every place a rule reads an assumption. */
    public List<AssumptionUse> assumptionUses() {
        return assumptionUses;
    }

    /** The gates the rules declare ({@code new Gate(n, "name", ...)}), where each name is written. */
    public List<Literal> gateDeclarations() {
        return Collections.unmodifiableList(contract.gateDeclarations);
    }

    /**
     * Every gate name written as a literal outside its declaration: the gate of a {@code Check.pass/fail/unknown}
     * and the {@code name ==} / {@code gate ==} constraints on gate facts ({@code Gate}, {@code GateFinding},
     * {@code GateResult}, {@code Check}, {@code TaskFact}).
     */
    /**
     * What the contract check cannot read: a gate name passed through a variable, a {@code Check} or
     * {@code Recommendation} built with {@code new} rather than by its factory methods.
     *
     * @param what what was written, in words
     * @param instead what to write instead
     */
    public record Unchecked(String what, String file, Position at, String rule, String instead) {
    }

    /** Every code a pattern compares a recommendation's code with ({@code Recommendation( code == "FINE_TUNE" )}). */
    public List<Literal> codeReads() {
        return Collections.unmodifiableList(contract.codeReads());
    }

    /** Every place the contract check cannot read (see {@link Unchecked}). */
    public List<Unchecked> unchecked() {
        return contract.unchecked();
    }

    public List<Literal> gateNames() {
        return Collections.unmodifiableList(contract.gateNames);
    }

    /** The field paths the rules' {@code Check}s name, as far as they are written literally. */
    public List<FieldUse> fieldUses() {
        return Collections.unmodifiableList(contract.fieldUses);
    }

    /** Every {@code Recommendation.verdict(...)} and {@code Recommendation.advisory(...)} call, literal code or not. */
    /** Every verdict code the rules write as a literal in {@code Recommendation.verdict(...)}, sorted. */
    public SortedSet<String> verdictCodes() {
        SortedSet<String> verdicts = new TreeSet<>();
        codeUses().stream().filter(u -> "verdict".equals(u.kind()) && u.code() != null).forEach(u -> verdicts.add(u.code()));
        return verdicts;
    }

    public List<CodeUse> codeUses() {
        return Collections.unmodifiableList(contract.codeUses);
    }

    /** Every verdict and advisory code a rule can conclude, sorted: the codes written as literals. */
    public SortedSet<String> codes() {
        SortedSet<String> codes = new TreeSet<>();
        contract.codeUses.stream().filter(c -> c.code() != null).forEach(c -> codes.add(c.code()));
        return Collections.unmodifiableSortedSet(codes);
    }

    /** The rule with this id (its {@code @id}, or its name when it has none). */
    public Optional<Entry> byId(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * Writes a copy of the rules directory into {@code target} in which one rule can never fire: an
     * {@code eval(false)} is put first among its conditions. Everything else is copied as it is.
     */
    public void writeWithRuleDisabled(Path source, Path target, Entry rule) throws IOException {
        copy(source, target);
        Path file = files.get(rule.file());
        if (file == null || rule.whenLine() == 0) {
            throw new IllegalArgumentException("cannot disable " + rule.name() + ": no 'when' found in " + rule.file());
        }
        Path copy = target.resolve(source.relativize(file).toString());
        List<String> lines = new ArrayList<>(List.of(read(copy).split("\n", -1)));
        lines.add(rule.whenLine(), "    eval(false)  // disabled");
        Files.writeString(copy, String.join("\n", lines), StandardCharsets.UTF_8);
    }
}
