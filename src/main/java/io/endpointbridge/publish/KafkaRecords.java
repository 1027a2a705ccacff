package io.endpointbridge.publish;

import io.endpointbridge.kafka.RecordMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Every record we hand to Kafka is addressed here, the same way for every source: its key, its topic when it is not
 * the sending route's own (dead letters, delta state, changes), its record time, and the {@code source} header.
 * Callers add only the headers that are their own (logType, eventId, runId, changeType, schemaVersion). The one
 * exception is the syslog path's events, made as the Kafka record itself where they are normalized
 * ({@code SepSyslogProcessor.event}, {@link RecordMessage#ready}): the same key, topic, time and source header, read
 * back as these headers when the spool or a record sent alone asks.
 */
public final class KafkaRecords {

    public static final String SOURCE_HEADER = "source";
    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private KafkaRecords() {
    }

    /**
     * A record with its body; {@code topic}, {@code timestamp} and {@code source} may be null (the route's topic,
     * the producer's clock, no source header).
     */
    public static Message record(CamelContext context, String topic, String key, Long timestamp, String source,
                                 Object value) {
        Message record = new RecordMessage(context);
        address(record, topic, key, timestamp, source);
        record.setBody(value);
        return record;
    }

    /** A dead letter (the JSON of {@link DeadLetters#record}) for the source's dead-letter topic, keyed by source. */
    public static Message deadLetter(CamelContext context, String deadLetterTopic, String source, Long timestamp,
                                     byte[] letter) {
        return record(context, deadLetterTopic, source, timestamp, source, letter);
    }

    /** Addresses a message that is already there (the exchange's own, turned into a record). */
    public static void address(Message record, String topic, String key, Long timestamp, String source) {
        record.setHeader(KafkaConstants.KEY, key);
        if (topic != null) {
            record.setHeader(KafkaConstants.OVERRIDE_TOPIC, topic);
        }
        if (timestamp != null) {
            record.setHeader(KafkaConstants.OVERRIDE_TIMESTAMP, timestamp);
        }
        if (source != null) {
            record.setHeader(SOURCE_HEADER, source);
        }
    }

    public static boolean isDeadLetter(Message record) {
        String topic = record.getHeader(KafkaConstants.OVERRIDE_TOPIC, String.class);
        return topic != null && topic.endsWith(DEAD_LETTER_SUFFIX);
    }
}
