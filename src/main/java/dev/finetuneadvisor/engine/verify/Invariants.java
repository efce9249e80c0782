package dev.finetuneadvisor.engine.verify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.engine.RulesYaml;
import dev.finetuneadvisor.model.EditDistance;
import dev.finetuneadvisor.model.FieldSpec;
import dev.finetuneadvisor.model.FieldType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The invariants of a rules directory ({@code invariants.yaml}) and what it allows to stay unreached
 * ({@code unreachable.yaml}), read strictly and held to the rules they are about: every code, verdict, gate, field
 * and assumption they name must be one the rules have. Each problem is reported at its line and column.
 *
 * @param invariants the invariants, in the file's order
 * @param unreachable codes and rule ids allowed to stay unreached, each with its reason
 */
public record Invariants(List<Invariant> invariants, Map<String, Allowed> unreachable) {
    /** The file's name inside a rules directory. */
    public static final String NAME = "invariants.yaml";
    /** The allow-list's name, beside it. */
    public static final String UNREACHABLE = "unreachable.yaml";

    private static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** A code or rule allowed to stay unreached, with its reason and the line it is listed on. */
    public record Allowed(String what, String reason, int line) {
    }

    public Invariants {
        invariants = List.copyOf(invariants);
        unreachable = Map.copyOf(unreachable);
    }

    /** The invariant of that name, or null. */
    public Invariant named(String name) {
        return invariants.stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
    }

    /** True when the rules directory declares invariants at all. */
    public static boolean declared(Path rulesDirectory) {
        return Files.isRegularFile(rulesDirectory.resolve(NAME));
    }

    /**
     * Reads both files of a rules directory, adding every problem to {@code problems}.
     *
     * @param rules the compiled rules they are about
     * @param gates the gates the rules declare, in order
     * @return the invariants, or null when a file is unusable
     */
    public static Invariants read(CompiledRules rules, List<String> gates, List<RuleProblem> problems) {
        return read(rules, rules.directory(), gates, problems);
    }

    /** Like {@link #read(CompiledRules, List, List)}, with the files read from {@code dir} rather than the rules' own directory. */
    public static Invariants read(CompiledRules rules, Path dir, List<String> gates, List<RuleProblem> problems) {
        Reader r = new Reader(rules, gates, problems);
        List<Invariant> invariants = r.invariants(dir.resolve(NAME), shown(dir, NAME));
        Map<String, Allowed> allowed = r.unreachable(dir.resolve(UNREACHABLE), shown(dir, UNREACHABLE));
        return r.failed ? null : new Invariants(invariants, allowed);
    }

    private static String shown(Path dir, String name) {
        return dir.resolve(name).toString().replace('\\', '/');
    }

    /** Reads and checks; remembers whether anything was wrong. */
    private static final class Reader {
        private final CompiledRules rules;
        private final List<String> gates;
        private final List<RuleProblem> problems;
        private final Set<String> codes;
        private final Set<String> verdictCodes;
        private boolean failed;
        private String file;

        Reader(CompiledRules rules, List<String> gates, List<RuleProblem> problems) {
            this.rules = rules;
            this.gates = gates;
            this.problems = problems;
            this.codes = rules.codes();
            this.verdictCodes = rules.index().verdictCodes();
        }

        List<Invariant> invariants(Path path, String shown) {
            file = shown;
            YamlNode root = load(path, shown, "invariants");
            List<Invariant> out = new ArrayList<>();
            if (root == null) {
                return out;
            }
            YamlNode list = root.map().get("invariants");
            if (list == null || !list.isMap()) {
                error(list == null ? root : list, "'invariants:' must be a mapping of invariant names to their settings");
                return out;
            }
            list.map().forEach((name, node) -> {
                Invariant i = invariant(name, node);
                if (i != null) {
                    out.add(i);
                }
            });
            return out;
        }

