package io.endpointbridge.kafka;

import java.util.Arrays;

import org.apache.camel.component.kafka.KafkaHeaderFilterStrategy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shortcut keeps and drops exactly the headers camel-kafka's own filter (exact names) keeps and drops. */
class RecordHeaderFilterTest {

    @Test
    void decidesAsCamelKafkasFilterDoes() {
        KafkaHeaderFilterStrategy camel = new KafkaHeaderFilterStrategy();
        camel.setLowerCase(false);
        RecordHeaderFilter ours = new RecordHeaderFilter();
        for (String name : Arrays.asList("source", "logType", "eventId", "schemaVersion", "changeType", "CamelKafkaKey",
                "camelHttpUri", "org.apache.camel.x", "org.example", "kafka.KEY", "kafka.OVERRIDE_TOPIC", "kafkaish",
                "Kafka.KEY", "CAMEL", "c", "k", "o", "", null)) {
            for (Object value : Arrays.asList("v", null)) {
                assertEquals(camel.applyFilterToCamelHeaders(name, value, null), ours.applyFilterToCamelHeaders(name, value, null),
                        name + "=" + value);
            }
        }
        assertFalse(ours.applyFilterToCamelHeaders("eventId", "x", null), "our headers go into the record");
        assertTrue(ours.applyFilterToCamelHeaders("kafka.KEY", "x", null), "control headers stay out");
        assertTrue(ours.applyFilterToCamelHeaders("CamelFileName", "x", null), "Camel's headers stay out");
    }
}
