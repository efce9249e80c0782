package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.RuleIndex;
import dev.finetuneadvisor.io.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code advisor check --format sarif} on a copy of rules/ with an error in a {@code then} block, one in a condition
 * and a lint warning: a SARIF 2.1.0 log that the schema accepts and that points a code-scanning service at the lines
 * to fix. The copy lies under the working directory, as rules/ does in a CI job, so its files are named relative to it.
 */
class CheckSarifTest {
    private static final String DRL = "gates/prompt-first.drl";
    private static Path copy;
    private static String relative;
    private static AdviseCommandTest.Run check;
    private static JsonNode log;

    @BeforeAll
    static void checkABrokenCopyAsSarif() throws Exception {
        // Given a copy of the rules under the working directory, with a misspelt method in a then block, a misspelt
        // property in a condition and a review date more than a year old
        Files.createDirectories(Path.of("target"));
        copy = Files.createTempDirectory(Path.of("target"), "sarif-check-");
        RuleIndex.copy(TestRules.RULES, copy);
        replace("insertLogical(Check.fail(drools, \"prompt-first\", \"prompt.engineered\"",
                "insertLogical(Check.fial(drools, \"prompt-first\", \"prompt.engineered\"");
        replace("Prompt( fewShot == false )", "Prompt( fewShotz == false )");
        replace("@id(\"gate2-prompt-passes\")", "@id(\"gate2-prompt-passes\")\n    @reviewed(\"2020-01-01\")");
        relative = copy.resolve(DRL).toString().replace('\\', '/');
        // When the rules are checked with SARIF output
        check = AdviseCommandTest.run("check", "--rules", copy.toString(), "--today", "2026-11-28", "--format", "sarif");
        log = Json.mapper().readTree(check.out());
    }

    private static void replace(String from, String to) throws Exception {
        Path path = copy.resolve(DRL);
        String text = Files.readString(path);
        int at = text.indexOf(from);
        assertTrue(at >= 0, from + " is not in " + DRL);
        Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()));
    }

    @AfterAll
    static void removeTheCopy() {
        GitRules.delete(copy);
    }

    /** The 1-based line and column of the first {@code text} in the broken file. */
    private static int[] position(String text) throws Exception {
        List<String> lines = Files.readAllLines(copy.resolve(DRL));
        for (int i = 0; i < lines.size(); i++) {
            int at = lines.get(i).indexOf(text);
            if (at >= 0) {
                return new int[] {i + 1, at + 1};
            }
        }
        throw new AssertionError(text + " is not in " + DRL);
    }

    @Test
    void the_exit_code_is_checks_and_stdout_holds_only_the_log() {
        // Then the rules are invalid, as with text output, and the counts go to stderr
        assertEquals(ExitCodes.RULES_INVALID, check.code(), check.err());
        assertTrue(check.out().startsWith("{"), check.out());
        assertTrue(check.err().contains("2 errors, 1 warning"), check.err());
    }

    @Test
    void the_log_is_valid_sarif_2_1_0() throws Exception {
        // Given the OASIS SARIF 2.1.0 schema kept in the repository
        JsonNode schemaNode;
        try (InputStream in = CheckSarifTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schemaNode = Json.mapper().readTree(in);
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schemaNode)).getSchema(schemaNode);
        // When the log is validated against it
        Set<ValidationMessage> problems = schema.validate(log);
        // Then it follows the schema
        assertEquals(Set.of(), problems);
        assertEquals("2.1.0", log.path("version").asText());
    }

    @Test
    void a_log_that_breaks_the_schema_is_caught_by_the_validation() throws Exception {
        // Given the schema, and the log with a level SARIF does not have
        JsonNode schemaNode;
        try (InputStream in = CheckSarifTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schemaNode = Json.mapper().readTree(in);
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schemaNode)).getSchema(schemaNode);
        JsonNode wrong = log.deepCopy();
        ((ObjectNode) wrong.path("runs").get(0).path("results").get(0)).put("level", "fatal");
        // When it is validated, Then the validator rejects it (the test above cannot pass vacuously)
        assertFalse(schema.validate(wrong).isEmpty());
    }

    @Test
    void each_finding_is_a_result_at_its_line_and_column_in_the_drl() throws Exception {
        // Then the then-block error, the condition error and the warning are results at their own lines
        int[] then = position("Check.fial(");
        int[] when = position("fewShotz");
        int[] reviewed = position("@reviewed(\"2020-01-01\")");
        List<String> found = new ArrayList<>();
        for (JsonNode r : log.path("runs").get(0).path("results")) {
            JsonNode physical = r.path("locations").get(0).path("physicalLocation");
            JsonNode region = physical.path("region");
            found.add(r.path("ruleId").asText() + " " + r.path("level").asText() + " " + physical.path("artifactLocation").path("uri").asText()
                    + " " + physical.path("artifactLocation").path("uriBaseId").asText() + " " + region.path("startLine").asInt()
                    + ":" + region.path("startColumn").asInt());
        }
        assertEquals(List.of(
                "compile error " + relative + " %SRCROOT% " + then[0] + ":" + (then[1] + "Check.".length()),
                "compile error " + relative + " %SRCROOT% " + when[0] + ":" + when[1],
                "metadata warning " + relative + " %SRCROOT% " + reviewed[0] + ":" + reviewed[1]), found);
    }

    @Test
    void every_result_names_a_rule_of_the_driver() {
        // Then each result's ruleIndex points at the rule its ruleId names, and rule ids are unique
        JsonNode run = log.path("runs").get(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        Set<String> ids = new HashSet<>();
        rules.forEach(r -> assertTrue(ids.add(r.path("id").asText()), r.toString()));
        for (JsonNode r : run.path("results")) {
            assertEquals(r.path("ruleId").asText(), rules.get(r.path("ruleIndex").asInt()).path("id").asText());
        }
        assertEquals("finetune-advisor", run.path("tool").path("driver").path("name").asText());
        assertTrue(run.path("tool").path("driver").path("version").isTextual());
    }
}
