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
import io.endpointbridge.pipeline.PipelineCounters;
import io.endpointbridge.syslog.SyslogFrame;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A batch normalized by several threads comes out exactly as one thread makes it: same records, same order. */
class SepSyslogProcessorTest {

    @Test
    void aBatchSharedBetweenThreadsKeepsItsOrderAndItsRejects() throws Exception {
        SepEventNormalizer normalizer = SepEventNormalizer.load(Path.of("mappings"), ZoneId.of("UTC"), Clock.systemUTC(),
                Set.of("SymantecServer"), key -> null);
        List<byte[]> lines = Golden.sepFixtureLines();
        Instant received = Instant.parse("2026-11-23T08:00:00Z");
        List<SyslogFrame> frames = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = i % 7 == 3 ? ("garbage " + i).getBytes(StandardCharsets.UTF_8) : lines.get(i % lines.size());
            frames.add(SyslogFrame.accepted(bytes, "tcp", "127.0.0.1:1", received));
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            Exchange single = run(new SepSyslogProcessor(() -> normalizer, "events.dlq", 1), context, frames);
            Exchange shared = run(new SepSyslogProcessor(() -> normalizer, "events.dlq", 3), context, frames);
            List<Message> expected = single.getMessage().getBody(List.class);
            List<Message> actual = shared.getMessage().getBody(List.class);
            assertEquals(frames.size(), actual.size());
            int rejects = 0;
            for (int i = 0; i < frames.size(); i++) {
                assertArrayEquals((byte[]) expected.get(i).getBody(), (byte[]) actual.get(i).getBody(), "record " + i);
                assertEquals(expected.get(i).getHeaders(), actual.get(i).getHeaders(), "headers of record " + i);
                if ("events.dlq".equals(actual.get(i).getHeader(KafkaConstants.OVERRIDE_TOPIC))) {
                    rejects++;
                }
            }
            assertEquals(143, rejects, "every seventh line is garbage");
            assertEquals(rejects, shared.getProperty(PipelineCounters.REJECTED_PROPERTY));
            assertEquals(frames.size() - rejects, shared.getProperty(PipelineCounters.PUBLISHED_PROPERTY));
        }
    }

    private static Exchange run(SepSyslogProcessor processor, DefaultCamelContext context, List<SyslogFrame> frames) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(frames);
        processor.process(exchange);
        return exchange;
    }
}
