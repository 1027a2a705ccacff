package io.endpointbridge.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.endpointbridge.kafka.TopicReader;

/**
 * The last runs of every source as the runs topic has them (key = source; a run's start record, then its end record):
 * so {@code status} shows a {@code sync} from another shell, or a run of another replica, not only this process's.
 */
public class RunHistory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopicReader reader;
    private final String topic;
    private final int perSource;

    public RunHistory(TopicReader reader, String topic, int perSource) {
        this.reader = reader;
        this.topic = topic;
        this.perSource = perSource;
    }

    /** Per source, its latest runs, newest first, each as its last record (so an ended run shows its end). */
    public Map<String, List<JsonNode>> lastRuns() {
        Map<String, Map<String, JsonNode>> byRun = new LinkedHashMap<>();
        reader.readAll(topic, (source, value) -> {
            JsonNode run = parse(value);
            if (source != null && run != null && run.hasNonNull("runId")) {
                byRun.computeIfAbsent(source, s -> new LinkedHashMap<>()).put(run.get("runId").asText(), run);
            }
        });
        Map<String, List<JsonNode>> last = new LinkedHashMap<>();
        byRun.forEach((source, runs) -> {
            List<JsonNode> newestFirst = new ArrayList<>(runs.values());
            newestFirst.sort(Comparator.comparing((JsonNode run) -> run.path("startedAt").asText()).reversed());
            last.put(source, newestFirst.subList(0, Math.min(perSource, newestFirst.size())));
        });
        return last;
    }

    public String topic() {
        return topic;
    }

    private static JsonNode parse(String value) {
        try {
            return value == null ? null : JSON.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }
}
