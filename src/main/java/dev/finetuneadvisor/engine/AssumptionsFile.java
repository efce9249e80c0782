package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code assumptions.yaml}: two mappings, {@code thresholds:} and {@code costs:}, of names to entries
 * that give a number and where it comes from (and, optionally, {@code organisation:}, numbers about an
 * organisation's own assumptions file, see {@link OrganisationFile}):
 * <pre>
 *   engineeringWeeksPerCycle:
 *     value: 6
 *     source: range              # article | range | assumption
 *     range: [4, 8]              # range only: the article's ends, which must contain the value
 *     quote: "typically 4-8 weeks of senior engineer time per cycle"   # article and range; optional for assumption
 *     reason: "..."              # assumption only: why this number
 *     label: engineer-weeks a cycle   # what the number is, after its value (required for cost inputs)
 *     unit: number               # usd | number (default)
 *     note: the middle of the range   # optional
 *     givenAs: volume.tokensPerCall   # cost inputs only, optional: the fact-file field a use case gives it as
 * </pre>
 * A cost input with {@code givenAs:} is one a use case describes in its own fact file rather than overrides
 * under {@code costs:}: tokens per call are part of the traffic ({@code volume.tokensPerCall}), so a fact file
 * gives them there, once, and {@code costs.tokensPerCall} in a use case is an error that says where to write
 * it ({@link Assumptions#costKeys()}).
 * Anything else (another section or field, a number below zero, an unknown source, a range that does not
 * contain its value, a missing quote or reason, a name given twice) is a problem reported with its line:
 * these numbers decide the advice, and the reports say which of them are not the article's.
 */
public final class AssumptionsFile {
    /** The file's name inside a rules directory. */
    public static final String NAME = "assumptions.yaml";
    private static final List<String> SECTIONS = List.of("thresholds", "costs", "organisation");
    /** The sections every rules directory has; {@code organisation:} may be absent (rules from before it, say). */
    private static final List<String> REQUIRED = List.of("thresholds", "costs");
    /** The names {@code organisation:} may hold: numbers the advisor reads about an organisation's own assumptions file. */
    private static final List<String> ORGANISATION = List.of(OrganisationFile.MAX_AGE_DAYS);
    private static final List<String> FIELDS = List.of("value", "source", "range", "quote", "reason", "label", "unit", "note", "givenAs");

    private AssumptionsFile() {
    }

    /**
     * Reads the assumptions, adding any problem to {@code problems}.
     *
     * @param displayPath how the file is named in problems
     * @return the assumptions, or null when the file is unusable
     */
    public static Assumptions read(Path file, String displayPath, List<RuleProblem> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 0, 0,
                    "missing: the rules directory needs " + NAME + " with 'thresholds:' and 'costs:' mappings"));
            return null;
        }
        RuleProblem syntax = RulesYaml.syntaxProblem(file, displayPath);
        if (syntax != null) {
            problems.add(syntax);
            return null;
        }
        List<RuleProblem> found = new ArrayList<>();
        Map<String, Map<String, Double>> sections = new TreeMap<>();
        Map<String, Provenance> provenance = new TreeMap<>();
        Map<String, String> givenAs = new TreeMap<>();
        try (JsonParser p = RulesYaml.open(file)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                found.add(error(displayPath, p.currentTokenLocation(), "expected a mapping with 'thresholds:' and 'costs:'"));
            } else {
                readSections(p, displayPath, sections, provenance, givenAs, found);
            }
        } catch (IOException e) {
            JsonLocation at = e instanceof JacksonException je ? je.getLocation() : null;
            String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            found.add(error(displayPath, at, message));
        }
        for (String section : REQUIRED) {
            if (!sections.containsKey(section) && found.isEmpty()) {
                found.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 1, 1, "missing section '" + section + ":'"));
            }
        }
        problems.addAll(found);
        return found.isEmpty() ? new Assumptions(sections.get("thresholds"), sections.get("costs"),
                sections.getOrDefault("organisation", Map.of()), provenance, givenAs) : null;
    }

    /**
     * The line of each entry (a threshold's, a cost input's, an organisation number's name), so a finding about one
     * points at it; empty when the file cannot be read.
     */
    public static Map<String, Integer> entryLines(Path file) {
        Map<String, Integer> lines = new TreeMap<>();
        try (JsonParser p = RulesYaml.open(file)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return lines;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(p.currentName(), p.currentTokenLocation().getLineNr());
                    p.nextToken();
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // the reader reports what is wrong with the file; a finding without its line is still a finding
        }
        return lines;
    }

    private static void readSections(JsonParser p, String shown, Map<String, Map<String, Double>> sections,
                                     Map<String, Provenance> provenance, Map<String, String> givenAs, List<RuleProblem> found)
            throws IOException {
        Map<String, String> seenIn = new TreeMap<>();
        for (String section = p.nextFieldName(); section != null; section = p.nextFieldName()) {
            JsonLocation sectionAt = p.currentTokenLocation();
            JsonToken t = p.nextToken();
            if (!SECTIONS.contains(section)) {
                found.add(error(shown, sectionAt, "unknown section '" + section + "'; allowed: " + String.join(", ", SECTIONS)));
                p.skipChildren();
                continue;
            }
            if (t != JsonToken.START_OBJECT) {
                found.add(error(shown, sectionAt, "'" + section + ":' must be a mapping of names to entries (value:, source:, ...)"));
                p.skipChildren();
                continue;
            }
            Map<String, Double> values = sections.computeIfAbsent(section, s -> new TreeMap<>());
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonLocation at = p.currentTokenLocation();
                Entry entry = readEntry(p, shown, section + "." + name, at, section.equals("costs"), found);
                if (entry == null || !knownHere(section, name, shown, at, found)) {
                    continue;
                }
                String other = seenIn.putIfAbsent(name, section);
                if (other != null && !other.equals(section)) {
                    found.add(error(shown, at, "'" + name + "' is both a threshold and a cost input; give it once"));
                    continue;
                }
                values.put(name, entry.value());
                provenance.put(name, entry.provenance());
                if (entry.givenAs() != null) {
                    givenAs.put(name, entry.givenAs());
                }
            }
        }
    }

    /**
     * False, with a problem added, for a name the {@code organisation:} section does not hold: no rule reads that
     * section, so a name the advisor does not read would silently do nothing.
     */
    private static boolean knownHere(String section, String name, String shown, JsonLocation at, List<RuleProblem> found) {
        if (!section.equals("organisation") || ORGANISATION.contains(name)) {
            return true;
        }
        found.add(error(shown, at, "organisation." + name + ": unknown; allowed: " + String.join(", ", ORGANISATION)));
        return false;
    }

    /** One checked entry. */
    private record Entry(double value, Provenance provenance, String givenAs) {
    }

    /** Reads one entry (the parser on its first token); null, with its problems added, when it is not usable. */
    private static Entry readEntry(JsonParser p, String shown, String path, JsonLocation at, boolean costInput, List<RuleProblem> found)
            throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            found.add(error(shown, at, path + ": expected a mapping with value: and source: (article, range or assumption), got '"
                    + p.getText() + "'"));
            p.skipChildren();
            return null;
        }
        int before = found.size();
        Double value = null;
        Provenance.Kind kind = null;
        Provenance.Unit unit = null;
        double[] range = null;
        JsonLocation rangeAt = null;
        Map<String, String> texts = new TreeMap<>();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonLocation fieldAt = p.currentTokenLocation();
            JsonToken v = p.nextToken();
            switch (field) {
                case "value" -> value = number(p, v, shown, path + ".value", fieldAt, found);
                case "range" -> {
                    rangeAt = fieldAt;
                    range = range(p, v, shown, path, fieldAt, found);
                }
                case "source" -> {
                    String text = text(p, v, shown, path + ".source", fieldAt, found);
                    kind = text == null ? null : choice(Provenance.Kind.values(), text, shown, path + ".source", fieldAt, found);
                }
                case "unit" -> {
                    String text = text(p, v, shown, path + ".unit", fieldAt, found);
                    unit = text == null ? null : choice(Provenance.Unit.values(), text, shown, path + ".unit", fieldAt, found);
                }
                case "givenAs" -> {
                    String text = text(p, v, shown, path + ".givenAs", fieldAt, found);
                    if (text != null && !costInput) {
                        found.add(error(shown, fieldAt, path + ": givenAs: goes with a cost input; a threshold is never in a fact file"));
                    } else if (text != null && !FactField.modelPaths().contains(text)) {
                        found.add(error(shown, fieldAt, path + ".givenAs: '" + text + "' is not a field of a fact file (such as "
                                + "volume.tokensPerCall)"));
                    } else if (text != null) {
                        texts.put(field, text);
                    }
                }
                case "quote", "reason", "label", "note" -> {
                    String text = text(p, v, shown, path + "." + field, fieldAt, found);
                    if (text != null) {
                        texts.put(field, text);
                    }
                }
                default -> {
                    found.add(error(shown, fieldAt, path + ": unknown field '" + field + "'; allowed: " + String.join(", ", FIELDS)));
                    p.skipChildren();
                }
            }
        }
        if (found.size() > before) {
            return null;
        }
        if (value == null) {
            found.add(error(shown, at, path + ": missing value: (a number >= 0)"));
        }
        if (kind == null) {
            found.add(error(shown, at, path + ": missing source: (article, range or assumption)"));
        }
        if (found.size() > before) {
            return null;
        }
        switch (kind) {
            case ARTICLE -> {
                require(texts, "quote", "the article's sentence the number is in", shown, path, at, found);
                refuse(texts, range != null, "range", "range: goes with source: range", shown, path, at, found);
                refuse(texts, false, "reason", "reason: goes with source: assumption; the article's number needs only its quote:", shown, path, at, found);
            }
            case RANGE -> {
                require(texts, "quote", "the article's sentence that gives the range", shown, path, at, found);
                refuse(texts, false, "reason", "reason: goes with source: assumption; say why this end or the middle with note:", shown, path, at, found);
                if (range == null) {
                    found.add(error(shown, at, path + ": source: range needs range: [low, high], the article's ends"));
                } else if (value < range[0] || value > range[1]) {
                    found.add(error(shown, rangeAt, path + ": value " + plain(value) + " is outside its range ["
                            + plain(range[0]) + ", " + plain(range[1]) + "]"));
                }
            }
            case ASSUMPTION -> {
                require(texts, "reason", "why this number, since the article does not give it", shown, path, at, found);
                refuse(texts, range != null, "range", "range: goes with source: range", shown, path, at, found);
            }
            default -> throw new IllegalStateException(kind.name());
        }
        if (costInput && !texts.containsKey("label")) {
            found.add(error(shown, at, path + ": missing label: what the number is, after its value, as reports show it"
                    + " (e.g. 'per engineer-week')"));
        }
        if (found.size() > before) {
            return null;
        }
        Double low = kind == Provenance.Kind.RANGE ? range[0] : null;
        Double high = kind == Provenance.Kind.RANGE ? range[1] : null;
        return new Entry(value, new Provenance(kind, texts.get("quote"), texts.get("reason"), low, high, texts.get("label"), unit,
                texts.get("note")), texts.get("givenAs"));
    }

    private static void require(Map<String, String> texts, String field, String what, String shown, String path, JsonLocation at,
                                List<RuleProblem> found) {
        if (!texts.containsKey(field)) {
            found.add(error(shown, at, path + ": missing " + field + ": " + what));
        }
    }

    private static void refuse(Map<String, String> texts, boolean present, String field, String why, String shown, String path,
                               JsonLocation at, List<RuleProblem> found) {
        if (present || texts.containsKey(field)) {
            found.add(error(shown, at, path + ": " + why));
        }
    }

    private static Double number(JsonParser p, JsonToken v, String shown, String path, JsonLocation at, List<RuleProblem> found)
            throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            found.add(error(shown, at, path + ": expected a number >= 0, got '" + p.getText() + "'"));
            p.skipChildren();
            return null;
        }
        double value = p.getDoubleValue();
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            found.add(error(shown, at, path + ": " + p.getText() + " is out of range; allowed: a number >= 0"));
            return null;
        }
        return value;
    }

    private static double[] range(JsonParser p, JsonToken v, String shown, String path, JsonLocation at, List<RuleProblem> found)
            throws IOException {
        List<Double> ends = new ArrayList<>();
        boolean ok = v == JsonToken.START_ARRAY;
        if (ok) {
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                Double end = number(p, e, shown, path + ".range", at, found);
                ok &= end != null;
                ends.add(end);
            }
        } else {
            p.skipChildren();
        }
        if (!ok || ends.size() != 2 || ends.get(0) > ends.get(1)) {
            found.add(error(shown, at, path + ".range: expected [low, high], two numbers >= 0 with low <= high, got '"
                    + (v == JsonToken.START_ARRAY ? ends.toString() : p.getText()) + "'"));
            return null;
        }
        return new double[] {ends.get(0), ends.get(1)};
    }

    private static String text(JsonParser p, JsonToken v, String shown, String path, JsonLocation at, List<RuleProblem> found)
            throws IOException {
        if (v != JsonToken.VALUE_STRING || p.getText().isBlank()) {
            found.add(error(shown, at, path + ": expected text, got '" + p.getText() + "'"));
            p.skipChildren();
            return null;
        }
        return p.getText().strip();
    }

    private static <E extends Enum<E>> E choice(E[] values, String text, String shown, String path, JsonLocation at,
                                                List<RuleProblem> found) {
        for (E e : values) {
            if (e.name().toLowerCase(Locale.ROOT).equals(text)) {
                return e;
            }
        }
        found.add(error(shown, at, path + ": unknown '" + text + "'; allowed: "
                + String.join(", ", Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).toList())));
        return null;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static RuleProblem error(String shown, JsonLocation at, String message) {
        return RulesYaml.error(shown, at, message);
    }
}
