package io.endpointbridge.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import io.endpointbridge.assets.AssetDelta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last known fingerprint of every asset, kept in a compacted Kafka topic (key = asset key, value = fingerprint,
 * tombstone = deleted): no database, shared by replicas, survives restarts. Read whole at the start of each run.
 */
public class AssetStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(AssetStateStore.class);

    private final String topic;
    private final Supplier<Properties> clientProperties;

    public AssetStateStore(String topic, Supplier<Properties> clientProperties) {
        this.topic = topic;
        this.clientProperties = clientProperties;
    }

    public String topic() {
        return topic;
    }

    /** Fingerprints of every asset whose key starts with {@code keyPrefix}, as of the end of the topic now. */
    public Map<String, Long> load(String keyPrefix) {
        Map<String, Long> state = new HashMap<>();
        long started = System.nanoTime();
        new TopicReader(clientProperties, java.time.Duration.ofSeconds(30)).readAll(topic, (key, value) -> {
            if (key == null || !key.startsWith(keyPrefix)) {
                return;
            }
            if (value == null) {
                state.remove(key);
            } else {
                state.put(key, AssetDelta.parseHex(value));
            }
        });
        LOG.info("Loaded the state of {} {} assets from {} in {} ms", state.size(), keyPrefix, topic,
                (System.nanoTime() - started) / 1_000_000);
        return state;
    }
}
