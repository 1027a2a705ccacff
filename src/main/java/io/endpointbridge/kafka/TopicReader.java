package io.endpointbridge.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic as it is now, every partition from its start to its end offset at the time of the call, with
 * no consumer group (nothing committed, nothing shared with other readers): for the tables kept in Kafka.
 */
public final class TopicReader {

    private final Supplier<Properties> clientProperties;
    private final Duration timeout;

    /** @param timeout how long to wait for the broker's answers (partitions, offsets) before giving up */
    public TopicReader(Supplier<Properties> clientProperties, Duration timeout) {
        this.clientProperties = clientProperties;
        this.timeout = timeout;
    }

    /** Every record's key and value (null for a tombstone), partition by partition in offset order. */
    public void readAll(String topic, BiConsumer<String, String> each) {
        readAll(topic, records -> { }, each);
    }

    /**
     * The same, first telling {@code size} how many records the topic holds now (end less start offsets, every
     * partition: at least its keys' count), so a reader can size what it fills.
     */
    public void readAll(String topic, LongConsumer size, BiConsumer<String, String> each) {
        Properties properties = clientProperties.get();
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", StringDeserializer.class.getName());
        properties.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            size.accept(partitions.stream().mapToLong(p -> end.get(p) - start.get(p)).sum());
            consumer.seekToBeginning(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(record.key(), record.value());
                }
            }
        }
    }
}
