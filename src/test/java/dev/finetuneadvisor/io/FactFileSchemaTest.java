package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.InputError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fact-file schema, validated with a JSON Schema validator of its own (networknt), says what the fact reader
 * says: every bundled fact file and scenario use case is valid, and on a corpus of good and bad fact files
 * ({@code src/test/resources/fact-files/}, each bad file named for its one mistake) the schema and
 * {@link FactReader} accept and reject the same files. The corpus holds only what a schema can express: duplicate
 * keys, anchors, nesting depth and file size are the reader's alone.
 */
class FactFileSchemaTest {
    private static final Path CORPUS = Path.of("src/test/resources/fact-files");
    private static final String HEADER = "# yaml-language-server: $schema=../docs/fact-file.schema.json";
    private static Advisor advisor;
    private static ObjectNode schemaNode;
    /** Compiled once for the class: the validator is what a test run would otherwise spend its time on. */
    private static JsonSchema schema;

    @BeforeAll
    static void compileTheSchemaOnce() {
        advisor = TestRules.advisor();
        schemaNode = FactFileSchema.of(advisor.rules().fields(), advisor.rules().assumptions(), advisor.costInputs());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    }

    /** The validator's complaints about a file, parsed as the reader parses it (YAML, or JSON for .json). */
    private static Set<ValidationMessage> validate(Path file) throws IOException {
        return schema.validate(tree(file));
    }

    private static JsonNode tree(Path file) throws IOException {
        return (file.toString().endsWith(".json") ? FactFormat.json() : FactFormat.yaml()).readTree(file.toFile());
    }

