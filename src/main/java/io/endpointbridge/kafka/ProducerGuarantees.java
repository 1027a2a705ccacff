package io.endpointbridge.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.endpointbridge.core.Settings;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer settings every route publishes with, checked at start: idempotent, acks=all and at most five requests
 * in flight (what idempotence needs to keep order). camel-kafka has passed {@code enable.idempotence=false} by default
 * in the past, so this reads the properties camel-kafka will actually hand to the Kafka client and refuses to start
 * without the guarantees. The effective settings are logged with passwords and JAAS configs masked.
 */
public final class ProducerGuarantees {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerGuarantees.class);
    static final String MASK = "******";

    private ProducerGuarantees() {
    }

    public static Properties effective(KafkaConfiguration kafka) {
        return kafka.createProducerProperties();
    }

    /** Throws {@link IllegalStateException} naming the setting when a delivery guarantee is off. */
    public static void check(Properties producer) {
        require(producer, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true".equals(value(producer, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)),
                "true (camel.component.kafka.enable-idempotence)");
        String acks = value(producer, ProducerConfig.ACKS_CONFIG);
        require(producer, ProducerConfig.ACKS_CONFIG, "all".equals(acks) || "-1".equals(acks),
                "all (camel.component.kafka.request-required-acks)");
        String inFlight = value(producer, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        require(producer, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                inFlight == null || Integer.parseInt(inFlight) <= 5, "at most 5 (camel.component.kafka.max-in-flight-request)");
    }

    public static void checkAndLog(KafkaConfiguration kafka) {
        Properties producer = effective(kafka);
        LOG.info("Kafka producer settings: {}", masked(producer));
        check(producer);
    }

    /** The settings as a sorted map, secrets replaced by {@value #MASK}. */
    public static Map<String, String> masked(Properties producer) {
        Map<String, String> out = new TreeMap<>();
        producer.forEach((key, value) -> out.put(String.valueOf(key), Settings.isSecret(String.valueOf(key)) ? MASK : String.valueOf(value)));
        return out;
    }


    private static String value(Properties producer, String key) {
        Object value = producer.get(key);
        return value == null ? null : String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static void require(Properties producer, String key, boolean ok, String expected) {
        if (!ok) {
            throw new IllegalStateException("Kafka producer setting " + key + "=" + producer.get(key)
                    + " breaks the delivery guarantees: it must be " + expected);
        }
    }
}
