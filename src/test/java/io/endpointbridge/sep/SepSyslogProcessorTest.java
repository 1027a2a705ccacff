package io.endpointbridge.sep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.endpointbridge.Golden;
import io.endpointbridge.core.RecordBudget;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.syslog.SyslogFrame;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batches started one after another are normalized on the pool at the same time, yet each comes out as the
 * normalizer makes it frame by frame: same records, same order, dead-letter records in place, counts set.
 */
class SepSyslogProcessorTest {

    @Test
    void batchesNormalizedTogetherKeepTheirOrderAndTheirRejects() throws Exception {
        SepEventNormalizer normalizer = SepEventNormalizer.load(Path.of("mappings"), ZoneId.of("UTC"), Clock.systemUTC(),
                Set.of("SymantecServer"), key -> null);
        List<byte[]> lines = Golden.sepFixtureLines();
        Instant received = Instant.parse("2026-11-23T08:00:00Z");
        SepSyslogProcessor processor = new SepSyslogProcessor(() -> normalizer, "events", new RecordBudget(1 << 20), 3);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            List<List<SyslogFrame>> batches = new ArrayList<>();
            List<Exchange> started = new ArrayList<>();
            for (int b = 0; b < 6; b++) {
                List<SyslogFrame> frames = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    int n = b * 1000 + i;
                    byte[] bytes = n % 7 == 3 ? ("garbage " + n).getBytes(StandardCharsets.UTF_8) : lines.get(n % lines.size());
                    frames.add(SyslogFrame.accepted(bytes, "tcp", "127.0.0.1:1", received));
                }
                Exchange exchange = new DefaultExchange(context);
                exchange.getMessage().setBody(frames);
                processor.process(exchange);
                batches.add(frames);
                started.add(exchange);
            }
            for (int b = 0; b < batches.size(); b++) {
                Exchange exchange = started.get(b);
                processor.awaitNormalized(exchange);
                List<Message> records = exchange.getMessage().getBody(List.class);
                assertEquals(1000, records.size());
                int rejects = 0;
                for (int i = 0; i < records.size(); i++) {
                    Message record = records.get(i);
                    if ("events.dlq".equals(record.getHeader(KafkaConstants.OVERRIDE_TOPIC))) {
                        assertTrue(new String((byte[]) record.getBody(), StandardCharsets.UTF_8).contains("garbage " + (b * 1000 + i)));
                        rejects++;
                        continue;
                    }
                    SepEventNormalizer.NormalizedEvent expected = normalizer.normalize(batches.get(b).get(i));
                    assertArrayEquals(expected.json(), (byte[]) record.getBody(), "batch " + b + " record " + i);
                    assertEquals(expected.eventId(), record.getHeader("eventId"));
                    assertEquals(expected.key(), record.getHeader(KafkaConstants.KEY));
                }
                assertTrue(rejects >= 142 && rejects <= 143, "every seventh line is garbage: " + rejects);
                assertEquals(rejects, exchange.getProperty(PipelineCounters.REJECTED_PROPERTY));
                assertEquals(1000 - rejects, exchange.getProperty(PipelineCounters.PUBLISHED_PROPERTY));
                assertEquals("tcp", exchange.getProperty(io.endpointbridge.publish.SyslogDelivery.TRANSPORT_PROPERTY));
            }
        }
    }
}
