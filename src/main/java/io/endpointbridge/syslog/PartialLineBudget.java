package io.endpointbridge.syslog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.endpointbridge.pipeline.OccasionalWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One memory budget ({@code syslog.tcp.max-partial-bytes}) for the bytes all TCP connections of a listener hold while
 * a message is not complete yet. Past it, the connection holding the oldest partial message has it dropped (a
 * rejected frame with its first bytes, counted as rejected) and is closed, whatever the number or slowness of the
 * senders. Each connection's decoder reports what it holds after every read.
 */
public final class PartialLineBudget {

    /** What a connection's decoder does when it is told to give its partial message up (on its own event loop). */
    interface Holder {
        void dropPartial(String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PartialLineBudget.class);

    private final long maxBytes;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Connections holding a partial message, with the System.nanoTime when they began to. */
    private final Map<Holder, Long> since = new ConcurrentHashMap<>();
    private final OccasionalWarning over = new OccasionalWarning(60, TimeUnit.SECONDS);

    public PartialLineBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long held() {
        return held.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /**
     * A connection now holds {@code now} bytes of partial message where it held {@code before}; over the budget, the
     * oldest holder is asked to drop its partial.
     */
    void update(Holder holder, long before, long now) {
        if (now == before) {
            return;
        }
        long total = held.addAndGet(now - before);
        if (now == 0) {
            since.remove(holder);
        } else if (before == 0) {
            since.putIfAbsent(holder, System.nanoTime());
        }
        if (total > maxBytes) {
            Holder oldest = oldest();
            if (oldest != null && since.remove(oldest) != null) {
                long count = dropped.incrementAndGet();
                if (over.due()) {
                    LOG.warn("TCP connections hold {} bytes of partial messages (syslog.tcp.max-partial-bytes {}): "
                            + "dropping the oldest and closing its connection ({} so far)", total, maxBytes, count);
                }
                oldest.dropPartial("partial message dropped: the TCP connections held more than "
                        + "syslog.tcp.max-partial-bytes " + maxBytes + " bytes of unfinished messages and this was the oldest");
            }
        }
    }

    private Holder oldest() {
        Holder oldest = null;
        long oldestSince = Long.MAX_VALUE;
        for (Map.Entry<Holder, Long> entry : since.entrySet()) {
            if (entry.getValue() - oldestSince < 0 || oldest == null) {
                oldest = entry.getKey();
                oldestSince = entry.getValue();
            }
        }
        return oldest;
    }
}
