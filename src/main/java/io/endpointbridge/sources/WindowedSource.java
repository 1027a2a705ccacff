package io.endpointbridge.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.core.Settings;
import io.endpointbridge.mapping.TargetSchemaCheck;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.polling.Window;

/**
 * A source read by time window (SES incidents): each run reads from its checkpoint less an overlap up to now, page by
 * page, and publishes every record the last windows did not already publish; the checkpoint, kept in Kafka, advances
 * only after Kafka acknowledged the window's records. Its API client, token and request budget are those of the
 * asset source with the same API prefix ({@code api()}: {@code ses}); its page request is the route
 * {@code direct:<name>-page-request} in {@code routes/<name>.camel.yaml}, beside the {@code windowed-pull} template;
 * its map is {@code mappings/<name>.yaml}. Registered by one line in {@link Sources}.
 */
public interface WindowedSource {

    /** The source name of commands, run records, checkpoints and headers: {@code ses-incidents}. */
    String name();

    /** The prefix of its own settings: {@code ses.incidents} ({@code ses.incidents.overlap}). */
    String prefix();

    /** The API whose client, token, TLS trust and request budget it uses: {@code ses}. */
    String api();

    /** The property that names its topic, and the topic by default. */
    String topicProperty();

    String defaultTopic();

    /** The schema its records follow, also the name of its record type in the routes. */
    String schema();

    /** Its records' keys are {@code <keyPrefix><key field>}: {@code SES:}. */
    String keyPrefix();

    /** The mapped field that identifies a record's subject (the Kafka key without its prefix): {@code incidentUid}. */
    String keyField();

    /** The mapped field that, with the key, identifies one record (its version): {@code time}. */
    String versionField();

    /** Mapped fields also sent as headers ({@code lifecycle}). */
    default List<String> headerFields() {
        return List.of();
    }

    /** Where a page keeps its records ({@code incidents}). */
    String recordList();

    /** The body of the page request for a window at an offset, as JSON fields. */
    Map<String, Object> request(Settings settings, Window window, long offset);

    /** The next page's offset, empty when this page was the last. */
    OptionalLong next(JsonNode page, int records, long offset);

    /** How long the API keeps data: a checkpoint older than that is clamped and the gap reported. */
    default Duration retention() {
        return Duration.ofDays(30);
    }

    default String mappingFile() {
        return name() + ".yaml";
    }

    /** Its transform map, checked against the schema its records are published with. */
    default TransformMap map(Settings settings) throws IOException {
        Path file = settings.path("mappings.dir", "mappings").resolve(mappingFile());
        TransformMap map = TransformMap.load(file, key -> settings.optional(key).orElse(null));
        TargetSchemaCheck.require(file, map, settings.home().resolve("schemas"));
        return map;
    }

    /** Its map over a whole page, as {@code map <source> page.json} and the golden tests read one. */
    default io.endpointbridge.assets.AssetPageMapper pageMapper(Settings settings) throws IOException {
        return new io.endpointbridge.assets.AssetPageMapper(recordList(), map(settings), java.time.ZoneOffset.UTC, keyField());
    }

    default String pullEndpoint() {
        return "direct:" + name() + "-pull";
    }

    default String pollerBean() {
        return name() + "-poller";
    }
}
