package io.endpointbridge.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.endpointbridge.core.OccasionalWarning;
import io.endpointbridge.mapping.JsonBytes;
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
    static final String ROOM_TAKEN_PROPERTY = "roomTaken";
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

    /**
     * Takes the batch's room in the in-flight window when Kafka can have it now (the spool is empty and there is room,
     * TCP waiting up to {@code spool.tcp-wait-ms} for it): exchange property {@code roomTaken} says whether it did;
     * without room the batch goes to the spool, behind what is there already.
     */
    public void takeRoom(Exchange exchange) throws InterruptedException {
        exchange.setProperty(ROOM_TAKEN_PROPERTY,
                spool.isEmpty() && window.enter(exchange, isUdp(exchange) ? 0 : tcpWaitMillis));
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

    /** The replayed segment was sent record by record, each counted on its own: remove it without counting again. */
    public void replayedOneByOne(Exchange exchange) throws IOException {
        DiskSpool.Segment segment = exchange.getProperty(SEGMENT_PROPERTY, DiskSpool.Segment.class);
        spool.remove(segment);
        LOG.info("Replayed {} spooled records from {} one by one; {} records ({} bytes) still spooled",
                segment.records().size(), segment.file().getFileName(), spool.records(), spool.bytes());
    }

    /** The batch's records as batches of one, for sending again after Kafka refused the batch for good. */
    public List<List<Message>> oneByOne(Exchange exchange) {
        return batch(exchange).stream().map(List::of).toList();
    }

    /** A record sent alone was acknowledged: an event counts as published, a dead letter as rejected. */
    public void deliveredAlone(Exchange exchange) {
        Message record = batch(exchange).get(0);
        counters.add(source(record, exchange), KafkaRecords.isDeadLetter(record) ? "rejected" : "published", 1);
    }

    /** A record sent alone was neither acknowledged nor spooled (even its dead letter failed): counted as failed. */
    public void failedAlone(Exchange exchange) {
        Message record = batch(exchange).get(0);
        String source = source(record, exchange);
        counters.add(source, "failed", 1);
        LOG.error("A {} record was neither published nor dead-lettered (counted as failed): {}", source,
                DeadLetters.reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
    }

    /**
     * Kafka refused a record for good (too large for the cluster, invalid, a topic it may not write): it becomes a
     * dead letter with Kafka's reason and the record's first bytes, in the body as a batch of one. A dead letter that
     * was refused itself gets no second one: it fails.
     */
    public void refusedForGood(Exchange exchange) {
        Message record = batch(exchange).get(0);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (KafkaRecords.isDeadLetter(record)) {
            throw new IllegalStateException("Kafka refused a dead-letter record for good: " + DeadLetters.reason(error));
        }
        String source = source(record, exchange);
        Object value = record.getBody();
        byte[] raw = value instanceof byte[] bytes ? bytes : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        LOG.warn("Kafka refused a {} record for good ({}): sent to {}", source, DeadLetters.reason(error), deadLetterTopic);
        exchange.getMessage().setBody(List.of(KafkaRecords.deadLetter(exchange.getContext(), deadLetterTopic, source, null,
                JsonBytes.of(DeadLetters.record(source, "Kafka refused the normalized record: " + DeadLetters.reason(error),
                        raw, Instant.now())))));
    }

    /** The record's own source header (spooled records keep it), else the exchange's. */
    private static String source(Message record, Exchange exchange) {
        String source = record.getHeader(KafkaRecords.SOURCE_HEADER, String.class);
        return source != null ? source : exchange.getProperty(PipelineCounters.SOURCE_PROPERTY, "unknown", String.class);
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
