package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.finetuneadvisor.model.CostOverrides;
import java.io.IOException;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The strict Jackson set-up for fact files: no unknown fields, no duplicate keys, no quoted numbers or
 * booleans, no numbers for choices, bounded nesting, aliases and size. One place, so every reader of facts behaves the same.
 */
public final class FactFormat {
    /** Largest fact file read, in bytes; a larger one is rejected, not read. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
    /** Deepest nesting of mappings and lists accepted (a use case needs 3). */
    public static final int MAX_NESTING = 20;
    /** YAML aliases accepted in one file (a use case needs none): stops alias bombs. */
    public static final int MAX_ALIASES = 20;

    static final String COST_INPUTS = "finetune-advisor.costInputs";

    private FactFormat() {
    }

    /** A mapper for YAML fact files (which also reads JSON). */
    public static ObjectMapper yaml() {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(MAX_ALIASES);
        loader.setNestingDepthLimit(MAX_NESTING);
        loader.setCodePointLimit((int) MAX_FILE_BYTES);
        loader.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(loader)
                .streamReadConstraints(constraints()).build();
        return configure(new ObjectMapper(factory));
    }

    /** A mapper for JSON fact files and JSON Lines. */
    public static ObjectMapper json() {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints()).build();
        return configure(new ObjectMapper(factory));
    }

    private static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                .maxStringLength(1_000_000).maxNumberLength(30).build();
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // a choice is one of its names: never its position (need: 1 is not 'behavior')
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("fact-files");
        module.addDeserializer(CostOverrides.class, new CostsDeserializer());
        mapper.registerModule(module);
        return mapper;
    }

    /** Reads {@code costs:}, accepting only the names of cost inputs (when the reader was told them). */
    private static final class CostsDeserializer extends StdDeserializer<CostOverrides> {
        @Serial
        private static final long serialVersionUID = 1L;

        CostsDeserializer() {
            super(CostOverrides.class);
        }

        @Override
        @SuppressWarnings("unchecked")
        public CostOverrides deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (CostOverrides) ctxt.handleUnexpectedToken(CostOverrides.class, p);
            }
            Set<String> allowed = (Set<String>) ctxt.getAttribute(COST_INPUTS);
            Map<String, Double> values = new TreeMap<>();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                if (allowed != null && !allowed.contains(name)) {
                    throw UnrecognizedPropertyException.from(p, CostOverrides.class, name,
                            new ArrayList<Object>((Collection<?>) allowed));
                }
                JsonToken t = p.nextToken();
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    ctxt.reportInputMismatch(Double.class, "costs.%s: expected a number >= 0, got '%s'", name, p.getText());
                }
                double v = p.getDoubleValue();
                if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                    ctxt.reportInputMismatch(Double.class, "costs.%s: %s is out of range; allowed: a number >= 0", name, p.getText());
                }
                values.put(name, v);
            }
            return new CostOverrides(values);
        }
    }
}
