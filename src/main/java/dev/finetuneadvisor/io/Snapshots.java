package dev.finetuneadvisor.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.model.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Golden snapshots: the full JSON result of a scenario (verdict, gates, recommendations with their
 * explanations, costs, rules fired; everything but the file path, which depends on where the run starts, and
 * the revisions, which change with every edit of the rules),
 * kept beside the scenario as {@code <name>.snapshot.json}, and a readable diff between two of them.
 */
public final class Snapshots {
    /** The ending of snapshot files. */
    public static final String ENDING = ".snapshot.json";

    private Snapshots() {
    }

    /** The snapshot file beside a scenario file. */
    public static Path fileFor(Path scenario) {
        String name = scenario.getFileName().toString().replaceFirst("\\.yaml$", "");
        return scenario.resolveSibling(name + ENDING);
    }

    /** A result as its snapshot holds it. */
    public static JsonNode of(Result result) {
        ObjectNode node = Json.mapper().valueToTree(result);
        node.remove("file");
        // which advisor and rule revision gave it: every rule edit would rewrite every snapshot
        node.remove(List.of("advisorVersion", "rulesRevision", "assumptionsRevision"));
        try {
            // through text and back, so numbers have the node types a snapshot read from disk has
            return Json.mapper().readTree(Json.mapper().writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, Result result) {
        try {
            Files.writeString(file, Json.pretty().writeValueAsString(of(result)) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The snapshot in a file, or null when there is none. */
    public static JsonNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return Json.mapper().readTree(file.toFile());
    }

    /**
     * What changed from {@code before} to {@code after}, one line a change, by readable paths:
     * {@code verdict: FINE_TUNE -> GET_DATA_FIRST}, {@code gates[enough-good-data].status: PASS -> FAIL},
     * {@code recommendations: + LABELING_BUDGET}. Empty when they are the same.
     */
    public static List<String> diff(JsonNode before, JsonNode after) {
        List<String> out = new ArrayList<>();
        diff("", before, after, out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || a.isMissingNode()) {
            out.add(label(path) + ": + " + brief(b));
            return;
        }
        if (b == null || b.isMissingNode()) {
            out.add(label(path) + ": - " + brief(a));
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : order(a, b, names)) {
                diff(path.isEmpty() ? n : path + "." + n, a.get(n), b.get(n), out);
            }
            return;
        }
        if (a.isArray() && b.isArray()) {
            String key = a.size() > 0 && a.get(0).has("code") ? "code" : a.size() > 0 && a.get(0).has("name") ? "name" : null;
            if (key == null && b.size() > 0) {
                key = b.get(0).has("code") ? "code" : b.get(0).has("name") ? "name" : null;
            }
            if (key != null) {
                Map<String, JsonNode> left = keyed(a, key);
                Map<String, JsonNode> right = keyed(b, key);
                for (String k : left.keySet()) {
                    if (!right.containsKey(k)) {
                        out.add(label(path) + ": - " + k);
                    }
                }
                for (String k : right.keySet()) {
                    if (!left.containsKey(k)) {
                        out.add(label(path) + ": + " + k);
                    }
                }
                for (String k : left.keySet()) {
                    if (right.containsKey(k)) {
                        diff(path + "[" + k + "]", left.get(k), right.get(k), out);
                    }
                }
                return;
            }
            if (!a.equals(b)) {
                out.add(label(path) + ": " + listChange(a, b));
            }
            return;
        }
        if (!a.equals(b)) {
            out.add(label(path) + ": " + brief(a) + " -> " + brief(b));
        }
    }

    /** Fields in the order the first document has them, then any new ones. */
    private static List<String> order(JsonNode a, JsonNode b, TreeSet<String> names) {
        List<String> ordered = new ArrayList<>();
        a.fieldNames().forEachRemaining(ordered::add);
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (!ordered.contains(n)) {
                ordered.add(n);
            }
        }
        return ordered;
    }

    private static Map<String, JsonNode> keyed(JsonNode array, String key) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (JsonNode item : array) {
            String k = item.path(key).asText();
            String unique = k;
            for (int i = 2; map.containsKey(unique); i++) {
                unique = k + "#" + i;
            }
            map.put(unique, item);
        }
        return map;
    }

    /** A list of plain values as what was added and removed: {@code + a, - b}; the whole lists when only the order moved. */
    private static String listChange(JsonNode a, JsonNode b) {
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        a.forEach(n -> left.add(n.asText()));
        b.forEach(n -> right.add(n.asText()));
        List<String> parts = new ArrayList<>();
        right.stream().filter(x -> !left.contains(x)).forEach(x -> parts.add("+ " + x));
        left.stream().filter(x -> !right.contains(x)).forEach(x -> parts.add("- " + x));
        return parts.isEmpty() ? brief(a) + " -> " + brief(b) : String.join(", ", parts);
    }

    private static String label(String path) {
        return path.isEmpty() ? "(result)" : path;
    }

    private static String brief(JsonNode n) {
        String s = n.isTextual() ? "\"" + n.asText() + "\"" : n.toString();
        return s.length() > 300 ? s.substring(0, 297) + "..." : s;
    }
}
