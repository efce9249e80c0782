package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfig;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.FieldCatalogue;
import dev.finetuneadvisor.model.FieldKind;
import dev.finetuneadvisor.model.FieldSpec;
import dev.finetuneadvisor.model.Fmt;
import dev.finetuneadvisor.model.Provenance;
import dev.finetuneadvisor.model.Section;
import dev.finetuneadvisor.model.UseCase;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON Schema (draft 2020-12) of fact files, for editors to complete and check a fact file as it is
 * written: generated from the fact model ({@link UseCase} and its sections) by victools' jsonschema-generator,
 * and filled in from the catalogue of fact fields ({@code rules/fields.yaml}: what each field means, its unit,
 * range, the gates that read it, its kind, the alternatives) and the cost inputs of {@code rules/assumptions.yaml}.
 *
 * <p>It states what {@link FactReader} accepts, no more and no less, as far as a schema can: no unknown field
 * anywhere, no quoted number or flag, choices as fact files write them, whole numbers where the model counts,
 * {@code null} for a field or a whole section (the same as leaving it out), one of the alternatives, the cost
 * inputs the reader is given, and the three shapes of a file (one use case, a portfolio mapping, a bare list).
 * What a schema cannot say (duplicate keys, YAML anchors, nesting depth, file size) the reader still checks.
 * The same catalogue and assumptions give the same bytes.
 */
public final class FactFileSchema {
    /** The schema's {@code $id}: a name, not a place (the schema is served by no one; the file is in the repository). */
    public static final String ID = "urn:finetune-advisor:fact-file";
    /** The name under which the use case's definition is kept in {@code $defs}. */
    static final String USE_CASE = "useCase";
    /** The portfolio mapping's key for its list of use cases (what tells it from a use case). */
    private static final String USE_CASES = "useCases";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What each kind of field is to a team, as rules/fields.yaml explains the kinds. */
    private static final Map<FieldKind, String> KINDS = Map.of(
            FieldKind.LEVER, "something a team does",
            FieldKind.CONDITION, "something that changes over time and is worth watching",
            FieldKind.DESCRIPTION, "what the task is");

    private final FieldCatalogue catalogue;
    private final Assumptions assumptions;
    private final List<String> costInputs;
    /** Each section class of the fact model with its name in fact files ({@code Data} -> {@code data}). */
    private final Map<Class<?>, String> sections = sectionNames();

