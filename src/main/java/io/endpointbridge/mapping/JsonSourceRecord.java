package io.endpointbridge.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A JSON API record as a transform-map source. Names are paths: {@code os.name} reads a nested field,
 * {@code adapters[].addr} reads a field of every element of a list (the value is then a list). Names starting with
 * {@code @} are run metadata (runId, observedAt) given by the caller.
 */
public final class JsonSourceRecord implements SourceRecord {

    private final JsonNode root;
    private final Map<String, String> metadata;

    public JsonSourceRecord(JsonNode root, Map<String, String> metadata) {
        this.root = root;
        this.metadata = metadata;
    }

    @Override
    public Object get(String name) {
        if (name.startsWith("@")) {
            return metadata.get(name);
        }
        if (name.indexOf('.') < 0 && name.indexOf('[') < 0) {
            // most names are plain fields of the record
            JsonNode child = root.get(name);
            return child == null || child.isNull() ? null : child;
        }
        JsonNode literal = root.get(name);
        if (literal != null) {
            // a key that contains a dot itself (the event-search API's es.mapping.id), not a path
            return literal.isNull() ? null : literal;
        }
        List<JsonNode> current = List.of(root);
        boolean many = false;
        for (Segment segment : segments(name)) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                JsonNode child = node.get(segment.field());
                if (child == null || child.isNull()) {
                    continue;
                }
                if (segment.each() && child.isArray()) {
                    child.forEach(next::add);
                } else {
                    next.add(child);
                }
            }
            many |= segment.each();
            current = next;
        }
        if (!many) {
            return current.isEmpty() ? null : current.get(0);
        }
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        current.stream().filter(node -> !node.isNull() && !(node.isTextual() && node.asText().isEmpty())).forEach(values::add);
        return values.isEmpty() ? null : values;
    }

    /** One step of a path: a field, and whether it walks every element of a list ({@code adapters[]}). */
    record Segment(String field, boolean each) {
    }

    private static final int PATH_CACHE_LIMIT = 10_000;
    private static final Map<String, Segment[]> PATHS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A path's steps ({@code adapters[].addr}: adapters each, addr). The paths are the maps' own, a few dozen, read
     * for every record: parsed once (splitting them for every read was a tenth of an asset pull's CPU).
     */
    static Segment[] segments(String path) {
        Segment[] segments = PATHS.get(path);
        if (segments == null) {
            String[] parts = path.split("\\.");
            segments = new Segment[parts.length];
            for (int i = 0; i < parts.length; i++) {
                boolean each = parts[i].endsWith("[]");
                segments[i] = new Segment(each ? parts[i].substring(0, parts[i].length() - 2) : parts[i], each);
            }
            if (PATHS.size() < PATH_CACHE_LIMIT) {
                PATHS.put(path, segments);
            }
        }
        return segments;
    }

    @Override
    public Collection<String> names() {
        Map<String, Boolean> names = new LinkedHashMap<>();
        metadata.keySet().forEach(name -> names.put(name, true));
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            names.put(it.next(), true);
        }
        return names.keySet();
    }
}
