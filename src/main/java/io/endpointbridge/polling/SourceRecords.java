package io.endpointbridge.polling;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.RecordBudget;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.core.Settings;
import io.endpointbridge.kafka.CheckpointStore;
import io.endpointbridge.mapping.JsonBytes;
import io.endpointbridge.mapping.JsonSourceRecord;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.publish.KafkaRecords;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.polling.RecordSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What the windowed and streamed pollers share about a source's records: starting a run from its checkpoint, mapping
 * one raw record, the Kafka record (key, headers) or the dead letter it becomes.
 */
public final class SourceRecords {

    /** Where the records go: the source's topic and dead-letter topic, and the largest record Kafka takes. */
    public record Delivery(String topic, String deadLetterTopic, RecordBudget budget) {

        public static Delivery from(Settings settings, RecordSource source) {
            String topic = settings.get(source.topicProperty(), source.defaultTopic());
            return new Delivery(topic, topic + ".dlq", RecordBudget.from(settings));
        }
    }

    private final RecordSource source;
    private final Delivery delivery;
    private final java.time.ZoneId zone;
    private final Clock clock;

    public SourceRecords(RecordSource source, Settings settings, Clock clock) {
        this.source = source;
        this.delivery = Delivery.from(settings, source);
        this.zone = source.zone(settings);
        this.clock = clock;
    }

    /**
     * Starts the source's run on the exchange and reads where it stands: its last checkpoint record, or empty. A
     * checkpoint that cannot be read fails the run (it never starts from nothing by mistake).
     */
    public Optional<JsonNode> start(Exchange exchange, RunTracker tracker, CheckpointStore checkpoints) {
        Run run = begin(exchange, tracker);
        try {
            return checkpoints.read(source.name()).map(text -> AssetPageMapper.parse(text.getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            tracker.failed(run, "cannot read the checkpoint from " + checkpoints.topic() + ": " + e.getMessage());
            throw e;
        }
    }

    /** Starts the source's run on the exchange. */
    public Run begin(Exchange exchange, RunTracker tracker) {
        exchange.setProperty(PipelineCounters.SOURCE_PROPERTY, source.name());
        Run run = tracker.start(source.name());
        exchange.setProperty(AssetPoller.RUN_PROPERTY, run);
        exchange.setProperty(DeadLetters.RUN_ID_PROPERTY, run.runId());
        return run;
    }

    /** One raw record mapped; throws {@link RejectedInputException} with the reason when it cannot be. */
    public ObjectNode map(TransformMap map, JsonNode raw, Map<String, String> metadata) {
        if (!raw.isObject()) {
            throw new RejectedInputException("record is not a JSON object");
        }
        return map.apply(new JsonSourceRecord(source.prepare(raw), metadata), zone);
    }

    /**
     * A mapped record for the source's topic: keyed ({@code <keyPrefix><key>}), with the run, schema and the source's
     * header fields; throws {@link RejectedInputException} when it is larger than Kafka takes.
     */
    public Message record(Exchange exchange, String runId, ObjectNode record) {
        byte[] value = JsonBytes.of(record);
        delivery.budget().check("normalized record", value.length);
        Message message = KafkaRecords.record(exchange.getContext(), delivery.topic(), source.keyPrefix() + source.key(record),
                null, source.name(), value);
        message.setHeader("runId", runId);
        message.setHeader("schemaVersion", source.schema());
        for (String field : source.headerFields()) {
            if (record.hasNonNull(field)) {
                message.setHeader(field, record.get(field).asText());
            }
        }
        return message;
    }

    /** The largest record value Kafka takes (the producer's request size less its headroom). */
    public int maxRecordBytes() {
        return delivery.budget().maxValueBytes();
    }

    /** A dead letter with the raw input and the reason, for the source's dead-letter topic. */
    public Message deadLetter(Exchange exchange, String runId, byte[] raw, String reason) {
        return KafkaRecords.deadLetter(exchange.getContext(), delivery.deadLetterTopic(), source.name(), null,
                JsonBytes.of(DeadLetters.record(source.name(), reason, raw, clock.instant()).put("runId", runId)));
    }
}