        Map<String, Allowed> unreachable(Path path, String shown) {
            file = shown;
            Map<String, Allowed> out = new LinkedHashMap<>();
            if (!Files.isRegularFile(path)) {
                return out; // nothing allowed to stay unreached
            }
            YamlNode root = load(path, shown, "unreachable");
            if (root == null) {
                return out;
            }
            YamlNode list = root.map().get("unreachable");
            if (list == null || !list.isMap()) {
                error(list == null ? root : list, "'unreachable:' must be a mapping of codes or rule ids to {reason: ...}");
                return out;
            }
            Set<String> ruleIds = new TreeSet<>();
            rules.index().rules().forEach(e -> ruleIds.add(e.id()));
            list.map().forEach((what, node) -> {
                if (!codes.contains(what) && !ruleIds.contains(what)) {
                    error(node, "'" + what + "' is neither a code the rules conclude nor a rule's @id");
                    return;
                }
                YamlNode reason = node.isMap() ? node.map().get("reason") : null;
                if (reason == null || !reason.isScalar() || reason.scalar().isBlank()) {
                    error(node, "give the reason '" + what + "' cannot be reached: " + what + ": { reason: \"...\" }");
                    return;
                }
                unknownKeys(node, Set.of("reason"));
                out.put(what, new Allowed(what, reason.scalar(), node.line()));
            });
            return out;
        }

