package io.endpointbridge.polling;

/** A bearer token for an API, fetched when needed and cached until shortly before it expires. */
public interface TokenProvider {

    /** A valid token, fetched or renewed if the cached one is missing or about to expire. */
    String token();

    /** Forgets the cached token (the API answered 401), so the next {@link #token()} fetches a new one. */
    void invalidate();

    /** How many tokens have been fetched (initial and renewals). */
    long fetches();
}
