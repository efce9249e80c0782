package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finetuneadvisor.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/json-output.md names every field the JSON report writes: a field added to the output without a word on
 * the page fails here.
 */
class JsonOutputPageTest {
    private static final Path PAGE = Path.of("docs/json-output.md");

    @Test
    void every_field_of_the_json_report_is_documented(@TempDir Path tmp) throws Exception {
        // Given the results of every scenario as the golden snapshots hold them (costs, ranges, counterfactuals
        // with break-evens and blocked gates; everything but the file) and a JSON report of a JSON Lines file
        // with a duplicate id and a bad line, so it holds a result's file and errors with every field
        Set<String> fields = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(Path.of("tests"))) {
            for (Path snapshot : walk.filter(p -> p.toString().endsWith(".snapshot.json")).sorted().toList()) {
                collect(Json.mapper().readTree(snapshot.toFile()), fields);
            }
        }
        Path bad = tmp.resolve("cases.jsonl");
        Files.writeString(bad, """
                {"id":"kb-bot","task":{"need":"knowledge"}}
                {"id":"kb-bot","task":{"need":"knowledge"}}
                {"id":"noisy","data":{"noiseRate":2}}
                """);
        AdviseCommandTest.Run r = AdviseCommandTest.run("advise", "--format", "json", "--no-counterfactuals", "--no-ranges", bad.toString());
        assertEquals(ExitCodes.INPUT_REJECTED, r.code(), r.err());
        collect(Json.mapper().readTree(r.out()), fields);
        // and a result with an organisation's own cost input
        Path org = tmp.resolve("org.yaml");
        Files.writeString(org, "costs:\n  engineerUsdPerWeek: {value: 5200, set: 2026-01-01, note: finance}\n");
        AdviseCommandTest.Run own = AdviseCommandTest.run("advise", "--format", "json", "--no-counterfactuals", "--no-ranges",
                "--assumptions", org.toString(), "facts/content-moderation-500k.yaml");
        assertEquals(ExitCodes.OK, own.code(), own.err());
        collect(Json.mapper().readTree(own.out()), fields);
        assertTrue(fields.containsAll(Set.of("file", "unusedOverrides", "breakEven", "blockedAt", "taskFacts", "verdictAllCostliest",
                "column", "message", "organisationInputs", "set", "note")), "the output above no longer fills every part of a result: " + fields);
        // When the page is read
        String page = Files.readString(PAGE);
        // Then it names each of them in code
        List<String> missing = fields.stream().filter(f -> !page.contains("`" + f + "`") && !page.contains("." + f + "`")).toList();
        assertTrue(missing.isEmpty(), "docs/json-output.md does not name " + missing);
    }

    private static void collect(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                into.add(e.getKey());
                collect(e.getValue(), into);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        }
    }
}
