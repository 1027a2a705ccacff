package io.endpointbridge.polling;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of the {@code api-retry} route configuration that need the calling source's settings: which source a
 * request belongs to is its {@code api} exchange property (the settings prefix, {@code ses}), set by the source's
 * route. As the error handler's {@code onExceptionOccurred} it sets the wait before the next attempt
 * ({@code CamelRedeliveryDelay}): the server's {@code Retry-After} capped at {@code <prefix>.max-retry-after-seconds},
 * else exponential backoff with jitter. {@link #attemptsLeft} is the {@code retryWhile} of the retried failures.
 */
public class ApiRetry implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRetry.class);
    /** The exchange property naming the source ({@code ses}); the routes set it. */
    public static final String API_PROPERTY = "api";
    /** Set on a connection test's requests: one attempt, no retries. */
    public static final String PROBE_PROPERTY = "apiProbe";

    @Override
    public void process(Exchange exchange) {
        ApiClient client = client(exchange);
        Exception failure = exchange.getException();
        int retry = Math.max(0, attempts(exchange) - 1);
        Duration wait;
        if (failure instanceof HttpOperationFailedException http && http.getStatusCode() < 500 && http.getStatusCode() != 429) {
            // a 4xx sent again is sent at once: with a renewed token (401), a smaller page (CSAM's 416)
            wait = Duration.ZERO;
        } else if (failure instanceof HttpOperationFailedException http && http.getStatusCode() == 429) {
            Duration serverSays = retryAfter(http.getResponseHeaders());
            wait = client.retry().retryAfter(serverSays, retry);
            if (attemptsLeft(exchange)) {
                LOG.warn("{}: 429 rate limited; retrying in {} ms{}", ApiFailures.path(exchange, failure), wait.toMillis(),
                        serverSays == null ? "" : " (Retry-After " + serverSays.toSeconds() + " s)");
            }
        } else {
            wait = client.retry().backoff(retry);
        }
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis());
    }

    /** True while the request has retries left under its source's {@code <prefix>.max-retries}. */
    public boolean attemptsLeft(Exchange exchange) {
        if (exchange.getProperty(PROBE_PROPERTY, false, Boolean.class)) {
            return false;
        }
        return attempts(exchange) <= client(exchange).retry().maxRetries();
    }

    /**
     * Camel's redelivery counter: while a failure is handled, the failed attempts so far (this one included); once
     * the retries are exhausted, the redeliveries made.
     */
    static int attempts(Exchange exchange) {
        return exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
    }

    static ApiClient client(Exchange exchange) {
        String prefix = exchange.getProperty(API_PROPERTY, String.class);
        ApiClient client = prefix == null ? null
                : exchange.getContext().getRegistry().lookupByNameAndType(ApiClient.beanName(prefix), ApiClient.class);
        if (client == null) {
            throw new IllegalStateException("the route sets no known 'api' property (" + prefix + ")");
        }
        return client;
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(Map<String, String> headers) {
        String value = null;
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase("Retry-After")) {
                    value = header.getValue();
                }
            }
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
