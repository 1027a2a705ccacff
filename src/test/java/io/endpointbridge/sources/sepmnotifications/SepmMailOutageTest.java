package io.endpointbridge.sources.sepmnotifications;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import io.endpointbridge.RunningBridge;
import io.endpointbridge.TestPorts;
import io.endpointbridge.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A mail is marked seen only once its record is in Kafka: with the broker down, a notification mail stays unseen in the
 * mailbox (fetched again at every poll, published nowhere); when the broker is back, it is published and then marked.
 */
class SepmMailOutageTest {

    @Test
    void aMailStaysUnseenWhileKafkaCannotTakeItsRecord() throws Exception {
        Path data = Files.createTempDirectory("sepm-mail-outage");
        int kafkaPort = TestPorts.free();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker("127.0.0.1", kafkaPort, TestPorts.free(),
                data.resolve("broker").toFile(), 1);
        broker.start();
        Mailbox mailbox = new Mailbox();
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        p.put("kafka.bootstrap-servers", "127.0.0.1:" + kafkaPort);
        mailbox.configure(p);
        p.put("sepm.mail.subjects", "Single Risk Event:,Risk Outbreak");
        // a send gives up within seconds, not the default two minutes
        p.put("camel.component.kafka.delivery-timeout-ms", "6000");
        p.put("camel.component.kafka.request-timeout-ms", "2000");
        p.put("camel.component.kafka.max-block-ms", "2000");
        try (RunningBridge bridge = new RunningBridge(p, data, kafkaPort, TestPorts.free())) {
            mailbox.deliver("seed002-single-risk-event.eml");
            mailbox.awaitSeen(1);

            broker.stop();
            mailbox.deliver("outbreak-html-quoted-printable-two-computers.eml");
            Thread.sleep(12_000);
            assertFalse(mailbox.seenBySubject().get("Risk Outbreak: W32.Downadup.B on 2 computers"),
                    "not marked while Kafka is away: " + mailbox.inbox());

            broker.start();
            mailbox.awaitSeen(2);
            assertEquals(1, bridge.consume("security.alerts.sepm.v1",
                    r -> r.value().contains("W32.Downadup.B"), 1, Duration.ofSeconds(20)).size(), "published once it could be");
        } finally {
            mailbox.close();
            broker.stop();
        }
    }
}
