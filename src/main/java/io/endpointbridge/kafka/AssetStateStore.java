package io.endpointbridge.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import io.endpointbridge.assets.AssetDelta;
import io.endpointbridge.assets.KnownAssets;
import io.endpointbridge.assets.LongHashSet;
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

    /**
     * Every asset whose key starts with {@code keyPrefix}, as of the end of the topic now: its key's hash and its
     * fingerprint (a later record of a key replaces an earlier one, a tombstone removes it).
     */
    public KnownAssets load(String keyPrefix) {
        long started = System.nanoTime();
        // sized from the topic's record count (which the read asks the broker for first), then to this source's own
        KnownAssets[] state = new KnownAssets[1];
        reader().readAll(topic, records -> state[0] = new KnownAssets(records), (key, value) -> {
            if (key == null || !key.startsWith(keyPrefix)) {
                return;
            }
            if (value == null) {
                state[0].remove(AssetDelta.keyHash(key));
            } else {
                state[0].put(AssetDelta.keyHash(key), AssetDelta.parseHex(value));
            }
        });
        LOG.info("Loaded the state of {} {} assets from {} in {} ms", state[0].size(), keyPrefix, topic,
                (System.nanoTime() - started) / 1_000_000);
        return state[0].compacted();
    }

    /**
     * The keys of the assets with these key hashes that the topic still holds (not deleted since): the ones a run did
     * not see, read back for their tombstones. The state itself keeps hashes only.
     */
    public List<String> keysOf(String keyPrefix, LongHashSet keyHashes) {
        if (keyHashes.size() == 0) {
            return List.of();
        }
        Map<String, Boolean> keys = new LinkedHashMap<>();
        reader().readAll(topic, (key, value) -> {
            if (key != null && key.startsWith(keyPrefix) && keyHashes.contains(AssetDelta.keyHash(key))) {
                if (value == null) {
                    keys.remove(key);
                } else {
                    keys.put(key, true);
                }
            }
        });
        return new ArrayList<>(keys.keySet());
    }

    private TopicReader reader() {
        return new TopicReader(clientProperties, java.time.Duration.ofSeconds(30));
    }
}
