package io.endpointbridge.polling;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a poller waits between attempts: Retry-After when the server gives one (capped), else exponential backoff with
 * full jitter, at most {@code maxRetries} times per request.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public Duration backoff(int attempt) {
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    public Duration retryAfter(Duration serverSays, int attempt) {
        if (serverSays == null) {
            return backoff(attempt);
        }
        return serverSays.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : serverSays;
    }
}
