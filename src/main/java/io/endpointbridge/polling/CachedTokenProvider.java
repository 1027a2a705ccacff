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

    /** Logs the cached token out ({@link #end}) and forgets it; nothing when none was fetched. */
    @Override
    public void release() {
        Fetched ending;
        synchronized (this) {
            ending = current;
            current = null;
        }
        if (ending != null) {
            end(ending.token());
        }
    }

    /** Ends the token's session at the API; nothing by default (bearer tokens simply expire). */
    protected void end(String token) {
    }

    @Override
    public long fetches() {
        return fetches.get();
    }
}
