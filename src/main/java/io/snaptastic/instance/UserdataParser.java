package io.snaptastic.instance;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads an instance's userdata as the JSON object the snapshotters take their tag values from. */
final class UserdataParser {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    // A key given twice would make one of its values silently win; refuse it instead.
    private final JsonMapper mapper =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Blank or absent userdata is an empty map: an instance may well have none. */
    Map<String, Object> parse(String userdata) {
        if (userdata == null || userdata.isBlank()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = mapper.readTree(userdata);
        } catch (JacksonException e) {
            throw new InvalidUserdataException(
                    "the instance's userdata is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidUserdataException("the instance's userdata must be a JSON object such as "
                    + "{\"role\": \"solr\"}, but is a JSON " + describe(node));
        }
        return mapper.convertValue(node, MAP);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "document without a value";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
