package io.endpointbridge.sources.sepmactions;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.mapping.Times;

/**
 * The records of {@code security.command-results.v1} (schemas/command-result.v1.json), one per state change of a
 * command: accepted, submitted, in-progress, then completed, failed, cancelled, timed-out, or rejected. Each is the
 * last one with what changed: the state, when, why, and what SEPM said.
 */
final class CommandResults {

    static final String SCHEMA = "command-result.v1";
    static final Set<String> FINAL = Set.of("completed", "failed", "cancelled", "timed-out", "rejected");

    private CommandResults() {
    }

    /** The first result of a command: accepted (with its deadline) or, with a reason, rejected. */
    static ObjectNode first(String commandId, JsonNode raw, Instant requestedAt, String state, String detail, Instant now,
                            Instant deadline) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("schemaVersion", SCHEMA);
        result.put("commandId", commandId);
        result.put("action", raw.path("action").asText(null));
        result.put("state", state);
        result.put("stateTime", Times.millis(now));
        result.put("sequence", 1);
        if (raw.hasNonNull("requestedBy")) {
            result.put("requestedBy", raw.get("requestedBy").asText());
        }
        if (raw.hasNonNull("reason")) {
            result.put("requestReason", raw.get("reason").asText());
        }
        if (requestedAt != null) {
            result.put("requestedAt", Times.millis(requestedAt));
        }
        result.put("acceptedAt", Times.millis(now));
        if (deadline != null) {
            result.put("deadline", Times.millis(deadline));
        }
        result.set("command", raw.deepCopy());
        if (detail != null) {
            result.put("detail", detail);
        }
        return result;
    }

    /** The next result: the last one in a new state, with why. */
    static ObjectNode next(ObjectNode last, String state, String detail, Instant now) {
        ObjectNode result = last.deepCopy();
        result.put("state", state);
        result.put("stateTime", Times.millis(now));
        result.put("sequence", last.path("sequence").asLong() + 1);
        result.remove("replayed");
        if (detail == null) {
            result.remove("detail");
        } else {
            result.put("detail", detail);
        }
        return result;
    }

    /** The last result published again for a command seen before. */
    static ObjectNode replayed(ObjectNode last) {
        ObjectNode result = last.deepCopy();
        result.put("replayed", true);
        return result;
    }

    static boolean isFinal(JsonNode result) {
        return FINAL.contains(result.path("state").asText());
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        values.forEach(list::add);
        return list;
    }
}
