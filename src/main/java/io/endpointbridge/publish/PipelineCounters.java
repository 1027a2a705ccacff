package io.endpointbridge.publish;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.endpointbridge.core.OccasionalWarning;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-source counts of what happened to every input: received, published, rejected (dead-lettered), filtered (left
 * out by a log type's drop rule), spooled (written to the disk spool for later), dropped (refused with a logged
 * reason) and failed (could not be written to Kafka nor spooled). Once nothing is in flight and the spool is empty:
 * received = published + rejected + filtered + dropped + failed.
 * The routes count through these methods; the source is the exchange property {@code source}.
 */
public class PipelineCounters {

    public static final String SOURCE_PROPERTY = "source";
    /** Set by a batch step: how many records of the batch are events and how many dead-letter records. */
    public static final String PUBLISHED_PROPERTY = "publishedCount";
    public static final String REJECTED_PROPERTY = "rejectedCount";
    /** Set by a batch step: how many of its inputs the routing rules filtered out (no record). */
    public static final String FILTERED_PROPERTY = "filteredCount";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineCounters.class);

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final OccasionalWarning queueFull = new OccasionalWarning(60, java.util.concurrent.TimeUnit.SECONDS);

    /** Counts the exchange's inputs: the size of a batch body, else one. */
    public void received(Exchange exchange) {
        count(exchange, "received", batchSize(exchange));
    }

    /** A batch acknowledged by Kafka: its events as published, its dead-letter records as rejected. */
    public void delivered(Exchange exchange) {
        count(exchange, "published", exchange.getProperty(PUBLISHED_PROPERTY, 0, Integer.class));
        count(exchange, "rejected", exchange.getProperty(REJECTED_PROPERTY, 0, Integer.class));
    }

    /**
     * A batch refused at the door (the UDP normalize queue full): received and dropped, with a warning at most once
     * a minute.
     */
    public void refused(Exchange exchange) {
        int n = batchSize(exchange);
        String source = exchange.getProperty(SOURCE_PROPERTY, "unknown", String.class);
        add(source + ".received", n);
        add(source + ".dropped", n);
        if (queueFull.due()) {
            LOG.warn("UDP normalize queue full (syslog.udp.queue-batches): {} messages dropped and counted; {} so far",
                    n, get(source, "dropped"));
        }
    }

    /** A batch's inputs the routing rules filtered out: final at once, they go nowhere. */
    public void filtered(Exchange exchange) {
        count(exchange, "filtered", exchange.getProperty(FILTERED_PROPERTY, 0, Integer.class));
    }

    /** Inputs that were received but not delivered, with the reason in the log: counted, never silent. */
    public void dropped(String source, long count) {
        add(source + ".dropped", count);
    }

    /** Records written to the disk spool (they count as published or rejected once replayed). */
    public void spooled(String source, long count) {
        add(source + ".spooled", count);
    }

    public void add(String source, String outcome, long count) {
        add(source + "." + outcome, count);
    }

    public void published(Exchange exchange) {
        count(exchange, "published");
    }

    public void rejected(Exchange exchange) {
        count(exchange, "rejected");
    }

    public void failed(Exchange exchange) {
        count(exchange, "failed", batchSize(exchange));
    }

    /**
     * published + rejected + filtered + dropped + failed: equals received once nothing is in flight and the spool is
     * empty.
     */
    public long accountedFor(String source) {
        return get(source, "published") + get(source, "rejected") + get(source, "filtered") + get(source, "dropped")
                + get(source, "failed");
    }

    public long get(String source, String outcome) {
        LongAdder adder = counts.get(source + "." + outcome);
        return adder == null ? 0 : adder.sum();
    }

    /** All counts as {@code source.outcome -> n}, sorted. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((key, adder) -> out.put(key, adder.sum()));
        return out;
    }

    public void logSummary() {
        if (!counts.isEmpty()) {
            LOG.info("Pipeline counts: {}", snapshot());
        }
    }

    private void count(Exchange exchange, String outcome) {
        count(exchange, outcome, 1);
    }

    private void count(Exchange exchange, String outcome, long n) {
        add(exchange.getProperty(SOURCE_PROPERTY, "unknown", String.class) + "." + outcome, n);
    }

    private void add(String key, long n) {
        counts.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    public static int batchSize(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof java.util.Collection<?> batch ? batch.size() : 1;
    }
}
