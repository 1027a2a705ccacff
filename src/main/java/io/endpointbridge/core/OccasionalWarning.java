package io.endpointbridge.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A condition that can hold for millions of messages (window full, spool full, queue full) is worth one log line per
 * interval, not one per message: {@link #due()} is true at most once per interval, across threads.
 */
public final class OccasionalWarning {

    private final long intervalNanos;
    private final AtomicLong last;

    public OccasionalWarning(long interval, TimeUnit unit) {
        this.intervalNanos = unit.toNanos(interval);
        this.last = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    public boolean due() {
        long now = System.nanoTime();
        long previous = last.get();
        return now - previous >= intervalNanos && last.compareAndSet(previous, now);
    }
}
