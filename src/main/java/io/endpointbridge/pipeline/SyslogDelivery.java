package io.endpointbridge.pipeline;

import java.io.IOException;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a normalized syslog batch goes: straight to Kafka while the spool is empty and the in-flight window has room,
 * else to the disk spool, which is replayed in order once Kafka acknowledges again. When even the spool is full a TCP
 * listener waits for room (its sender is held back by TCP flow control) while a UDP batch is dropped and counted:
 * a datagram cannot be held back, and waiting would only move the loss into the kernel's buffer.
 */
public class SyslogDelivery {

    public static final String TRANSPORT_PROPERTY = "transport";
    private static final String SEGMENT_PROPERTY = "spoolSegment";
    private static final Logger LOG = LoggerFactory.getLogger(SyslogDelivery.class);
    private static final long FULL_SPOOL_POLL_MILLIS = 200;

    private final DiskSpool spool;
    private final InFlightLimit window;
    private final PipelineCounters counters;
    private final String topic;
    private final String deadLetterTopic;
    private final long tcpWaitMillis;
    private final OccasionalWarning spoolFull = new OccasionalWarning(30, java.util.concurrent.TimeUnit.SECONDS);

    public SyslogDelivery(DiskSpool spool, InFlightLimit window, PipelineCounters counters, String topic,
                          long tcpWaitMillis) {
        this.spool = spool;
        this.window = window;
        this.counters = counters;
        this.topic = topic;
        this.deadLetterTopic = topic + ".dlq";
        this.tcpWaitMillis = tcpWaitMillis;
    }

    public DiskSpool spool() {
        return spool;
    }

    /** True when the batch goes to Kafka now; false when it must go to the spool (behind what is there already). */
    public boolean direct(Exchange exchange) throws InterruptedException {
        return spool.isEmpty() && window.enter(exchange, isUdp(exchange) ? 0 : tcpWaitMillis);
    }

    /** Appends the batch to the spool: TCP waits while the spool is full, UDP counts the batch as dropped. */
    public void spool(Exchange exchange) throws IOException, InterruptedException {
        String source = exchange.getProperty(PipelineCounters.SOURCE_PROPERTY, "unknown", String.class);
        List<Message> batch = batch(exchange);
        boolean udp = isUdp(exchange);
        while (!spool.append(source, batch, topic)) {
            if (udp) {
                counters.dropped(source, batch.size());
                warn("Spool full ({} of spool.max-bytes {}): dropped {} UDP messages (counted as dropped)",
                        spool.bytes(), spool.maxBytes(), batch.size());
                return;
            }
            warn("Spool full ({} of spool.max-bytes {}): holding the TCP sender back until Kafka takes records again",
                    spool.bytes(), spool.maxBytes());
            Thread.sleep(FULL_SPOOL_POLL_MILLIS);
        }
        counters.spooled(source, batch.size());
    }

    /** Puts the oldest spooled segment's records in the body for the replay route; null when the spool is empty. */
    public void nextSegment(Exchange exchange) throws IOException {
        DiskSpool.Segment segment = spool.oldest(exchange.getContext(), deadLetterTopic);
        exchange.setProperty(SEGMENT_PROPERTY, segment);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(segment == null ? null : segment.records());
    }

    /** Kafka acknowledged the segment: remove it and count its records as delivered. */
    public void replayed(Exchange exchange) throws IOException {
        DiskSpool.Segment segment = exchange.getProperty(SEGMENT_PROPERTY, DiskSpool.Segment.class);
        spool.remove(segment);
        segment.outcomes().forEach((source, counts) -> {
            counters.add(source, "published", counts[0]);
            counters.add(source, "rejected", counts[1]);
        });
        LOG.info("Replayed {} spooled records from {}; {} records ({} bytes) still spooled", segment.records().size(),
                segment.file().getFileName(), spool.records(), spool.bytes());
    }

    public void replayFailed() {
        spool.replayFailed();
    }

    private static boolean isUdp(Exchange exchange) {
        return "udp".equals(exchange.getProperty(TRANSPORT_PROPERTY, String.class));
    }

    @SuppressWarnings("unchecked")
    private static List<Message> batch(Exchange exchange) {
        return (List<Message>) exchange.getMessage().getBody(List.class);
    }

    private void warn(String message, Object... args) {
        if (spoolFull.due()) {
            LOG.warn(message, args);
        }
    }
}