        private YamlNode load(Path path, String shown, String section) {
            if (!Files.isRegularFile(path)) {
                problems.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, 0, 0,
                        "missing: the rules directory declares no invariants ('" + section + ":' mapping)", RuleProblem.Kind.INVARIANTS));
                failed = true;
                return null;
            }
            try (JsonParser p = RulesYaml.open(path)) {
                p.nextToken();
                YamlNode root = p.currentToken() == null ? null : YamlNode.read(p);
                if (root == null || !root.isMap()) {
                    problems.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, 1, 1, "expected a mapping with '" + section + ":'", RuleProblem.Kind.INVARIANTS));
                    failed = true;
                    return null;
                }
                root.map().forEach((k, v) -> {
                    if (!k.equals(section)) {
                        error(v, "unknown section '" + k + "'; allowed: " + section);
                    }
                });
                return root;
            } catch (IOException e) {
                JsonLocation at = e instanceof JacksonException je ? je.getLocation() : null;
                String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
                problems.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, at == null ? 0 : at.getLineNr(),
                        at == null ? 0 : at.getColumnNr(), message, RuleProblem.Kind.INVARIANTS));
                failed = true;
                return null;
            }
        }

        private Invariant invariant(String name, YamlNode node) {
            if (!NAME_PATTERN.matcher(name).matches()) {
                error(node, "invariant name '" + name + "': write it in lower case with hyphens (no-code-twice)");
            }
            if (!node.isMap()) {
                error(node, "invariant '" + name + "' needs its settings: check: and says:");
                return null;
            }
            Map<String, YamlNode> m = node.map();
            YamlNode checkNode = m.get("check");
            Invariant.Check check = checkNode == null || !checkNode.isScalar() ? null : Invariant.Check.of(checkNode.scalar());
            if (check == null) {
                error(checkNode == null ? node : checkNode, "invariant '" + name + "': check: must be one of "
                        + String.join(", ", Arrays.stream(Invariant.Check.values()).map(Invariant.Check::written).toList()));
                return null;
            }
            String says = scalar(m, "says", node, name);
            Set<String> allowedKeys = switch (check) {
                case ONLY_WITH -> Set.of("check", "says", "codes", "verdicts");
                case NEEDS_INFO -> Set.of("check", "says", "verdict");
                case MONOTONE -> Set.of("check", "says", "field", "direction", "gates", "steps");
                case DETERMINISTIC -> Set.of("check", "says", "sample");
                default -> Set.of("check", "says");
            };
            unknownKeys(node, allowedKeys);
            List<String> codeList = null;
            List<String> verdictList = null;
            String verdict = null;
            String field = null;
            boolean up = true;
            List<String> gateList = null;
            List<Invariant.Step> steps = null;
            double sample = 0;
            switch (check) {
                case ONLY_WITH -> {
                    codeList = names(m, "codes", node, name, codes, "a code the rules conclude");
                    verdictList = names(m, "verdicts", node, name, verdictCodes, "a verdict the rules conclude");
                }
                case NEEDS_INFO -> {
                    verdict = scalar(m, "verdict", node, name);
                    if (verdict != null && !verdictCodes.contains(verdict)) {
                        error(m.get("verdict"), "'" + verdict + "' is not a verdict the rules conclude; verdicts: " + String.join(", ", verdictCodes));
                    }
                }
                case MONOTONE -> {
                    field = scalar(m, "field", node, name);
                    if (field != null) {
                        FieldSpec spec = rules.fields().get(field);
                        if (spec == null || !spec.type().isNumber() || spec.type() == FieldType.TEXT || field.startsWith("costs.")) {
                            List<String> numbers = rules.fields().fields().stream().filter(x -> x.type().isNumber() && !x.path().startsWith("costs."))
                                    .map(FieldSpec::path).toList();
                            error(m.get("field"), "'" + field + "' is not a number field of fields.yaml" + hint(field, Set.copyOf(numbers)));
                        }
                    }
                    String direction = scalar(m, "direction", node, name);
                    if (direction != null && !direction.equals("up") && !direction.equals("down")) {
                        error(m.get("direction"), "direction: must be up or down");
                    }
                    up = !"down".equals(direction);
                    gateList = m.containsKey("gates") ? names(m, "gates", node, name, Set.copyOf(gates), "a gate the rules declare") : List.of();
                    steps = steps(m.get("steps"), name);
                    for (Invariant.Step st : steps) {
                        for (String g : st.gates()) {
                            if (!gateList.isEmpty() && !gateList.contains(g)) {
                                error(m.get("steps"), "invariant '" + name + "': a step names gate " + g + ", which the invariant does not watch (gates: " + gateList + ")");
                            }
                        }
                    }
                }
                case DETERMINISTIC -> {
                    YamlNode s = m.get("sample");
                    if (s == null || !s.isNumber() || Double.parseDouble(s.scalar()) <= 0 || Double.parseDouble(s.scalar()) > 1) {
                        error(s == null ? node : s, "invariant '" + name + "': sample: must be a share of the space above 0 and at most 1 (0.05 is one case in twenty)");
                    } else {
                        sample = Double.parseDouble(s.scalar());
                    }
                }
                default -> {
                }
            }
            return new Invariant(name, check, says, codeList, verdictList, verdict, field, up, gateList, steps, sample, node.line());
        }

        private List<Invariant.Step> steps(YamlNode node, String name) {
            List<Invariant.Step> out = new ArrayList<>();
            if (node == null) {
                return out;
            }
            if (!node.isList()) {
                error(node, "invariant '" + name + "': steps: must be a list of { at:, gates:, because: }");
                return out;
            }
            for (YamlNode s : node.list()) {
                if (!s.isMap()) {
                    error(s, "a step is { at: <assumption or number>, gates: [...], because: \"...\" }");
                    continue;
                }
                unknownKeys(s, Set.of("at", "gates", "because"));
                YamlNode at = s.map().get("at");
                Double value = null;
                String atName = null;
                if (at != null && at.isNumber()) {
                    value = Double.parseDouble(at.scalar());
                } else if (at != null && at.isScalar() && rules.assumptions().has(at.scalar())) {
                    atName = at.scalar();
                    value = rules.assumptions().num(atName);
                } else {
                    error(at == null ? s : at, "a step's at: must be a number or the name of an assumption of assumptions.yaml");
                }
                List<String> stepGates = names(s.map(), "gates", s, name, Set.copyOf(gates), "a gate the rules declare");
                String because = scalar(s.map(), "because", s, name);
                if (value != null) {
                    out.add(new Invariant.Step(value, atName, stepGates, because == null ? "" : because));
                }
            }
            return out;
        }

        private String scalar(Map<String, YamlNode> m, String key, YamlNode owner, String name) {
            YamlNode v = m.get(key);
            if (v == null || !v.isScalar() || v.scalar().isBlank()) {
                error(v == null ? owner : v, "invariant '" + name + "': give " + key + ":");
                return null;
            }
            return v.scalar();
        }

        private List<String> names(Map<String, YamlNode> m, String key, YamlNode owner, String name, Set<String> known, String what) {
            YamlNode v = m.get(key);
            if (v == null || !v.isList() || v.list().isEmpty()) {
                error(v == null ? owner : v, "invariant '" + name + "': " + key + ": must be a list, e.g. " + key + ": [" + known.stream().findFirst().orElse("...") + "]");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (YamlNode item : v.list()) {
                if (!item.isScalar() || !known.contains(item.scalar())) {
                    error(item, "'" + item.scalar() + "' is not " + what + hint(item.scalar(), known));
                } else {
                    out.add(item.scalar());
                }
            }
            return out;
        }

        private static String hint(String given, Set<String> known) {
            String near = given == null ? null : EditDistance.near(given, known);
            return near == null ? "" : "; did you mean " + near + "?";
        }

        private void unknownKeys(YamlNode node, Set<String> allowed) {
            node.map().forEach((k, v) -> {
                if (!allowed.contains(k)) {
                    error(v, "unknown setting '" + k + "'; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
                }
            });
        }

        private void error(YamlNode at, String message) {
            failed = true;
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), message, RuleProblem.Kind.INVARIANTS));
        }
    }
}
