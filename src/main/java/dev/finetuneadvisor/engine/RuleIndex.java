package dev.finetuneadvisor.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the DRL sources say about each rule, read from the text: where it is (file, line), its metadata,
 * what it concludes and which assumptions it reads. The compiled KieBase knows none of the positions, so
 * the catalog, the static check, coverage and rule mutation use this.
 */
public final class RuleIndex {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S+))");
    private static final Pattern WHEN = Pattern.compile("^\\s*when\\b");
    private static final Pattern THEN = Pattern.compile("^\\s*then\\b");
    private static final Pattern END = Pattern.compile("^\\s*end\\b");
    private static final Pattern ANNOTATION = Pattern.compile("@(\\w+)\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
    /** Where a rule names an assumption: its value, its provenance, or the cost model's recorded read of it. */
    private static final Pattern ASSUMPTION = Pattern.compile(
            "\\b(?:num\\(|provenance\\(|isOverridden\\(|isAssumedHere\\(|input\\(\\s*\\$\\w+\\s*,)\\s*\"(\\w+)\"\\s*\\)");
    /** How a rule concludes a verdict or advisory: {@code Recommendation.verdict(drools, "CODE", ...)}; group 2 is the code. */
    static final Pattern RECOMMENDATION = Pattern.compile("Recommendation\\.(verdict|advisory)\\(\\s*drools\\s*,\\s*\"(\\w+)\"");
    private static final Pattern CHECK = Pattern.compile("Check\\.(pass|fail|unknown)\\(\\s*drools\\s*,\\s*\"([\\w-]+)\"");
    private static final Pattern FACT = Pattern.compile("\\b(?:new\\s+(GateFinding|GateResult|Gate|Traffic|CostEstimate)\\b|GateResult\\.(reached|notReached))");

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
     */
    public record Entry(String name, String pkg, String file, int line, int whenLine, Map<String, String> metadata,
                        List<String> concludes, Map<String, Position> metadataAt) {
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

    private final List<Entry> rules;
    private final List<AssumptionUse> assumptionUses;
    private final Map<String, Path> files;

    private RuleIndex(List<Entry> rules, List<AssumptionUse> assumptionUses, Map<String, Path> files) {
        this.rules = List.copyOf(rules);
        this.assumptionUses = List.copyOf(assumptionUses);
        this.files = Map.copyOf(files);
    }

    /** Reads every .drl file below a rules directory. */
    public static RuleIndex scan(Path directory) {
        List<Entry> rules = new ArrayList<>();
        List<AssumptionUse> uses = new ArrayList<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Path drl : CompiledRules.drlFiles(directory)) {
            String shown = CompiledRules.display(directory, drl);
            files.put(shown, drl);
            scanFile(shown, read(drl), rules, uses);
        }
        return new RuleIndex(rules, uses, files);
    }

    private static void scanFile(String file, String text, List<Entry> rules, List<AssumptionUse> uses) {
        String[] lines = text.split("\n", -1);
        String pkg = "";
        Builder current = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            Matcher m;
            if ((m = PACKAGE.matcher(line)).find() && current == null) {
                pkg = m.group(1);
                continue;
            }
            if (current == null) {
                m = RULE.matcher(line);
                if (m.find()) {
                    String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                    current = new Builder(name, pkg, file, number);
                    annotations(line, m.end(), number, current);
                }
                continue;
            }
            if (END.matcher(line).find() && current.phase == Phase.THEN) {
                rules.add(current.build());
                current = null;
                continue;
            }
            if (current.phase == Phase.HEAD && WHEN.matcher(line).find()) {
                current.whenLine = number;
                current.phase = Phase.WHEN;
            } else if (current.phase != Phase.THEN && THEN.matcher(line).find()) {
                current.phase = Phase.THEN;
            } else if (current.phase == Phase.HEAD) {
                annotations(line, 0, number, current);
            }
            String code = stripComment(line);
            Matcher a = ASSUMPTION.matcher(code);
            while (a.find()) {
                uses.add(new AssumptionUse(a.group(1), file, number, current.name));
            }
            if (current.phase == Phase.THEN) {
                concludes(code, current.concludes);
            }
        }
        if (current != null) {
            rules.add(current.build());
        }
    }

    private static String stripComment(String line) {
        int c = line.indexOf("//");
        return c < 0 ? line : line.substring(0, c);
    }

    /** Reads the annotations in {@code line} from column {@code from} (0-based) on. */
    private static void annotations(String line, int from, int number, Builder into) {
        Matcher m = ANNOTATION.matcher(line);
        m.region(from, line.length());
        while (m.find()) {
            into.metadata.put(m.group(1), m.group(2).replace("\\\"", "\""));
            into.metadataAt.put(m.group(1), new Position(number, m.start() + 1));
        }
    }

    private static void concludes(String code, LinkedHashSet<String> into) {
        Matcher m = RECOMMENDATION.matcher(code);
        while (m.find()) {
            into.add(m.group(1) + " " + m.group(2));
        }
        m = CHECK.matcher(code);
        while (m.find()) {
            into.add("check " + m.group(1).toUpperCase(java.util.Locale.ROOT) + " on gate " + m.group(2));
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

    private enum Phase { HEAD, WHEN, THEN }

    private static final class Builder {
        final String name;
        final String pkg;
        final String file;
        final int line;
        int whenLine;
        Phase phase = Phase.HEAD;
        final Map<String, String> metadata = new LinkedHashMap<>();
        final Map<String, Position> metadataAt = new LinkedHashMap<>();
        final LinkedHashSet<String> concludes = new LinkedHashSet<>();

        Builder(String name, String pkg, String file, int line) {
            this.name = name;
            this.pkg = pkg;
            this.file = file;
            this.line = line;
        }

        Entry build() {
            return new Entry(name, pkg, file, line, whenLine, Map.copyOf(metadata), List.copyOf(concludes), Map.copyOf(metadataAt));
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
                    Files.copy(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Every rule, in file order then line order. */
    public List<Entry> rules() {
        return rules;
    }

    /** Every place a rule reads an assumption. */
    public List<AssumptionUse> assumptionUses() {
        return assumptionUses;
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
