package io.endpointbridge.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-source counts of what happened to every input: received, published, rejected (dead-lettered) and failed (could
 * not be written to Kafka at all). received = published + rejected + failed once nothing is in flight.
 * The routes count through these methods; the source is the exchange property {@code source}.
 */
public class PipelineCounters {

    public static final String SOURCE_PROPERTY = "source";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineCounters.class);

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void received(Exchange exchange) {
        count(exchange, "received");
    }

    public void published(Exchange exchange) {
        count(exchange, "published");
    }

    public void rejected(Exchange exchange) {
        count(exchange, "rejected");
    }

    public void failed(Exchange exchange) {
        count(exchange, "failed");
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
        String source = exchange.getProperty(SOURCE_PROPERTY, "unknown", String.class);
        counts.computeIfAbsent(source + "." + outcome, key -> new LongAdder()).increment();
    }
}
