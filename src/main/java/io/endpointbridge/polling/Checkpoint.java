package io.endpointbridge.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.mapping.Times;

/**
 * Where a windowed source stands, as kept in the compacted checkpoints topic under the source's name: the end of the
 * last window whose records Kafka all acknowledged, and the records published at or after the start of the next
 * window (the overlap), each as {@code <key>@<version>}, so that reading the overlap again publishes only what is new.
 * The seen list is bounded: past {@code limit} entries (or what fits in one Kafka record) the oldest go, and a record
 * they stood for may be published once more (a duplicate its key and version make harmless).
 */
public record Checkpoint(Instant windowEnd, Map<String, Instant> seen) {

    /** The record's identity in the seen list: its key and its version. */
    public static String identity(String key, String version) {
        return key + "@" + version;
    }

    /**
     * The checkpoint after a window: its end, and of what was seen before and in the window only the records the next
     * window reads again (version at or after its start), the newest {@code limit} of them.
     */
    public static Checkpoint after(Instant windowEnd, Duration overlap, Map<String, Instant> seen, int limit) {
        Instant keepFrom = windowEnd.minus(overlap);
        List<Map.Entry<String, Instant>> kept = new ArrayList<>();
        for (Map.Entry<String, Instant> entry : seen.entrySet()) {
            if (!entry.getValue().isBefore(keepFrom)) {
                kept.add(entry);
            }
        }
        kept.sort(Map.Entry.<String, Instant>comparingByValue(Comparator.reverseOrder()));
        Map<String, Instant> bounded = new LinkedHashMap<>();
        kept.stream().limit(limit).forEach(entry -> bounded.put(entry.getKey(), entry.getValue()));
        return new Checkpoint(windowEnd, bounded);
    }

    public ObjectNode toJson(String source, String runId, Instant writtenAt) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("source", source);
        json.put("windowEnd", Times.millis(windowEnd));
        json.put("runId", runId);
        json.put("writtenAt", Times.millis(writtenAt));
        // the identities only: each ends with its version, which is its time
        ArrayNode list = json.putArray("seen");
        seen.keySet().forEach(list::add);
        return json;
    }

    /** A checkpoint record as written by {@link #toJson}; throws IllegalArgumentException when it is not one. */
    public static Checkpoint fromJson(JsonNode json) {
        JsonNode end = json.get("windowEnd");
        if (end == null || !end.isTextual()) {
            throw new IllegalArgumentException("checkpoint has no windowEnd");
        }
        Instant windowEnd = Instant.parse(end.asText());
        Map<String, Instant> seen = new LinkedHashMap<>();
        json.path("seen").forEach(entry -> seen.put(entry.asText(), versionTime(entry.asText(), windowEnd)));
        return new Checkpoint(windowEnd, seen);
    }

    /** The time an identity's version names; one that names none counts as the window's end. */
    private static Instant versionTime(String identity, Instant windowEnd) {
        try {
            return java.time.OffsetDateTime.parse(identity.substring(identity.lastIndexOf('@') + 1)).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return windowEnd;
        }
    }
}
