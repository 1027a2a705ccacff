package io.endpointbridge.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import io.endpointbridge.assets.AssetDelta;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
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
        Properties properties = clientProperties.get();
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", StringDeserializer.class.getName());
        properties.put("enable.auto.commit", "false");
        Map<String, Long> state = new HashMap<>();
        long started = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || !record.key().startsWith(keyPrefix)) {
                        continue;
                    }
                    if (record.value() == null) {
                        state.remove(record.key());
                    } else {
                        state.put(record.key(), AssetDelta.parseHex(record.value()));
                    }
                }
            }
        }
        LOG.info("Loaded the state of {} {} assets from {} in {} ms", state.size(), keyPrefix, topic,
                (System.nanoTime() - started) / 1_000_000);
        return state;
    }
}
