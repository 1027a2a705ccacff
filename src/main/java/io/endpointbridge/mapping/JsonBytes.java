package io.endpointbridge.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
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
    private static final JsonMapper MAPPER = new JsonMapper(FACTORY);
    private static final ObjectWriter WRITER = MAPPER.writer();

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

    /**
     * The record's JSON as {@link #of(JsonNode)} writes it, written once, while the digest is given the bytes
     * {@link #of(ObjectNode, Set)} would write for it without the {@code leftOut} fields: the same bytes less those
     * fields (an asset's fingerprint and its published record from one serialization, not two).
     */
    public static byte[] of(ObjectNode record, Set<String> leftOut, MessageDigest digest) {
        int n = record.size();
        int[] starts = new int[n];
        int[] ends = new int[n];
        boolean[] kept = new boolean[n];
        ByteArrayBuilder out = new ByteArrayBuilder(JSON_BUFFER);
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            gen.writeStartObject();
            int k = 0;
            for (Map.Entry<String, JsonNode> field : record.properties()) {
                gen.flush();
                // after the first field, a field's bytes start with the comma that separates it from the one before
                starts[k] = out.size() + (k == 0 ? 0 : 1);
                gen.writeFieldName(field.getKey());
                gen.writeTree(field.getValue());
                gen.flush();
                ends[k] = out.size();
                kept[k] = !leftOut.contains(field.getKey());
                k++;
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        byte[] json = out.toByteArray();
        digest.update((byte) '{');
        boolean first = true;
        for (int k = 0; k < n; k++) {
            if (kept[k]) {
                if (!first) {
                    digest.update((byte) ',');
                }
                digest.update(json, starts[k], ends[k] - starts[k]);
                first = false;
            }
        }
        digest.update((byte) '}');
        return json;
    }

    private static final int JSON_BUFFER = 4096;
}