    private FactFileSchema(FieldCatalogue catalogue, Assumptions assumptions, Set<String> costInputs) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.assumptions = Objects.requireNonNull(assumptions, "assumptions");
        this.costInputs = List.copyOf(new TreeSet<>(costInputs));
        for (String name : this.costInputs) {
            if (!assumptions.costInputs().containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a cost input of the assumptions");
            }
        }
    }

    /**
     * The schema as a JSON document.
     *
     * @param costInputs the names a use case's {@code costs:} may use: the set {@link FactReader} is given
     */
    public static ObjectNode of(FieldCatalogue catalogue, Assumptions assumptions, Set<String> costInputs) {
        return new FactFileSchema(catalogue, assumptions, costInputs).document();
    }

    /** The schema as text: pretty-printed, keys in a fixed order, ending with a newline. */
    public static String text(FieldCatalogue catalogue, Assumptions assumptions, Set<String> costInputs) {
        try {
            return Json.pretty().writeValueAsString(of(catalogue, assumptions, costInputs)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schema made of JSON nodes cannot fail to print", e);
        }
    }

    private ObjectNode document() {
        // the use case is defined once and referenced from the three shapes a file may take
        ObjectNode useCase = new SchemaGenerator(config()).generateSchema(UseCase.class);
        useCase.get("properties").forEach(section -> section.path("properties").forEach(FactFileSchema::nullableChoice));
        String ref = "#/$defs/" + USE_CASE;

        ObjectNode root = NODES.objectNode();
        root.put("$schema", SchemaVersion.DRAFT_2020_12.getIdentifier());
        root.put("$id", ID);
        root.put("title", "finetune-advisor fact file");
        root.put("description", "A use case for finetune-advisor (is fine-tuning an LLM worth it for it?), or a portfolio of use cases:"
                + " a mapping with useCases: and optional title: and description:, or a bare list. Every field is optional:"
                + " an absent field, or null, is unknown.");
        root.put("$comment", "Generated by `advisor schema` from the fact model, rules/fields.yaml and rules/assumptions.yaml;"
                + " do not edit. docs/fact-file.schema.json is kept equal to it by FactFileSchemaPageTest.");
        // the reader's three shapes: a list, a mapping with useCases (a portfolio), any other mapping (one use case)
        ObjectNode list = NODES.objectNode();
        list.put("description", "A portfolio written as a bare list of use cases.");
        list.set("items", NODES.objectNode().put("$ref", ref));
        ObjectNode mapping = NODES.objectNode();
        mapping.set("if", NODES.objectNode().put("type", "object").set("required", NODES.arrayNode().add(USE_CASES)));
        mapping.set("then", portfolio(ref));
        mapping.set("else", NODES.objectNode().put("$ref", ref));
        root.set("if", NODES.objectNode().put("type", "array"));
        root.set("then", list);
        root.set("else", mapping);
        root.putObject("$defs").set(USE_CASE, useCase);
        readingOrder(root);
        return root;
    }

    /** The keywords a schema starts with, in this order, when it has them: the file reads top down. */
    private static final List<String> FIRST = List.of("$schema", "$id", "title", "description", "type");

    /** This schema and every schema inside it with the keywords of {@link #FIRST} first (property maps keep their order). */
    private static void readingOrder(ObjectNode schema) {
        ObjectNode ordered = NODES.objectNode();
        FIRST.stream().filter(schema::has).forEach(k -> ordered.set(k, schema.get(k)));
        ordered.setAll(schema);
        schema.removeAll();
        schema.setAll(ordered);
        schema.properties().forEach(e -> {
            boolean map = e.getKey().equals("properties") || e.getKey().equals("$defs");
            for (JsonNode inner : map || e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
                if (inner instanceof ObjectNode o) {
                    readingOrder(o);
                }
            }
        });
    }

    private static ObjectNode portfolio(String ref) {
        ObjectNode p = NODES.objectNode();
        p.put("description", "A portfolio: several use cases in one file, evaluated together.");
        p.put("type", "object");
        ObjectNode properties = p.putObject("properties");
        properties.putObject(USE_CASES).put("description", "The use cases, each a mapping like a single fact file.")
                .put("type", "array").set("items", NODES.objectNode().put("$ref", ref));
        properties.putObject("title").put("description", "One line for people, naming the portfolio.")
                .set("type", types("string"));
        properties.putObject("description").put("description", "What the portfolio is, for people.")
                .set("type", types("string"));
        p.set("required", NODES.arrayNode().add(USE_CASES));
        p.put("additionalProperties", false);
        return p;
    }

    /**
     * A choice that may be null as one list of values, null among them: the generator writes it as "null, or one of
     * these", and a validator then reports a wrong value twice (not null, not one of these) instead of once.
     */
    private static void nullableChoice(JsonNode field) {
        JsonNode anyOf = field.get("anyOf");
        if (anyOf == null || anyOf.size() != 2 || !"null".equals(anyOf.get(0).path("type").asText()) || !anyOf.get(1).has("enum")) {
            return;
        }
        ObjectNode choice = (ObjectNode) field;
        ObjectNode values = (ObjectNode) anyOf.get(1);
        choice.remove("anyOf");
        ObjectNode merged = NODES.objectNode();
        merged.set("type", types(values.get("type").asText()));
        merged.set("enum", ((ArrayNode) values.get("enum")).deepCopy().addNull());
        merged.setAll(choice);
        choice.removeAll();
        choice.setAll(merged);
    }

    private static ArrayNode types(String type) {
        return NODES.arrayNode().add(type).add("null");
    }

    private SchemaGeneratorConfig config() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                // field names, their order and the choices' names as the reader binds them (@JsonPropertyOrder, @JsonProperty)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_ORDER, JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
                // the reader rejects unknown fields everywhere, and takes null for any field or section as "not given"
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.NULLABLE_FIELDS_BY_DEFAULT)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields()
                .withDescriptionResolver(this::description)
                .withNumberInclusiveMinimumResolver(f -> bound(spec(f), true))
                .withNumberInclusiveMaximumResolver(f -> bound(spec(f), false))
                .withCustomDefinitionProvider((field, context) -> field.getDeclaringType().getErasedType() == UseCase.class
                        && field.getName().equals("costs") ? new CustomPropertyDefinition(costs()) : null);
        config.forTypesInGeneral().withTypeAttributeOverride((node, scope, context) -> {
            String section = sections.get(scope.getType().getErasedType());
            if (section != null) {
                alternatives(section, node);
            }
        });
        return config.build();
    }

    /** The catalogue entry of a field of a section, or null for the use case's own fields (id, title, the sections). */
    private FieldSpec spec(FieldScope field) {
        String section = sections.get(field.getDeclaringType().getErasedType());
        return section == null ? null : catalogue.get(section + "." + field.getDeclaredName());
    }

    /** A field's lower or upper bound, the catalogue's range, or null when it has none. */
    private static BigDecimal bound(FieldSpec spec, boolean min) {
        Double value = spec == null ? null : min ? spec.min() : spec.max();
        if (value == null) {
            return null;
        }
        // a whole number without a decimal point, so 2147483647 does not read 2.147483647E9
        return isWhole(value) ? BigDecimal.valueOf(value.longValue()) : BigDecimal.valueOf(value);
    }

    private static boolean isWhole(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15;
    }

    private String description(FieldScope field) {
        if (field.getDeclaringType().getErasedType() == UseCase.class) {
            return switch (field.getDeclaredName()) {
                case "id" -> "Unique name of the use case in a run; by default the file name (name#N for the N-th use case of a portfolio).";
                case "title" -> "One line for people.";
                default -> null;    // the sections and costs: described by their own schemas
            };
        }
        FieldSpec spec = spec(field);
        if (spec == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(spec.means());
        if (!spec.unit().isEmpty()) {
            sb.append(" Unit: ").append(spec.unit()).append('.');
        }
        if (spec.min() != null && spec.max() != null) {
            sb.append(" From ").append(Fmt.n(spec.min())).append(" to ").append(Fmt.n(spec.max())).append('.');
        }
        for (String other : catalogue.alternativesOf(spec.path())) {
            sb.append(" Give this or ").append(other).append(", not both.");
        }
        sb.append(spec.gates().isEmpty() ? " No gate reads it (advice only)." : " Read by the gates: " + String.join(", ", spec.gates()) + ".");
        sb.append(" Kind: ").append(spec.kind().label()).append(" (").append(KINDS.get(spec.kind())).append(").");
        return sb.toString();
    }

    /** The {@code costs:} section: one property per cost input the reader accepts, with its label, default and where the default comes from. */
    private ObjectNode costs() {
        FieldSpec spec = catalogue.get(FieldSpec.COST_INPUTS);
        ObjectNode costs = NODES.objectNode();
        costs.put("description", spec.means() + " Each one replaces the value of rules/assumptions.yaml for this use case only."
                + (spec.gates().isEmpty() ? "" : " Read by the gates: " + String.join(", ", spec.gates()) + ".")
                + " Kind: " + spec.kind().label() + " (" + KINDS.get(spec.kind()) + ").");
        costs.set("type", types("object"));
        ObjectNode properties = costs.putObject("properties");
        for (String name : costInputs) {
            Provenance p = assumptions.provenance(name);
            double value = assumptions.costInputs().get(name);
            ObjectNode input = properties.putObject(name);
            input.put("description", "Default: " + p.shown(value) + " (" + origin(p) + ").");
            input.put("type", "number");
            putNumber(input, "minimum", bound(spec, true));
            putNumber(input, "maximum", bound(spec, false));
            putNumber(input, "default", BigDecimal.valueOf(value));
        }
        costs.put("additionalProperties", false);
        return costs;
    }

    private static void putNumber(ObjectNode node, String key, BigDecimal value) {
        if (value == null) {
            return;
        }
        if (isWhole(value.doubleValue())) {
            node.put(key, value.longValue());
        } else {
            node.put(key, value.doubleValue());
        }
    }

    /** Where a default comes from, as the assumptions file states it. */
    private static String origin(Provenance p) {
        return switch (p.kind()) {
            case ARTICLE -> "the article's number";
            case RANGE -> "chosen within the article's " + p.shownRange();
            case ASSUMPTION -> "an assumption, not the article's number";
        };
    }

    /**
     * The catalogue's alternatives within this section as "not both": a section that gives two of one group, neither
     * null, is rejected, as the reader rejects it (the fact model refuses the second of the two). A group across
     * sections (there is none today) is left out: a section's schema does not see the other sections.
     */
    private void alternatives(String section, ObjectNode node) {
        List<ObjectNode> nots = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (FieldSpec f : catalogue.fields()) {
            if (!f.path().startsWith(section + ".")) {
                continue;
            }
            for (String other : catalogue.alternativesOf(f.path())) {
                String pair = f.path().compareTo(other) < 0 ? f.path() + " " + other : other + " " + f.path();
                if (!other.startsWith(section + ".") || !seen.add(pair)) {
                    continue;
                }
                String a = f.path().substring(section.length() + 1);
                String b = other.substring(section.length() + 1);
                ObjectNode both = NODES.objectNode();
                both.set("required", NODES.arrayNode().add(a).add(b));
                ObjectNode given = both.putObject("properties");
                given.putObject(a).set("not", NODES.objectNode().put("type", "null"));
                given.putObject(b).set("not", NODES.objectNode().put("type", "null"));
                nots.add(NODES.objectNode().set("not", both));
            }
        }
        if (nots.size() == 1) {
            node.setAll(nots.get(0));
        } else if (nots.size() > 1) {
            node.putArray("allOf").addAll(nots);
        }
    }

    /** The fact model's sections by class, each with its name in fact files, from the use case's getters. */
    private static Map<Class<?>, String> sectionNames() {
        Map<Class<?>, String> out = new LinkedHashMap<>();
        for (Method m : UseCase.class.getMethods()) {
            if (m.getName().startsWith("get") && m.getParameterCount() == 0 && Section.class.isAssignableFrom(m.getReturnType())) {
                String name = m.getName().substring(3);
                out.put(m.getReturnType(), name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1));
            }
        }
        return out;
    }
}
