package io.endpointbridge.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Records as the UTF-8 JSON bytes the Kafka producers send as they are (no String in between). Characters outside
 * the BMP (an emoji in a file name) are written as their four UTF-8 bytes, as {@code toString().getBytes(UTF_8)}
 * did, not as escaped surrogate pairs.
 */
public final class JsonBytes {

    /** The generators' settings, shared with {@link FlatTransform} so that both paths write the same bytes. */
    static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    private static final ObjectWriter WRITER = new JsonMapper(FACTORY).writer();

    private JsonBytes() {
    }

    public static byte[] of(JsonNode tree) {
        try {
            return WRITER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    /** The object without the named top-level fields (what a fingerprint should not see); the record is not changed. */
    public static byte[] of(ObjectNode record, Set<String> leftOut) {
        Map<String, JsonNode> fields = new LinkedHashMap<>(record.size() * 2);
        for (Map.Entry<String, JsonNode> field : record.properties()) {
            if (!leftOut.contains(field.getKey())) {
                fields.put(field.getKey(), field.getValue());
            }
        }
        return of(new ObjectNode(JsonNodeFactory.instance, fields));
    }
}
