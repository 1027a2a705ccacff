package io.endpointbridge.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BaseJsonNode;

/**
 * A JSON tree as UTF-8 bytes, written straight to a generator. {@code ObjectMapper.writeValueAsBytes} goes through
 * serializer lookup and a wrapper for every record, which was a fifth of the cost of a syslog event; the trees here
 * hold only objects, arrays, strings, numbers and booleans.
 */
public final class JsonBytes {

    /** Characters outside the BMP (emoji in a file name) as their 4 UTF-8 bytes, not as escaped surrogate pairs. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private JsonBytes() {
    }

    public static byte[] of(JsonNode tree) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(1024)) {
            try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                write(tree, generator);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
    }

    private static void write(JsonNode node, JsonGenerator generator) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (var field : node.properties()) {
                    generator.writeFieldName(field.getKey());
                    write(field.getValue(), generator);
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(element, generator);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL, MISSING -> generator.writeNull();
            // numbers, binary, POJOs: the node writes itself (none of them needs a serializer provider)
            default -> ((BaseJsonNode) node).serialize(generator, null);
        }
    }
}
