package io.endpointbridge.syslog;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.endpointbridge.core.OccasionalWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One memory budget ({@code syslog.tcp.max-partial-bytes}) for the bytes all TCP connections of a listener hold while
 * a message is not complete yet. Past it, the connection holding the oldest partial message has it dropped (a
 * rejected frame with its first bytes, counted as rejected) and is closed, whatever the number or slowness of the
 * senders. Each connection's decoder reports what it holds after every read; the connection is told to drop from
 * whichever thread found the budget exceeded, and does it on its own event loop.
 */
public final class PartialLineBudget {

    /** What a connection's decoder does when it is told to give its partial message up (on its own event loop). */
    interface Holder {
        void dropPartial(String reason);
    }

    /** What the budget knows of one connection holding a partial message. */
    private static final class Held {
        final long sinceNanos = System.nanoTime();
        long bytes;
        boolean dropping;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PartialLineBudget.class);

    private final long maxBytes;
    /** Connections holding a partial message; guarded by this. */
    private final Map<Holder, Held> holders = new HashMap<>();
    private volatile long held;
    /** Bytes of the connections told to drop and not yet done: they no longer count against the budget. */
    private long dropping;
    private final AtomicLong dropped = new AtomicLong();
    private final OccasionalWarning over = new OccasionalWarning(60, TimeUnit.SECONDS);

    public PartialLineBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long held() {
        return held;
    }

    public long dropped() {
        return dropped.get();
    }

    /**
     * A connection now holds {@code bytes} of partial message; over the budget, the oldest holders not already told
     * are asked to drop theirs until what is left fits.
     */
    synchronized void set(Holder holder, long bytes) {
        Held entry = holders.get(holder);
        long before = entry == null ? 0 : entry.bytes;
        if (bytes == before) {
            return;
        }
        if (entry == null) {
            entry = new Held();
            holders.put(holder, entry);
        }
        held += bytes - before;
        if (entry.dropping) {
            dropping += bytes - before;
        }
        entry.bytes = bytes;
        if (bytes == 0) {
            holders.remove(holder);
        }
        while (held - dropping > maxBytes) {
            Map.Entry<Holder, Held> oldest = oldestNotDropping();
            if (oldest == null) {
                return;
            }
            oldest.getValue().dropping = true;
            dropping += oldest.getValue().bytes;
            long count = dropped.incrementAndGet();
            if (over.due()) {
                LOG.warn("TCP connections hold {} bytes of partial messages (syslog.tcp.max-partial-bytes {}): "
                        + "dropping the oldest and closing its connection ({} so far)", held, maxBytes, count);
            }
            oldest.getKey().dropPartial("partial message dropped: the TCP connections held more than "
                    + "syslog.tcp.max-partial-bytes " + maxBytes + " bytes of unfinished messages and this was the oldest");
        }
    }

    private Map.Entry<Holder, Held> oldestNotDropping() {
        Map.Entry<Holder, Held> oldest = null;
        for (Map.Entry<Holder, Held> entry : holders.entrySet()) {
            if (!entry.getValue().dropping
                    && (oldest == null || entry.getValue().sinceNanos - oldest.getValue().sinceNanos < 0)) {
                oldest = entry;
            }
        }
        return oldest;
    }
}
