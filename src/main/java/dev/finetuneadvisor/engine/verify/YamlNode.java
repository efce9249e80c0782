package dev.finetuneadvisor.engine.verify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into mappings, lists and scalars that each keep the line and column they were written at, so
 * a problem found in what a value means is reported where the value is.
 */
record YamlNode(Map<String, YamlNode> map, List<YamlNode> list, String scalar, JsonToken token, int line, int column) {

    static YamlNode read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken() == null ? p.nextToken() : p.currentToken();
        JsonLocation at = p.currentTokenLocation();
        int line = Math.max(1, at.getLineNr());
        int column = Math.max(1, at.getColumnNr());
        if (t == JsonToken.START_OBJECT) {
            Map<String, YamlNode> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                map.put(key, read(p));
            }
            return new YamlNode(map, null, null, t, line, column);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(read(p));
            }
            return new YamlNode(null, list, null, t, line, column);
        }
        return new YamlNode(null, null, t == JsonToken.VALUE_NULL ? null : p.getText(), t, line, column);
    }

    boolean isMap() {
        return map != null;
    }

    boolean isList() {
        return list != null;
    }

    boolean isScalar() {
        return map == null && list == null && scalar != null;
    }

    boolean isNumber() {
        return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    }
}
