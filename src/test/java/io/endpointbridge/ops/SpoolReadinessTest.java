package io.endpointbridge.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.endpointbridge.kafka.RecordMessage;
import io.endpointbridge.publish.DiskSpool;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readiness goes DOWN while the spool holds records nothing was acknowledged of for spool.stall-alert, and back UP. */
class SpoolReadinessTest {

    @Test
    void aSpoolThatDoesNotMoveTurnsReadinessDownUntilASegmentIsAcknowledged() throws Exception {
        Path dir = Files.createTempDirectory("spool");
        DiskSpool spool = new DiskSpool(dir, 1 << 20, 1 << 16);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            SpoolReadiness readiness = new SpoolReadiness(spool, Duration.ofMillis(300));
            readiness.setCamelContext(context);
            assertEquals(HealthCheck.State.UP, readiness.call().getState(), "an empty spool never stalls");
            Message record = new RecordMessage(context);
            record.setHeader(KafkaConstants.KEY, "k");
            record.setBody("{}".getBytes(StandardCharsets.UTF_8));
            assertTrue(spool.append("sep-syslog", List.of(record), "events"));
            assertEquals(HealthCheck.State.UP, readiness.call().getState(), "just spooled");
            Thread.sleep(400);
            HealthCheck.Result stalled = readiness.call();
            assertEquals(HealthCheck.State.DOWN, stalled.getState());
            assertTrue(stalled.getMessage().orElse("").contains("has not moved"), stalled.getMessage().toString());
            assertTrue(spool.stalledFor().toMillis() >= 300);
            spool.remove(spool.oldest(context, "events.dlq"));
            assertEquals(HealthCheck.State.UP, readiness.call().getState(), "acknowledged: moving again");
            assertEquals(Duration.ZERO, spool.stalledFor());
        }
    }
}
