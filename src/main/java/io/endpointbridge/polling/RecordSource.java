package io.endpointbridge.polling;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.Settings;
import io.endpointbridge.mapping.TargetSchemaCheck;
import io.endpointbridge.mapping.TransformMap;

/**
 * A source whose records are published as they come (incidents, events), not as an inventory: what its windowed or
 * streamed pull needs to know besides its requests. Its API client, token and request budget are those of the asset
 * source with the same API prefix ({@code api()}: {@code ses}); its map is {@code mappings/<name>.yaml}; its page or
 * stream request is the route {@code direct:<name>-page-request} and the step that makes its records
 * {@code direct:<name>-records}, in {@code routes/<name>.camel.yaml}. Registered by one line in {@code sources/Sources.java}.
 */
public interface RecordSource {

    /** The source name of commands, run records, checkpoints and headers: {@code ses-incidents}. */
    String name();

    /** The prefix of its own settings: {@code ses.incidents} ({@code ses.incidents.enabled}). */
    String prefix();

    /** The API whose client, token, TLS trust and request budget it uses: {@code ses}. */
    String api();

    /** The property that names its topic, and the topic by default. */
    String topicProperty();

    String defaultTopic();

    /** The schema its records follow, also the name of its record type in the routes. */
    String schema();

    /** Its records' keys are {@code <keyPrefix><key>}: {@code SES:}. */
    default String keyPrefix() {
        return "";
    }

    /** The mapped field that identifies a record's subject (the Kafka key without its prefix): {@code incidentUid}. */
    String keyField();

    /** A mapped record's Kafka key without its prefix. */
    default String key(ObjectNode record) {
        return record.path(keyField()).asText();
    }

    /** What identifies one record among those of its key (an event: its own id, not its device's): the key by default. */
    default String identity(ObjectNode record) {
        return key(record);
    }

    /** Mapped fields also sent as headers ({@code lifecycle}). */
    default List<String> headerFields() {
        return List.of();
    }

    /** Where a page or stream line keeps its records ({@code incidents}, {@code events}). */
    String recordList();

    /** Its own settings that take one of a few values, checked with the rest at start. */
    default java.util.Map<String, java.util.Set<String>> settingChoices() {
        return java.util.Map.of();
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

    /** The zone of the local times in its records (the map's {@code time} converter): UTC unless the source says. */
    default java.time.ZoneId zone(Settings settings) {
        return java.time.ZoneOffset.UTC;
    }

    /**
     * One raw record as its map reads it: as it came by default; a source whose records hold text to read first
     * (SEPM notifications: the message's {@code Key: value} pairs) adds what it reads.
     */
    default com.fasterxml.jackson.databind.JsonNode prepare(com.fasterxml.jackson.databind.JsonNode raw) {
        return raw;
    }

    /** One input of {@code map <source> FILE} (and of the golden tests) as a page: JSON by default. */
    default com.fasterxml.jackson.databind.JsonNode readInput(byte[] input) {
        return AssetPageMapper.parse(input);
    }

    /** Its map over a whole page, as {@code map <source> page.json} and the golden tests read one. */
    default AssetPageMapper pageMapper(Settings settings) throws IOException {
        return pageMapper(map(settings), zone(settings));
    }

    /** Its page mapper with a map already loaded. */
    default AssetPageMapper pageMapper(TransformMap map, java.time.ZoneId zone) {
        return new AssetPageMapper(recordList(), map, zone, keyField()).reading(this::readInput, this::prepare);
    }

    /** Switches of its routes besides {@code <prefix>.enabled} (a mail path), turned off by {@code sync}. */
    default List<String> otherSwitches() {
        return List.of();
    }

    default String pullEndpoint() {
        return "direct:" + name() + "-pull";
    }

    default String pollerBean() {
        return name() + "-poller";
    }
}
