package io.endpointbridge.mapping;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What of a nested source value no target read, in its place: the object or list less the paths the map read
 * ({@code os.name}, {@code adapters[].addr}). A list keeps its length (an element read whole is {@code {}}), so
 * {@code extra.adapters[1].mask} is the mask of the second adapter; nothing left is no value.
 */
final class ExtraValues {

    private ExtraValues() {
    }

    /**
     * @param root  the top-level source name ({@code adapters})
     * @param value its value, not changed
     * @param read  the paths under it the map read ({@code adapters[].addr})
     */
    static JsonNode unread(String root, JsonNode value, List<String> read) {
        ObjectNode holder = JsonNodeFactory.instance.objectNode();
        holder.set(root, value.deepCopy());
        for (String path : read) {
            remove(holder, JsonSourceRecord.segments(path), 0);
        }
        JsonNode rest = holder.get(root);
        return rest == null || isEmpty(rest) ? null : rest;
    }

    private static void remove(JsonNode node, JsonSourceRecord.Segment[] segments, int i) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        boolean each = segments[i].each();
        String field = segments[i].field();
        JsonNode child = object.get(field);
        if (child == null) {
            return;
        }
        if (i == segments.length - 1) {
            object.remove(field);
        } else if (each && child instanceof ArrayNode elements) {
            elements.forEach(element -> remove(element, segments, i + 1));
        } else {
            remove(child, segments, i + 1);
        }
    }

    /** Empty objects go; a list whose elements are all empty goes, else it keeps them as placeholders. */
    private static boolean isEmpty(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                if (isEmpty(it.next().getValue())) {
                    it.remove();
                }
            }
            return object.isEmpty();
        }
        if (node instanceof ArrayNode list) {
            boolean allEmpty = true;
            for (JsonNode element : list) {
                allEmpty &= isEmpty(element);
            }
            return allEmpty;
        }
        return false;
    }
}
