package io.endpointbridge.mapping;

import java.util.ArrayList;
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
     * @param value its value, not changed (what no path touched is shared with it, not copied)
     * @param read  the paths under it the map read ({@code adapters[].addr})
     */
    static JsonNode unread(String root, JsonNode value, List<String> read) {
        List<JsonSourceRecord.Segment[]> paths = new ArrayList<>(read.size());
        for (String path : read) {
            JsonSourceRecord.Segment[] segments = JsonSourceRecord.segments(path);
            if (segments.length == 1) {
                return null; // read whole (adapters[])
            }
            paths.add(segments);
        }
        Pruned rest = pruned(less(value, paths, 0));
        return rest.empty() ? null : rest.node();
    }

    /**
     * {@code child}, the value at step {@code i} of every path, less what the paths read below it: an object loses the
     * fields they read, each element of a list walked with {@code []} does.
     */
    private static JsonNode less(JsonNode child, List<JsonSourceRecord.Segment[]> paths, int i) {
        if (child instanceof ArrayNode list) {
            List<JsonSourceRecord.Segment[]> each = new ArrayList<>();
            for (JsonSourceRecord.Segment[] path : paths) {
                if (path[i].each()) {
                    each.add(path);
                }
            }
            if (each.isEmpty()) {
                return child;
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode(list.size());
            for (JsonNode element : list) {
                out.add(lessFields(element, each, i + 1));
            }
            return out;
        }
        return lessFields(child, paths, i + 1);
    }

    /** An object less the fields the paths name at step {@code j} (or less what they read below those fields). */
    private static JsonNode lessFields(JsonNode node, List<JsonSourceRecord.Segment[]> paths, int j) {
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        ObjectNode out = null;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            List<JsonSourceRecord.Segment[]> under = null;
            boolean whole = false;
            for (JsonSourceRecord.Segment[] path : paths) {
                if (path[j].field().equals(field.getKey())) {
                    whole |= j == path.length - 1;
                    if (under == null) {
                        under = new ArrayList<>();
                    }
                    under.add(path);
                }
            }
            JsonNode kept = under == null ? field.getValue() : whole ? null : less(field.getValue(), under, j);
            if (kept != field.getValue() && out == null) {
                out = copyBefore(object, field.getKey());
            }
            if (out != null && kept != null) {
                out.set(field.getKey(), kept);
            }
        }
        return out == null ? object : out;
    }

    /** A new object with the fields of {@code object} that come before {@code name}. */
    private static ObjectNode copyBefore(ObjectNode object, String name) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (field.getKey().equals(name)) {
                break;
            }
            copy.set(field.getKey(), field.getValue());
        }
        return copy;
    }

    /** A value with its empty parts pruned, and whether it is empty itself. */
    private record Pruned(JsonNode node, boolean empty) {
    }

    /**
     * Empty objects go; a list whose elements are all empty goes, else it keeps them (pruned) as placeholders. The
     * value is not changed: what changes is copied.
     */
    private static Pruned pruned(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = null;
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                Pruned value = pruned(field.getValue());
                if ((value.empty() || value.node() != field.getValue()) && out == null) {
                    out = copyBefore(object, field.getKey());
                }
                if (out != null && !value.empty()) {
                    out.set(field.getKey(), value.node());
                }
            }
            ObjectNode result = out == null ? object : out;
            return new Pruned(result, result.isEmpty());
        }
        if (node instanceof ArrayNode list) {
            boolean allEmpty = true;
            ArrayNode out = null;
            for (int i = 0; i < list.size(); i++) {
                Pruned element = pruned(list.get(i));
                allEmpty &= element.empty();
                if (element.node() != list.get(i) && out == null) {
                    out = JsonNodeFactory.instance.arrayNode(list.size());
                    for (int before = 0; before < i; before++) {
                        out.add(list.get(before));
                    }
                }
                if (out != null) {
                    out.add(element.node());
                }
            }
            return new Pruned(out == null ? list : out, allEmpty);
        }
        return new Pruned(node, false);
    }
}
