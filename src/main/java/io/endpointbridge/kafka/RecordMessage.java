package io.endpointbridge.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record of a Kafka batch body (camel-kafka's {@code batchWithIndividualHeaders}) as a Camel message whose headers
 * are a plain {@link LinkedHashMap}. camel-kafka looks up five headers per record and walks all of them; in Camel's default
 * case-insensitive tree map those lookups were ~7 % of the CPU per syslog event. The names we set are exact, so
 * nothing needs case-insensitive matching here.
 * <p>
 * A record can also be made {@linkplain #ready ready} as the Kafka record itself, where it is made (the syslog path's
 * normalizing threads): the one publishing thread then hands it to the client as it is, instead of reading each
 * header of each record from memory another core wrote (~1 µs per SEP event, bench/profile-syslog); its key can be
 * UTF-8 bytes already, for an endpoint that sends keys as they are ({@code ByteArraySerializer}). Its headers
 * appear as usual when asked for (the spool, a record sent alone, tests); from then on they are the record, and any
 * change to them is in what is sent.
 */
public final class RecordMessage extends DefaultMessage {

    private ProducerRecord<Object, Object> ready;
    private boolean readyTopicOverridden;

    public RecordMessage(CamelContext context) {
        super(context);
    }

    /**
     * The Kafka record as a message; {@code topicOverridden}: its topic is not the sending endpoint's own (a dead
     * letter's, a routed log type's), as the {@code kafka.OVERRIDE_TOPIC} header says for other records.
     */
    public static RecordMessage ready(CamelContext context, ProducerRecord<Object, Object> record, boolean topicOverridden) {
        RecordMessage message = new RecordMessage(context);
        message.setBody(record.value());
        message.ready = record;
        message.readyTopicOverridden = topicOverridden;
        return message;
    }

    /**
     * The ready record when it is still the message as it is and suits the sending endpoint: its topic is the
     * endpoint's or its own, and a key made as bytes goes only where keys are serialized as bytes; else null.
     */
    ProducerRecord<Object, Object> ready(String endpointTopic, boolean bytesKeys) {
        ProducerRecord<Object, Object> record = ready;
        return record != null && (readyTopicOverridden || record.topic().equals(endpointTopic))
                && (bytesKeys || !(record.key() instanceof byte[])) ? record : null;
    }

    @Override
    protected Map<String, Object> createHeaders() {
        Map<String, Object> headers = new LinkedHashMap<>(16);
        ProducerRecord<Object, Object> record = ready;
        if (record != null) {
            // the headers it was made from, as KafkaRecords.address and the callers would have set them
            ready = null;
            headers.put(KafkaConstants.KEY, record.key() instanceof byte[] key ? new String(key, StandardCharsets.UTF_8)
                    : record.key());
            if (readyTopicOverridden) {
                headers.put(KafkaConstants.OVERRIDE_TOPIC, record.topic());
            }
            if (record.timestamp() != null) {
                headers.put(KafkaConstants.OVERRIDE_TIMESTAMP, record.timestamp());
            }
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    @Override
    public void setBody(Object body) {
        ready = null;
        super.setBody(body);
    }
}
