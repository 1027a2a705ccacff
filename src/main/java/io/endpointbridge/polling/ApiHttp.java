package io.endpointbridge.polling;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP for the polled APIs, with the behaviour their contracts need and camel-http does not give in one place: no
 * redirects (a cross-host redirect means the wrong region and would drop the Authorization header), Retry-After
 * honoured on 429, bounded retries with backoff on 5xx and timeouts, one token renewal on 401, and failures phrased
 * as the connection-test step they belong to. Messages name method, path and status, never a header or secret.
 */
public class ApiHttp {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHttp.class);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L << 20;

    private final HttpClient client;
    private final URI baseUri;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final BoundedBody bodies;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    /**
     * @param requestTimeout   the whole exchange: connection, headers and the last byte of the body
     * @param maxResponseBytes the largest body read; {@code maxResponseKey} is the setting named when one is larger
     */
    public ApiHttp(URI baseUri, Duration connectTimeout, Duration requestTimeout, long maxResponseBytes,
                   String maxResponseKey, RetryPolicy retry) {
        this.baseUri = baseUri;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.bodies = new BoundedBody(maxResponseBytes, maxResponseKey);
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * From a source's properties: {@code <prefix>.base-url}, {@code .connect-timeout-ms}, {@code .request-timeout-ms}
     * (the whole answer, body included), {@code .max-response-bytes} (default 64 MiB) and the retry settings ({@code .max-retries}, {@code .backoff-initial-ms}, {@code .backoff-max-ms},
     * {@code .max-retry-after-seconds}); {@code retry = false} for one-shot probes such as the connection test.
     */
    public static ApiHttp from(io.endpointbridge.core.Settings settings, String prefix, String defaultBaseUrl,
                               int defaultRequestTimeoutMs, boolean retry) {
        RetryPolicy policy = retry
                ? new RetryPolicy(settings.getInt(prefix + ".max-retries", 5),
                        Duration.ofMillis(settings.getInt(prefix + ".backoff-initial-ms", 1000)),
                        Duration.ofMillis(settings.getInt(prefix + ".backoff-max-ms", 60000)),
                        Duration.ofSeconds(settings.getInt(prefix + ".max-retry-after-seconds", 600)))
                : new RetryPolicy(0, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1));
        return new ApiHttp(URI.create(settings.get(prefix + ".base-url", defaultBaseUrl)),
                Duration.ofMillis(settings.getInt(prefix + ".connect-timeout-ms", 10000)),
                Duration.ofMillis(settings.getInt(prefix + ".request-timeout-ms", defaultRequestTimeoutMs)),
                settings.getLong(prefix + ".max-response-bytes", DEFAULT_MAX_RESPONSE_BYTES), prefix + ".max-response-bytes",
                policy);
    }

    public Duration connectTimeout() {
        return client.connectTimeout().orElse(Duration.ofSeconds(10));
    }

    public URI baseUri() {
        return baseUri;
    }

    public long requests() {
        return requests.get();
    }

    public long throttled() {
        return throttled.get();
    }

    /**
     * Sends a request built for {@code path} (relative to the base URL), retrying as the policy says; returns the
     * body of the 2xx answer. With a token provider, a 401 renews the token once and repeats the request.
     */
    public HttpResponse<byte[]> send(String path, Function<HttpRequest.Builder, HttpRequest.Builder> request,
                                     TokenProvider tokens) {
        // appended, not resolved: a base URL with a path (https://host/api) keeps it
        URI uri = URI.create(baseUri.toString().replaceAll("/+$", "") + path);
        String what = describe(uri);
        boolean renewed = false;
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(requestTimeout);
            if (tokens != null) {
                builder.header("Authorization", "Bearer " + tokens.token());
            }
            HttpRequest built = request.apply(builder).build();
            HttpResponse<byte[]> response;
            try {
                requests.incrementAndGet();
                response = exchange(built);
            } catch (HttpConnectTimeoutException | ConnectException e) {
                if (attempt < retry.maxRetries()) {
                    pause(what, "cannot connect", retry.backoff(attempt));
                    continue;
                }
                throw new ApiException(ApiException.Check.NETWORK, what + ": cannot connect to " + uri.getHost()
                        + ":" + port(uri) + " (" + e.getClass().getSimpleName() + ")");
            } catch (SSLException e) {
                throw new ApiException(ApiException.Check.TLS, what + ": TLS handshake with " + uri.getHost()
                        + " failed: " + e.getMessage());
            } catch (HttpTimeoutException e) {
                if (attempt < retry.maxRetries()) {
                    pause(what, "timed out", retry.backoff(attempt));
                    continue;
                }
                throw new ApiException(ApiException.Check.DATA, what + ": no complete answer within "
                        + requestTimeout.toMillis() + " ms after " + (attempt + 1) + " attempts");
            } catch (BoundedBody.TooLarge e) {
                throw new ApiException(ApiException.Check.DATA, what + ": " + e.getMessage());
            } catch (IOException e) {
                if (attempt < retry.maxRetries()) {
                    pause(what, e.getClass().getSimpleName(), retry.backoff(attempt));
                    continue;
                }
                throw new ApiException(ApiException.Check.NETWORK, what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ApiException.Check.DATA, what + ": interrupted");
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            if (status >= 300 && status < 400) {
                String location = response.headers().firstValue("Location").orElse("");
                String host = location.isEmpty() ? "?" : URI.create(location).getHost();
                throw new ApiException(ApiException.Check.NETWORK, what + ": redirected (" + status + ") to host " + host
                        + ": wrong region? Set the base URL to that region's API host.");
            }
            if (status == 401 && tokens != null && !renewed) {
                LOG.info("{}: 401, renewing the access token once", what);
                tokens.invalidate();
                renewed = true;
                attempt--;
                continue;
            }
            if (status == 401) {
                throw new ApiException(ApiException.Check.AUTHENTICATION, what + ": 401 Unauthorized: credentials "
                        + "rejected or expired", status);
            }
            if (status == 403) {
                throw new ApiException(ApiException.Check.AUTHORIZATION, what + ": 403 Forbidden: the client lacks "
                        + "the privilege for this resource", status);
            }
            if (status == 404) {
                throw new ApiException(ApiException.Check.NETWORK, what + ": 404 Not Found: " + uri.getHost()
                        + " does not serve this API at that path: check the base URL (its host, region and path)", status);
            }
            if (status == 429 && attempt < retry.maxRetries()) {
                throttled.incrementAndGet();
                pause(what, "429 rate limited", retry.retryAfter(retryAfter(response), attempt));
                continue;
            }
            if (status >= 500 && attempt < retry.maxRetries()) {
                pause(what, String.valueOf(status), retry.backoff(attempt));
                continue;
            }
            throw new ApiException(ApiException.Check.DATA, what + ": HTTP " + status + " after " + (attempt + 1)
                    + " attempts" + snippet(response.body()), status);
        }
    }

    /**
     * One request and its whole answer within {@code requestTimeout}: a body that trickles or never ends is cut off
     * at the deadline (and the exchange cancelled), one larger than the bound as soon as it is.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request, bodies);
        try {
            return answer.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    private static void pause(String what, String why, Duration wait) {
        LOG.warn("{}: {}; retrying in {} ms", what, why, wait.toMillis());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Check.DATA, what + ": interrupted while waiting to retry");
        }
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
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
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
    }

    /** Method and path for messages: never the query (it may carry filters) nor any header. */
    private static String describe(URI uri) {
        return uri.getPath();
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ");
        return ": " + text;
    }
}
