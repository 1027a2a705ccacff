package io.endpointbridge.polling;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.endpointbridge.core.Settings;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * One polled API's client rules, as the camel-http endpoints of its routes take them
 * ({@code httpClientConfigurer: "#<prefix>-http"}) and as the {@code api-retry} route configuration reads them:
 * timeouts, the bounded answer, no redirects and no client-side retries (Camel's redelivery retries), the proxy,
 * the retry policy, and the request and rate-limit counters the metrics show.
 */
public final class ApiClient implements HttpClientConfigurer {

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L << 20;

    private final String prefix;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final BoundedAnswer bounds;
    private final HttpHost proxy;
    private final long maxResponseBytes;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    ApiClient(String prefix, Duration connectTimeout, Duration requestTimeout, long maxResponseBytes,
              RetryPolicy retry, HttpHost proxy) {
        this.prefix = prefix;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.bounds = new BoundedAnswer(maxResponseBytes, prefix + ".max-response-bytes", requestTimeout.toMillis());
        this.proxy = proxy;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The same rules with another time for the whole answer (a long-poll that holds the request open). */
    public ApiClient withRequestTimeout(Duration timeout) {
        return new ApiClient(prefix, connectTimeout, timeout, maxResponseBytes, retry, proxy);
    }

    /**
     * From {@code <prefix>.connect-timeout-ms}, {@code .request-timeout-ms} (the whole answer, body included),
     * {@code .max-response-bytes}, {@code .max-retries}, {@code .backoff-initial-ms}, {@code .backoff-max-ms},
     * {@code .max-retry-after-seconds} and {@code .proxy-host} / {@code .proxy-port}.
     */
    public static ApiClient from(Settings settings, String prefix, int defaultRequestTimeoutMs) {
        RetryPolicy policy = new RetryPolicy(settings.getInt(prefix + ".max-retries", 5),
                Duration.ofMillis(settings.getInt(prefix + ".backoff-initial-ms", 1000)),
                Duration.ofMillis(settings.getInt(prefix + ".backoff-max-ms", 60000)),
                Duration.ofSeconds(settings.getInt(prefix + ".max-retry-after-seconds", 600)));
        HttpHost proxy = settings.optional(prefix + ".proxy-host")
                .map(host -> new HttpHost(host, settings.getInt(prefix + ".proxy-port", 3128))).orElse(null);
        return new ApiClient(prefix, Duration.ofMillis(settings.getInt(prefix + ".connect-timeout-ms", 10000)),
                Duration.ofMillis(settings.getInt(prefix + ".request-timeout-ms", defaultRequestTimeoutMs)),
                settings.getLong(prefix + ".max-response-bytes", DEFAULT_MAX_RESPONSE_BYTES), policy, proxy);
    }

    /** The registry name the routes use for it: {@code ses-http}. */
    public static String beanName(String prefix) {
        return prefix + "-http";
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableRedirectHandling();
        builder.disableAutomaticRetries();
        builder.setDefaultRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setResponseTimeout(Timeout.of(requestTimeout))
                .setRedirectsEnabled(false)
                .build());
        builder.addRequestInterceptorFirst((request, entity, context) -> {
            requests.incrementAndGet();
            // the routes append the API path to {{<prefix>.base-url}}: a base URL ending in / must not give /api//v1
            String path = request.getPath();
            if (path != null && path.contains("//")) {
                request.setPath(path.replaceAll("/{2,}", "/"));
            }
        });
        builder.addRequestInterceptorLast(bounds);
        builder.addResponseInterceptorFirst((response, entity, context) -> {
            if (response.getCode() == 429) {
                throttled.incrementAndGet();
            }
        });
        builder.addResponseInterceptorLast(bounds);
        if (proxy != null) {
            builder.setProxy(proxy);
        } else {
            // https.proxyHost / http.proxyHost / http.nonProxyHosts of the JVM
            builder.useSystemProperties();
        }
    }

    public String prefix() {
        return prefix;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public RetryPolicy retry() {
        return retry;
    }

    public long requests() {
        return requests.get();
    }

    public long throttled() {
        return throttled.get();
    }
}
