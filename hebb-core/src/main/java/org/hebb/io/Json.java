package org.hebb.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * The one JSON configuration of the io package: strict reading (a duplicate key or text after
 * the value is an error, as in the safetensors reference reader) and plain writing.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /** Parses a JSON document into a tree. */
    static JsonNode tree(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** Parses a JSON object into a map of plain Java values (String, Integer/Long/Double, Boolean, List, Map). */
    static Map<String, Object> map(String text) throws JsonProcessingException {
        return MAPPER.readValue(text, new TypeReference<Map<String, Object>>() {});
    }

    /** Compact JSON text of {@code value}. */
    static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Indented JSON text of {@code value}, ending with a newline. */
    static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Jackson's message without its source-location suffix, for one-line errors. */
    static String message(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (e.getLocation() != null) {
            m += " (at character " + e.getLocation().getCharOffset() + ")";
        }
        return m;
    }
}
