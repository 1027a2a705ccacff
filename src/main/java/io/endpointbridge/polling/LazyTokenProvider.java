package io.endpointbridge.polling;

import java.util.function.Supplier;

/** Creates the real token provider on first use, so missing credentials fail a run, not the application start. */
public final class LazyTokenProvider implements TokenProvider {

    private final Supplier<TokenProvider> factory;
    private TokenProvider delegate;

    public LazyTokenProvider(Supplier<TokenProvider> factory) {
        this.factory = factory;
    }

    private synchronized TokenProvider delegate() {
        if (delegate == null) {
            delegate = factory.get();
        }
        return delegate;
    }

    @Override
    public String token() {
        return delegate().token();
    }

    @Override
    public void invalidate() {
        delegate().invalidate();
    }

    @Override
    public void release() {
        TokenProvider created;
        synchronized (this) {
            created = delegate;
        }
        if (created != null) {
            created.release();
        }
    }

    @Override
    public synchronized long fetches() {
        return delegate == null ? 0 : delegate.fetches();
    }
}
