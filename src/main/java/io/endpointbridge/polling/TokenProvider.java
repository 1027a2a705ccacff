package io.endpointbridge.polling;

/** A bearer token for an API, fetched when needed and cached until shortly before it expires. */
public interface TokenProvider {

    /** A valid token, fetched or renewed if the cached one is missing or about to expire. */
    String token();

    /** Forgets the cached token (the API answered 401), so the next {@link #token()} fetches a new one. */
    void invalidate();

    /** Ends the session the cached token stands for, where the API has sessions (a logout); nothing by default. */
    default void release() {
    }

    /** How many tokens have been fetched (initial and renewals). */
    long fetches();

    /** The {@code Authorization} header value the routes send: {@code Bearer <token>}. */
    default String bearer() {
        return "Bearer " + token();
    }

    /** The registry name the routes use for a source's tokens: {@code ses-tokens}. */
    static String beanName(String prefix) {
        return prefix + "-tokens";
    }
}
