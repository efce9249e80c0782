package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.finetuneadvisor.model.Assumptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code assumptions.yaml}: two mappings, {@code thresholds:} and {@code costs:}, of names to numbers.
 * Anything else in the file is a problem reported with its line.
 */
public final class AssumptionsFile {
    /** The file's name inside a rules directory. */
    public static final String NAME = "assumptions.yaml";

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
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            String message = e instanceof com.fasterxml.jackson.core.JacksonException je ? je.getOriginalMessage() : e.getMessage();
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, lineOf(e), 0, message));
            return null;
        } 
        if (root == null || !root.isObject()) {
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 1, 1,
                    "expected a mapping with 'thresholds:' and 'costs:'"));
            return null;
        }
        List<RuleProblem> found = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("thresholds") && !key.equals("costs")) {
                found.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 0, 0,
                        "unknown section '" + key + "'; allowed: thresholds, costs"));
            }
        }
        Map<String, Double> thresholds = numbers(root.get("thresholds"), "thresholds", displayPath, found);
        Map<String, Double> costs = numbers(root.get("costs"), "costs", displayPath, found);
        for (String name : thresholds.keySet()) {
            if (costs.containsKey(name)) {
                found.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 0, 0,
                        "'" + name + "' is both a threshold and a cost input; give it once"));
            }
        }
        problems.addAll(found);
        return found.isEmpty() ? new Assumptions(thresholds, costs) : null;
    }

    private static Map<String, Double> numbers(JsonNode node, String section, String displayPath, List<RuleProblem> found) {
        Map<String, Double> values = new TreeMap<>();
        if (node == null || !node.isObject()) {
            found.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 0, 0,
                    "'" + section + ":' must be a mapping of names to numbers"));
            return values;
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                found.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 0, 0,
                        section + "." + e.getKey() + ": expected a number, got '" + e.getValue().asText() + "'"));
            } else {
                values.put(e.getKey(), e.getValue().doubleValue());
            }
        });
        return values;
    }

    private static int lineOf(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JacksonException je && je.getLocation() != null) {
            return je.getLocation().getLineNr();
        }
        return 0;
    }
}