    private List<InputError> read(Path file) {
        List<InputError> errors = new ArrayList<>();
        new FactReader(advisor.rules().assumptions().costKeys()).readFile(file, loaded -> { }, errors::add);
        return errors;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".snapshot.json")).sorted().toList();
        }
    }

    @Test
    void every_bundled_fact_file_is_valid_and_names_the_schema_on_its_first_line() throws IOException {
        // Given the fact files shipped in facts/
        List<Path> facts = files(Path.of("facts"));
        assertFalse(facts.isEmpty());
        for (Path file : facts) {
            // When each is validated against the schema
            Set<ValidationMessage> problems = validate(file);
            // Then none has a problem, and an editor finds the schema from its header line
            assertTrue(problems.isEmpty(), file + ": " + problems);
            assertEquals(HEADER, Files.readAllLines(file).get(0), file.toString());
        }
    }

    @Test
    void the_use_case_of_every_scenario_is_valid() throws IOException {
        // Given every scenario of tests/ that writes its use case inline
        int checked = 0;
        for (Path file : files(Path.of("tests"))) {
            JsonNode useCase = FactFormat.yaml().readTree(file.toFile()).get("useCase");
            if (useCase == null) {
                continue;   // facts: a file of facts/, validated above
            }
            // When its use case is validated against the schema
            Set<ValidationMessage> problems = schema.validate(useCase);
            // Then it has no problem
            assertTrue(problems.isEmpty(), file + ": " + problems);
            checked++;
        }
        assertTrue(checked > 50, "only " + checked + " scenarios with a use case found");
    }

    @Test
    void schema_and_reader_accept_every_good_file() throws IOException {
        for (Path file : files(CORPUS.resolve("good"))) {
            // Given a fact file without a mistake
            // When the reader reads it and the validator checks it
            List<InputError> errors = read(file);
            Set<ValidationMessage> problems = validate(file);
            // Then both accept it
            assertEquals(List.of(), errors, file.toString());
            assertEquals(Set.of(), problems, file.toString());
        }
    }

    @Test
    void schema_and_reader_reject_every_bad_file() throws IOException {
        List<Path> bad = files(CORPUS.resolve("bad"));
        assertTrue(bad.size() >= 20, "the corpus of bad files is too small: " + bad.size());
        for (Path file : bad) {
            // Given a fact file with one mistake, named for it
            // When the reader reads it and the validator checks it
            List<InputError> errors = read(file);
            Set<ValidationMessage> problems = validate(file);
            // Then the reader finds that one mistake, and the schema rejects the file too
            assertEquals(1, errors.size(), file + ": " + errors);
            assertFalse(problems.isEmpty(), file + ": the schema accepts what the reader rejects: " + errors);
        }
    }

    @Test
    void the_costs_keys_are_the_cost_inputs_the_reader_accepts_with_their_defaults() {
        // Given the cost inputs the advisor's fact readers accept
        Set<String> accepted = advisor.costInputs();
        // When the schema lists the keys of costs:
        JsonNode costs = schemaNode.at("/$defs/" + FactFileSchema.USE_CASE + "/properties/costs");
        Set<String> keys = new TreeSet<>();
        costs.get("properties").fieldNames().forEachRemaining(keys::add);
        // Then they are that set, each with its default from assumptions.yaml, and no other key is allowed
        assertEquals(new TreeSet<>(accepted), keys);
        for (String key : keys) {
            assertEquals(advisor.rules().assumptions().costInputs().get(key), costs.at("/properties/" + key + "/default").asDouble(), key);
        }
        assertFalse(costs.get("additionalProperties").asBoolean());
    }

    @Test
    void a_cost_input_the_reader_is_not_given_is_not_in_the_schema() {
        // Given a reader told only some of the cost inputs
        Set<String> some = Set.of("engineerUsdPerWeek");
        // When the schema is generated for that set
        ObjectNode narrow = FactFileSchema.of(advisor.rules().fields(), advisor.rules().assumptions(), some);
        // Then costs: lists exactly those, and the validator rejects another one
        Iterator<String> keys = narrow.at("/$defs/" + FactFileSchema.USE_CASE + "/properties/costs/properties").fieldNames();
        assertEquals("engineerUsdPerWeek", keys.next());
        assertFalse(keys.hasNext());
        JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(narrow);
        ObjectNode useCase = FactFormat.json().createObjectNode();
        useCase.putObject("costs").put("hostingUsdPerMonth", 500);
        assertFalse(compiled.validate(useCase).isEmpty());
    }

    @Test
    void the_same_rules_give_the_same_bytes() {
        // Given the same catalogue and assumptions
        // When the schema is generated twice
        String first = FactFileSchema.text(advisor.rules().fields(), advisor.rules().assumptions(), advisor.costInputs());
        String second = FactFileSchema.text(advisor.rules().fields(), advisor.rules().assumptions(), Set.copyOf(advisor.costInputs()));
        // Then the texts are equal, whatever the order of the set given
        assertEquals(first, second);
        assertTrue(first.endsWith("}\n"));
    }

    /** Draft-07's keywords: what editors' YAML support validates with today. */
    private static final Set<String> DRAFT_07 = Set.of("$schema", "$id", "$ref", "$comment", "title", "description", "default",
            "examples", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
            "pattern", "items", "additionalItems", "maxItems", "minItems", "uniqueItems", "contains", "maxProperties",
            "minProperties", "required", "additionalProperties", "definitions", "properties", "patternProperties", "dependencies",
            "propertyNames", "const", "enum", "type", "format", "if", "then", "else", "allOf", "anyOf", "oneOf", "not");

    @Test
    void only_keywords_draft_07_also_has_are_used() {
        // Given the keywords the schema uses, wherever they are
        Set<String> used = new TreeSet<>();
        keywords(schemaNode, used);
        // Then an editor that knows draft-07 only reads all of them ($defs is only where the $ref pointers lead)
        used.remove("$defs");
        used.removeAll(DRAFT_07);
        assertEquals(Set.of(), used);
    }

    /** The keywords of a schema and of every schema inside it (property names are not keywords). */
    private static void keywords(JsonNode schema, Set<String> used) {
        schema.fieldNames().forEachRemaining(keyword -> {
            used.add(keyword);
            JsonNode value = schema.get(keyword);
            switch (keyword) {
                case "properties", "$defs" -> value.forEach(s -> keywords(s, used));
                case "allOf", "anyOf", "oneOf" -> value.forEach(s -> keywords(s, used));
                case "items", "not", "if", "then", "else", "additionalProperties" -> {
                    if (value.isObject()) {
                        keywords(value, used);
                    }
                }
                default -> { }
            }
        });
    }

    @Test
    void every_field_is_described_with_its_meaning_unit_range_and_gates() {
        // Given the schema's description of a counted field read by a gate
        JsonNode examples = schemaNode.at("/$defs/" + FactFileSchema.USE_CASE + "/properties/data/properties/labeledExamples");
        String description = examples.get("description").asText();
        // Then it says what the catalogue says of it, and its bounds are the catalogue's range
        String means = advisor.rules().fields().get("data.labeledExamples").means();
        assertTrue(description.startsWith(means), description);
        assertTrue(description.contains("Unit: examples.") && description.contains("enough-good-data") && description.contains("lever"),
                description);
        assertEquals(0, examples.get("minimum").asLong());
        assertEquals(Integer.MAX_VALUE, examples.get("maximum").asLong());
        for (String path : List.of("task.need", "volume.callsPerDay", "evals.baselineScore", "deployment.guardrails")) {
            String[] parts = path.split("\\.");
            JsonNode field = schemaNode.at("/$defs/" + FactFileSchema.USE_CASE + "/properties/" + parts[0] + "/properties/" + parts[1]);
            assertTrue(field.get("description").asText().startsWith(advisor.rules().fields().get(path).means()), path);
        }
    }
}
