package io.endpointbridge.polling;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Caches a fetched token until its renewal time; the subclass says how to fetch one and when to renew it. */
public abstract class CachedTokenProvider implements TokenProvider {

    /** A fetched token and when to fetch the next one. */
    public record Fetched(String token, Instant renewAt) {
    }

    protected final Clock clock;
    private final AtomicLong fetches = new AtomicLong();
    private Fetched current;

    protected CachedTokenProvider(Clock clock) {
        this.clock = clock;
    }

    protected abstract Fetched fetch();

    @Override
    public synchronized String token() {
        if (current == null || !clock.instant().isBefore(current.renewAt())) {
            current = fetch();
            fetches.incrementAndGet();
        }
        return current.token();
    }

    @Override
    public synchronized void invalidate() {
        current = null;
    }

    @Override
    public long fetches() {
        return fetches.get();
    }
}
