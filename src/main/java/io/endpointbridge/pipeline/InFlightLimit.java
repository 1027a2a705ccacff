package io.endpointbridge.pipeline;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how many messages are between the listener and a Kafka acknowledgement. The Kafka producer is asynchronous,
 * so without a bound a fast sender fills the heap with exchanges waiting for acks. When the bound is reached this
 * step blocks the listener's I/O thread until acknowledgements come back: TCP senders are slowed down by TCP flow
 * control, UDP datagrams queue in the socket buffer (and the kernel counts what it drops). The listeners therefore
 * process on their I/O threads ({@code usingExecutorService=false}).
 */
public class InFlightLimit implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightLimit.class);
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final int maxInFlight;
    private final Semaphore permits;
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    public InFlightLimit(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        int n = Math.min(PipelineCounters.batchSize(exchange), maxInFlight);
        if (!permits.tryAcquire(n)) {
            long count = waits.incrementAndGet();
            long now = System.nanoTime();
            long last = lastLogged.get();
            if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
                LOG.warn("{} messages awaiting Kafka acknowledgement (pipeline.max-in-flight): slowing the listeners "
                        + "down ({} waits so far)", maxInFlight, count);
            }
            permits.acquire(n);
        }
        exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                permits.release(n);
            }
        });
    }
}
