package io.endpointbridge.polling;

import java.util.Map;

import io.endpointbridge.core.Settings;
import io.endpointbridge.kafka.TopicReader;

/**
 * A system the bridge acts on from command records on Kafka (SEPM's response actions), rather than reads from: its
 * routes ({@code routes/<name>.camel.yaml}) consume the commands and publish a result per state change; it names the
 * topics they use and binds the beans they call. Registered by one line in {@code sources/Sources.java}.
 */
public interface CommandTarget {

    /** Its name in logs, dead letters and the results' source header: {@code sepm-actions}. */
    String name();

    /** The prefix of its settings: {@code sepm.actions} ({@code sepm.actions.enabled}). */
    String prefix();

    /** Topics its routes publish or read, each with a dead-letter sibling: property to default name. */
    Map<String, String> topics();

    /** Its compacted topics (state kept in Kafka): property to default name. */
    Map<String, String> tables();

    /** Its own settings that take one of a few values, checked with the rest at start. */
    default Map<String, java.util.Set<String>> settingChoices() {
        return Map.of(prefix() + ".enabled", java.util.Set.of("true", "false"));
    }

    /** The beans its routes name, built from the settings, its API's calls and a reader of whole topics. */
    Map<String, Object> beans(Settings settings, ApiCalls api, TopicReader reader, java.time.Clock clock);
}
