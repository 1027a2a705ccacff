package io.endpointbridge.kafka;

import java.util.Properties;

import org.apache.camel.component.kafka.KafkaConfiguration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProducerGuaranteesTest {

    private static KafkaConfiguration configured() {
        KafkaConfiguration kafka = new KafkaConfiguration();
        kafka.setBrokers("127.0.0.1:9092");
        kafka.setEnableIdempotence(true);
        kafka.setRequestRequiredAcks("all");
        kafka.setMaxInFlightRequest(5);
        return kafka;
    }

    @Test
    void theShippedSettingsPassAndAreWhatTheClientGets() {
        Properties producer = ProducerGuarantees.effective(configured());
        ProducerGuarantees.check(producer);
        assertEquals("true", String.valueOf(producer.get("enable.idempotence")));
        assertEquals("all", String.valueOf(producer.get("acks")));
    }

    @Test
    void idempotenceOffOrWeakAcksRefuseToStart() {
        KafkaConfiguration noIdempotence = configured();
        noIdempotence.setEnableIdempotence(false);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProducerGuarantees.check(ProducerGuarantees.effective(noIdempotence)));
        assertTrue(e.getMessage().contains("enable.idempotence"), e.getMessage());

        KafkaConfiguration oneAck = configured();
        oneAck.setRequestRequiredAcks("1");
        e = assertThrows(IllegalStateException.class, () -> ProducerGuarantees.check(ProducerGuarantees.effective(oneAck)));
        assertTrue(e.getMessage().contains("acks"), e.getMessage());
    }

    @Test
    void secretsAreMaskedInTheLoggedSettings() {
        KafkaConfiguration kafka = configured();
        kafka.setSecurityProtocol("SASL_SSL");
        kafka.setSaslJaasConfig("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"Sup3r-Secret-Jaas\";");
        kafka.setSslTruststorePassword("Sup3r-Secret-Truststore");
        String logged = ProducerGuarantees.masked(ProducerGuarantees.effective(kafka)).toString();
        assertFalse(logged.contains("Sup3r-Secret"), logged);
        assertTrue(logged.contains("sasl.jaas.config=" + ProducerGuarantees.MASK), logged);
    }
}
