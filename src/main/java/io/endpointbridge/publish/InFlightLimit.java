package io.endpointbridge.publish;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import io.endpointbridge.core.OccasionalWarning;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how many messages are between the listener and a Kafka acknowledgement. The Kafka producer is asynchronous,
 * so without a bound a fast sender fills the heap with exchanges waiting for acks. When the bound is reached the
 * listener's I/O thread waits a little for acknowledgements (TCP senders are slowed down by TCP flow control) and then
 * the batch goes to the disk spool instead (see {@link SyslogDelivery}). The listeners therefore
 * process on their I/O threads ({@code usingExecutorService=false}).
 */
public class InFlightLimit {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightLimit.class);

    private final int maxInFlight;
    private final Semaphore permits;
    private final AtomicLong waits = new AtomicLong();
    private final OccasionalWarning windowFull = new OccasionalWarning(60, java.util.concurrent.TimeUnit.SECONDS);

    public InFlightLimit(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
    }

    /** How many messages are in the window now (read, not yet acknowledged, spooled or failed). */
    public int inFlight() {
        return maxInFlight - permits.availablePermits();
    }

    /**
     * Takes the exchange's batch into the window, waiting up to {@code waitMillis} for room; false if there was none.
     * Taken room is given back when the exchange completes (acknowledged, spooled or failed), also when the exchange
     * was handed on to a {@code seda} queue without waiting: Camel hands its completions over to the queued copy.
     */
    public boolean enter(Exchange exchange, long waitMillis) throws InterruptedException {
        int n = Math.min(PipelineCounters.batchSize(exchange), maxInFlight);
        if (!permits.tryAcquire(n)) {
            long count = waits.incrementAndGet();
            if (windowFull.due()) {
                LOG.warn("{} messages awaiting Kafka acknowledgement (pipeline.max-in-flight): slowing the listeners "
                        + "down or spooling ({} times so far)", maxInFlight, count);
            }
            if (!permits.tryAcquire(n, waitMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                permits.release(n);
            }
        });
        return true;
    }
}
