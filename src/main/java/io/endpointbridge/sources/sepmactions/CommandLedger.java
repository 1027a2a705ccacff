package io.endpointbridge.sources.sepmactions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.kafka.TopicReader;

/**
 * Every command seen, with its latest result, as kept in the compacted command-state topic (key = commandId): what
 * makes a command carried out once across replays, restarts and leader changes. Read whole from Kafka before each
 * decision (commands are few; whichever instance leads reads what the last leader wrote); updated here as the routes
 * write each new state to that topic.
 */
final class CommandLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopicReader reader;
    private final String topic;
    private final Map<String, ObjectNode> latest = new ConcurrentHashMap<>();

    CommandLedger(TopicReader reader, String topic) {
        this.reader = reader;
        this.topic = topic;
    }

    /** Reads the state topic again: what any instance wrote is known. */
    synchronized void reload() {
        Map<String, ObjectNode> read = new java.util.HashMap<>();
        reader.readAll(topic, (key, value) -> {
            if (key == null) {
                return;
            }
            if (value == null) {
                read.remove(key);
                return;
            }
            try {
                JsonNode result = JSON.readTree(value);
                if (result.isObject()) {
                    read.put(key, (ObjectNode) result);
                }
            } catch (java.io.IOException e) {
                // not a state record of ours: nothing to resume
            }
        });
        // a state this instance wrote after its last read stays (the topic has it too)
        latest.keySet().retainAll(read.keySet());
        read.forEach((key, value) -> latest.merge(key, value, (mine, theirs) -> newer(mine, theirs)));
    }

    private static ObjectNode newer(ObjectNode mine, ObjectNode theirs) {
        return mine.path("sequence").asLong() >= theirs.path("sequence").asLong() ? mine : theirs;
    }

    Optional<ObjectNode> latest(String commandId) {
        return Optional.ofNullable(latest.get(commandId));
    }

    /** A result Kafka acknowledged; an older one noted late (the intake and the follow-up run side by side) changes nothing. */
    void record(ObjectNode result) {
        latest.merge(result.get("commandId").asText(), result, CommandLedger::newer);
    }

    /** The commands not yet in a final state, oldest first. */
    List<ObjectNode> unfinished() {
        List<ObjectNode> open = new ArrayList<>();
        latest.values().stream().filter(result -> !CommandResults.FINAL.contains(result.path("state").asText()))
                .sorted(java.util.Comparator.comparing(result -> result.path("acceptedAt").asText()))
                .forEach(open::add);
        return open;
    }
}
