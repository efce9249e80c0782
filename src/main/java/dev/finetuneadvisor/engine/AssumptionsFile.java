package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.finetuneadvisor.model.Assumptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads {@code assumptions.yaml}: two mappings, {@code thresholds:} and {@code costs:}, of names to
 * numbers of at least zero. Anything else (another section, a value that is not a number, a negative
 * one, a name given twice) is a problem reported with its line: these numbers decide the advice.
 */
public final class AssumptionsFile {
    /** The file's name inside a rules directory. */
    public static final String NAME = "assumptions.yaml";
    private static final List<String> SECTIONS = List.of("thresholds", "costs");

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
        List<RuleProblem> found = new ArrayList<>();
        Map<String, Map<String, Double>> sections = new TreeMap<>();
        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(loader).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        try (JsonParser p = factory.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                found.add(error(displayPath, p.currentTokenLocation(), "expected a mapping with 'thresholds:' and 'costs:'"));
            } else {
                readSections(p, displayPath, sections, found);
            }
        } catch (IOException e) {
            JsonLocation at = e instanceof JacksonException je ? je.getLocation() : null;
            String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            found.add(error(displayPath, at, message));
        }
        for (String section : SECTIONS) {
            if (!sections.containsKey(section) && found.isEmpty()) {
                found.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 1, 1, "missing section '" + section + ":'"));
            }
        }
        problems.addAll(found);
        return found.isEmpty() ? new Assumptions(sections.get("thresholds"), sections.get("costs")) : null;
    }

    private static void readSections(JsonParser p, String shown, Map<String, Map<String, Double>> sections, List<RuleProblem> found)
            throws IOException {
        Map<String, String> seenIn = new TreeMap<>();
        for (String section = p.nextFieldName(); section != null; section = p.nextFieldName()) {
            JsonLocation sectionAt = p.currentTokenLocation();
            JsonToken t = p.nextToken();
            if (!SECTIONS.contains(section)) {
                found.add(error(shown, sectionAt, "unknown section '" + section + "'; allowed: thresholds, costs"));
                p.skipChildren();
                continue;
            }
            if (t != JsonToken.START_OBJECT) {
                found.add(error(shown, sectionAt, "'" + section + ":' must be a mapping of names to numbers"));
                p.skipChildren();
                continue;
            }
            Map<String, Double> values = sections.computeIfAbsent(section, s -> new TreeMap<>());
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonLocation at = p.currentTokenLocation();
                JsonToken v = p.nextToken();
                if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
                    found.add(error(shown, at, section + "." + name + ": expected a number >= 0, got '" + p.getText() + "'"));
                    p.skipChildren();
                    continue;
                }
                double value = p.getDoubleValue();
                if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                    found.add(error(shown, at, section + "." + name + ": " + p.getText() + " is out of range; allowed: a number >= 0"));
                    continue;
                }
                String other = seenIn.putIfAbsent(name, section);
                if (other != null && !other.equals(section)) {
                    found.add(error(shown, at, "'" + name + "' is both a threshold and a cost input; give it once"));
                    continue;
                }
                values.put(name, value);
            }
        }
    }

    private static RuleProblem error(String shown, JsonLocation at, String message) {
        int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
        int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
        return new RuleProblem(RuleProblem.Severity.ERROR, shown, line, column, message == null ? "unreadable" : message.strip());
    }
}
