package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.finetuneadvisor.model.FieldCatalogue;
import dev.finetuneadvisor.model.FieldKind;
import dev.finetuneadvisor.model.FieldSpec;
import dev.finetuneadvisor.model.FieldType;
import dev.finetuneadvisor.model.Fmt;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code fields.yaml}, the catalogue of fact fields, and holds it to the fact model: every field of a
 * fact file is declared exactly once, every declared path is a field (or {@code costs.*}), every type and
 * kind is a known one and fits the field's Java type, a choice lists exactly the values fact files accept,
 * and a range stays within what the model accepts. Beside the fields it reads two declarations the search
 * goes by: {@code alternatives:}, groups of fields a fact file gives one of (calls a day or a month), and
 * {@code allGatesPass:}, the verdict every gate passing gives (the default target of "What would change
 * this", and the verdict whose use cases the portfolio reports count in the saving). Each problem is reported with its line, like {@link AssumptionsFile}: what a search may
 * propose rests on this file.
 */
public final class FieldsFile {
    /** The file's name inside a rules directory. */
    public static final String NAME = "fields.yaml";
    private static final List<String> KEYS = List.of("type", "unit", "range", "values", "means", "gates", "kind");
    private static final List<String> SECTIONS = List.of("fields", "alternatives", "allGatesPass");
    /** What a verdict code looks like, as the rules write it: {@code FINE_TUNE}. */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private FieldsFile() {
    }

    /**
     * Reads the catalogue, adding any problem to {@code problems}.
     *
     * @param displayPath how the file is named in problems
     * @return the catalogue, or null when the file is unusable
     */
    public static FieldCatalogue read(Path file, String displayPath, List<RuleProblem> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 0, 0,
                    "missing: the rules directory needs " + NAME + ", the catalogue of fact fields ('fields:' mapping)"));
            return null;
        }
        RuleProblem syntax = RulesYaml.syntaxProblem(file, displayPath);
        if (syntax != null) {
            problems.add(syntax);
            return null;
        }
        List<RuleProblem> found = new ArrayList<>();
        List<FieldSpec> specs = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        List<Group> groups = new ArrayList<>();
        Located target = null;
        try (JsonParser p = RulesYaml.open(file)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                found.add(error(displayPath, p.currentTokenLocation(), "expected a mapping with 'fields:'"));
            } else {
                for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                    JsonLocation at = p.currentTokenLocation();
                    JsonToken t = p.nextToken();
                    if (!SECTIONS.contains(key)) {
                        found.add(error(displayPath, at, "unknown section '" + key + "'; allowed: " + String.join(", ", SECTIONS)));
                        p.skipChildren();
                    } else if (key.equals("fields") && t == JsonToken.START_OBJECT) {
                        readFields(p, displayPath, specs, declared, found);
                    } else if (key.equals("alternatives") && t == JsonToken.START_ARRAY) {
                        readAlternatives(p, displayPath, groups, found);
                    } else if (key.equals("allGatesPass")) {
                        target = readVerdict(p, t, displayPath, found);
                    } else {
                        found.add(error(displayPath, at, switch (key) {
                            case "fields" -> "'fields:' must be a mapping of field paths to entries";
                            case "alternatives" -> "'alternatives:' must be a list of groups, each a list of field paths";
                            default -> "unreadable";
                        }));
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            JsonLocation at = e instanceof JacksonException je ? je.getLocation() : null;
            String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            // the YAML parser's message runs on with the line quoted and a caret: its first line says it
            found.add(error(displayPath, at, message == null ? "unreadable" : message.lines().findFirst().orElse(message).strip()));
            // what follows a syntax error was never read: saying every field after it is missing would bury the one mistake
            problems.addAll(found);
            return null;
        }
        if (!declared.isEmpty()) {
            FactField.modelTypes().keySet().stream().filter(path -> !declared.contains(path)).forEach(path ->
                    found.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 1, 1, "missing field '" + path
                            + "': every field of a fact file is declared once here (type, means, gates, kind)")));
            if (!declared.contains(FieldSpec.COST_INPUTS)) {
                found.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 1, 1,
                        "missing entry '" + FieldSpec.COST_INPUTS + "': the cost inputs of assumptions.yaml are declared by it"));
            }
        }
        if (target == null && found.isEmpty()) {
            found.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 1, 1, "missing 'allGatesPass:', the verdict every gate"
                    + " passing gives (what the search aims at when no code is named, and the verdict the saving counts)"));
        }
        Map<String, List<String>> alternatives = checkAlternatives(groups, declared, specs, displayPath, found);
        problems.addAll(found);
        return found.isEmpty() ? new FieldCatalogue(specs, alternatives, target.value(), Math.max(target.at().getLineNr(), 0)) : null;
    }

    /** A value with the place it was written. */
    private record Located(String value, JsonLocation at) {
    }

    /** One group of {@code alternatives:}, each path with its place. */
    private record Group(List<Located> paths, JsonLocation at) {
    }

    private static void readAlternatives(JsonParser p, String shown, List<Group> groups, List<RuleProblem> found) throws IOException {
        for (JsonToken g = p.nextToken(); g != JsonToken.END_ARRAY; g = p.nextToken()) {
            JsonLocation at = p.currentTokenLocation();
            if (g != JsonToken.START_ARRAY) {
                found.add(error(shown, at, "alternatives: each group is a list of two or more field paths, e.g. [volume.callsPerDay, volume.callsPerMonth]"));
                p.skipChildren();
                continue;
            }
            List<Located> paths = new ArrayList<>();
            for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                paths.add(new Located(i == JsonToken.VALUE_STRING ? p.getText() : null, p.currentTokenLocation()));
                p.skipChildren();
            }
            groups.add(new Group(paths, at));
        }
    }

    /**
     * Each group holds two or more declared fields of one type, and a field is in one group at most; the
     * result gives each field of a group the others, in the group's order.
     */
    private static Map<String, List<String>> checkAlternatives(List<Group> groups, Set<String> declared, List<FieldSpec> specs,
                                                               String shown, List<RuleProblem> found) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Set<String> grouped = new HashSet<>();
        for (Group g : groups) {
            int before = found.size();
            if (g.paths().size() < 2) {
                found.add(error(shown, g.at(), "alternatives: a group names two or more fields a fact file gives one of"));
            }
            Set<FieldType> types = new HashSet<>();
            for (Located path : g.paths()) {
                if (path.value() == null || !declared.contains(path.value()) || path.value().equals(FieldSpec.COST_INPUTS)) {
                    found.add(error(shown, path.at(), "alternatives: '" + path.value() + "' is not a field declared under 'fields:'"));
                } else if (!grouped.add(path.value())) {
                    found.add(error(shown, path.at(), "alternatives: '" + path.value() + "' is already in a group; a field is in one at most"));
                } else {
                    specs.stream().filter(s -> s.path().equals(path.value())).forEach(s -> types.add(s.type()));
                }
            }
            if (types.size() > 1) {
                found.add(error(shown, g.at(), "alternatives: the fields of a group are one quantity given two ways, so of one type; found "
                        + types.stream().map(FieldType::label).sorted().collect(Collectors.joining(", "))));
            }
            if (found.size() == before) {
                List<String> all = g.paths().stream().map(Located::value).toList();
                all.forEach(path -> out.put(path, all.stream().filter(o -> !o.equals(path)).toList()));
            }
        }
        return out;
    }

    private static Located readVerdict(JsonParser p, JsonToken t, String shown, List<RuleProblem> found) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        if (t != JsonToken.VALUE_STRING || !CODE.matcher(p.getText()).matches()) {
            found.add(error(shown, at, "allGatesPass: expected a verdict code such as FINE_TUNE (capital letters, digits and _)"));
            p.skipChildren();
            return new Located(null, at);
        }
        return new Located(p.getText(), at);
    }

    /**
     * The verdict of {@code allGatesPass:} when the rules cannot reach it (no rule concludes that code as a
     * verdict: an advisory code is no verdict), one error on its line; empty when they can. {@code advisor
     * check} reports it.
     *
     * @param codes every verdict code the rules can conclude ({@link RuleIndex#verdictCodes()})
     */
    public static List<RuleProblem> unknownVerdict(FieldCatalogue catalogue, Collection<String> codes, String displayPath) {
        if (codes.contains(catalogue.allGatesPass())) {
            return List.of();
        }
        return List.of(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, catalogue.allGatesPassLine(), 1,
                "allGatesPass: no rule concludes the verdict '" + catalogue.allGatesPass() + "'; the rules' verdicts are "
                        + String.join(", ", new TreeSet<>(codes))));
    }

    /**
     * The gates the catalogue names that the rules do not declare, one error each on its field's line: the
     * fallback of the counterfactual search goes by these names. {@code advisor check} reports them.
     *
     * @param gateNames the gates the rules declare ({@link Evaluator#gateNames()})
     */
    public static List<RuleProblem> unknownGates(FieldCatalogue catalogue, List<String> gateNames, String displayPath) {
        List<RuleProblem> out = new ArrayList<>();
        for (FieldSpec f : catalogue.fields()) {
            for (String gate : f.gates()) {
                if (!gateNames.contains(gate)) {
                    out.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, f.line(), 1, f.path() + ": unknown gate '" + gate
                            + "'; the rules declare " + String.join(", ", gateNames)));
                }
            }
        }
        return out;
    }

    private static void readFields(JsonParser p, String shown, List<FieldSpec> specs, Set<String> declared,
                                   List<RuleProblem> found) throws IOException {
        Map<String, Class<?>> model = FactField.modelTypes();
        for (String path = p.nextFieldName(); path != null; path = p.nextFieldName()) {
            declared.add(path);
            JsonLocation at = p.currentTokenLocation();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                found.add(error(shown, at, path + ": expected a mapping with " + String.join(", ", KEYS)));
                p.skipChildren();
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            Map<String, JsonLocation> where = new LinkedHashMap<>();
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                where.put(key, p.currentTokenLocation());
                JsonToken v = p.nextToken();
                if (!KEYS.contains(key)) {
                    found.add(error(shown, where.get(key), path + ": unknown key '" + key + "'; allowed: " + String.join(", ", KEYS)));
                    p.skipChildren();
                } else if (v == JsonToken.START_ARRAY) {
                    List<Object> items = new ArrayList<>();
                    for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                        items.add(i.isNumeric() ? (Object) p.getDoubleValue() : p.getText());
                        p.skipChildren();
                    }
                    entry.put(key, items);
                } else if (v.isScalarValue()) {
                    entry.put(key, v.isNumeric() ? (Object) p.getDoubleValue() : p.getText());
                } else {
                    found.add(error(shown, where.get(key), path + "." + key + ": expected a value or a list"));
                    p.skipChildren();
                }
            }
            FieldSpec spec = check(shown, path, at, entry, where, model, found);
            if (spec != null) {
                specs.add(spec);
            }
        }
    }

    /** One entry checked against the fact model; null (with problems added) when it does not hold. */
    private static FieldSpec check(String shown, String path, JsonLocation at, Map<String, Object> entry, Map<String, JsonLocation> where,
                                   Map<String, Class<?>> model, List<RuleProblem> found) {
        int before = found.size();
        boolean costs = path.equals(FieldSpec.COST_INPUTS);
        Class<?> javaType = model.get(path);
        if (!costs && javaType == null) {
            found.add(error(shown, at, "'" + path + "' is not a field of a fact file; fields are "
                    + String.join(", ", model.keySet()) + ", and " + FieldSpec.COST_INPUTS));
            return null;
        }
        FieldType type = named(FieldType.class, entry.get("type"), shown, path, "type", at, where, found);
        FieldKind kind = named(FieldKind.class, entry.get("kind"), shown, path, "kind", at, where, found);
        if (!(entry.get("means") instanceof String means) || means.isBlank()) {
            found.add(error(shown, where.getOrDefault("means", at), path + ": 'means:' (one sentence: what the field means) is required"));
        }
        boolean fitting = type != null && fits(type, javaType, costs);
        if (type != null && !fitting) {
            found.add(error(shown, where.get("type"), path + ": type " + type.label() + " does not fit the fact model's "
                    + (costs ? "cost inputs (a number)" : javaType.getSimpleName()) + "; allowed: " + allowedTypes(javaType, costs)));
        }
        List<String> values = strings(entry.get("values"));
        if (type == FieldType.CHOICE && javaType != null && javaType.isEnum()) {
            List<String> accepted = enumNames(javaType);
            if (!accepted.equals(values)) {
                found.add(error(shown, where.getOrDefault("values", at), path + ": 'values:' must list what fact files accept, in order: "
                        + accepted));
            }
        } else if (entry.containsKey("values")) {
            found.add(error(shown, where.get("values"), path + ": 'values:' is for choices only"));
        }
        Double min = null;
        Double max = null;
        if (fitting && type.isNumber()) {
            List<Object> range = entry.get("range") instanceof List<?> l ? new ArrayList<>(l) : null;
            if (range == null || range.size() != 2 || !(range.get(0) instanceof Double) || !(range.get(1) instanceof Double)
                    || (Double) range.get(0) < 0 || (Double) range.get(0) > (Double) range.get(1)) {
                found.add(error(shown, where.getOrDefault("range", at), path + ": 'range:' must be [min, max], two numbers with 0 <= min <= max"));
            } else {
                min = (Double) range.get(0);
                max = (Double) range.get(1);
                double bound = FactField.modelMax(path, type, javaType);
                if (max > bound) {
                    found.add(error(shown, where.get("range"), path + ": the range goes beyond what the fact model accepts (at most "
                            + Fmt.value(bound) + ")"));
                }
            }
        } else if (fitting && entry.containsKey("range")) {
            found.add(error(shown, where.get("range"), path + ": 'range:' is for numbers only"));
        }
        if (entry.containsKey("gates") && !(entry.get("gates") instanceof List)) {
            found.add(error(shown, where.get("gates"), path + ": 'gates:' must be a list of gate names ([] when no gate reads it)"));
        }
        if (found.size() > before) {
            return null;
        }
        return new FieldSpec(path, type, (String) entry.get("unit"), min, max, values, (String) entry.get("means"),
                strings(entry.get("gates")), kind, Math.max(at.getLineNr(), 0));
    }

    private static <E extends Enum<E>> E named(Class<E> type, Object value, String shown, String path, String key, JsonLocation at,
                                               Map<String, JsonLocation> where, List<RuleProblem> found) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        if (!(value instanceof String s)) {
            found.add(error(shown, where.getOrDefault(key, at), path + ": '" + key + ":' is required; allowed: " + allowed));
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        found.add(error(shown, where.get(key), path + ": unknown " + key + " '" + s + "'; allowed: " + allowed));
        return null;
    }

    private static boolean fits(FieldType type, Class<?> javaType, boolean costs) {
        if (costs) {
            return type == FieldType.MONEY || type == FieldType.NUMBER;
        }
        return switch (type) {
            case COUNT, MILLISECONDS -> javaType == Integer.class;
            case VOLUME -> javaType == Long.class;
            case SHARE -> javaType == Double.class;
            case FLAG -> javaType == Boolean.class;
            case CHOICE -> javaType.isEnum();
            case TEXT -> javaType == String.class;
            case MONEY, NUMBER -> false;
        };
    }

    private static String allowedTypes(Class<?> javaType, boolean costs) {
        return Arrays.stream(FieldType.values()).filter(t -> fits(t, javaType, costs)).map(FieldType::label)
                .collect(Collectors.joining(", "));
    }

    /** The names fact files use for an enum's values ({@code @JsonProperty}), in declared order. */
    private static List<String> enumNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object c : type.getEnumConstants()) {
            String name = ((Enum<?>) c).name();
            try {
                Field f = type.getField(name);
                JsonProperty json = f.getAnnotation(JsonProperty.class);
                names.add(json != null ? json.value() : name);
            } catch (NoSuchFieldException e) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static RuleProblem error(String shown, JsonLocation at, String message) {
        return RulesYaml.error(shown, at, message);
    }
}
