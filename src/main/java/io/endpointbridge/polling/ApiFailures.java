package io.endpointbridge.polling;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLException;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Phrases a failed API request (after its retries) as the connection-test step it belongs to, with what to fix:
 * method path, status and attempts, never a header, query or secret. Used for run records and the connection test.
 */
public final class ApiFailures {

    private ApiFailures() {
    }

    /** The request failure in {@code exchange} (its exception, or the one its error handler caught), explained. */
    public static ApiException explain(Exchange exchange) {
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException explained = explain(exchange, error);
        return explained != null ? explained
                : new ApiException(ApiException.Check.DATA, path(exchange, error) + ": " + describe(error));
    }

    /** The failure explained, or null when it is not one of an HTTP request (a broken page, Kafka, ...). */
    public static ApiException explain(Exchange exchange, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ApiException api) {
            return api;
        }
        ApiException tokenFailure = exchange.getProperty(ApiTokenRenewal.TOKEN_FAILURE_PROPERTY, ApiException.class);
        if (tokenFailure != null) {
            return tokenFailure;
        }
        String what = path(exchange, cause);
        // after the last attempt Camel's counter holds the redeliveries made
        int attempts = ApiRetry.attempts(exchange) + 1;
        if (cause instanceof HttpOperationFailedException http) {
            return status(what, http, attempts);
        }
        if (cause instanceof BoundedAnswer.TooLarge) {
            return new ApiException(ApiException.Check.DATA, what + ": " + cause.getMessage());
        }
        if (cause instanceof SSLException) {
            return new ApiException(ApiException.Check.TLS, what + ": TLS handshake with " + host(exchange, cause)
                    + " failed: " + cause.getMessage() + " (`check-connection " + ApiRetry.client(exchange).prefix()
                    + "` says what is wrong with the certificate and which setting trusts it)");
        }
        if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                || cause instanceof UnknownHostException) {
            return new ApiException(ApiException.Check.NETWORK, what + ": cannot connect to " + host(exchange, cause)
                    + " (" + cause.getClass().getSimpleName() + ")");
        }
        if (cause instanceof SocketTimeoutException) {
            return new ApiException(ApiException.Check.DATA, what + ": no complete answer within "
                    + ApiRetry.client(exchange).requestTimeout().toMillis() + " ms after " + attempts + " attempts");
        }
        if (cause instanceof IOException) {
            return new ApiException(ApiException.Check.NETWORK, what + ": " + describe(cause));
        }
        return null;
    }

    private static ApiException status(String what, HttpOperationFailedException http, int attempts) {
        int status = http.getStatusCode();
        if (status >= 300 && status < 400) {
            String location = http.getRedirectLocation();
            String host = location == null || location.isEmpty() ? "?" : URI.create(location).getHost();
            return new ApiException(ApiException.Check.NETWORK, what + ": redirected (" + status + ") to host " + host
                    + ": wrong region? Set the base URL to that region's API host.", status);
        }
        return switch (status) {
            case 401 -> new ApiException(ApiException.Check.AUTHENTICATION, what + ": 401 Unauthorized: credentials "
                    + "rejected or expired", status);
            case 403 -> new ApiException(ApiException.Check.AUTHORIZATION, what + ": 403 Forbidden: the client lacks "
                    + "the privilege for this resource", status);
            case 404 -> new ApiException(ApiException.Check.NETWORK, what + ": 404 Not Found: " + URI.create(http.getUri()).getHost()
                    + " does not serve this API at that path: check the base URL (its host, region and path)", status);
            default -> new ApiException(ApiException.Check.DATA, what + ": HTTP " + status + " after " + attempts
                    + " attempts" + snippet(http.getResponseBody()), status);
        };
    }

    /** The request's path, for messages: never its query (it may carry filters) nor any header. */
    public static String path(Exchange exchange, Throwable error) {
        URI uri = uri(exchange, unwrap(error));
        return uri == null || uri.getPath() == null ? "request" : uri.getPath();
    }

    private static String host(Exchange exchange, Throwable error) {
        URI uri = uri(exchange, error);
        if (uri == null) {
            return "?";
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static URI uri(Exchange exchange, Throwable error) {
        String uri = error instanceof HttpOperationFailedException http ? http.getUri()
                : exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class);
        if (uri == null) {
            uri = exchange.getProperty(Exchange.TO_ENDPOINT, String.class);
        }
        try {
            return uri == null ? null : URI.create(uri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause != null && cause.getCause() != null && cause != cause.getCause()
                && !(cause instanceof ApiException) && !(cause instanceof HttpOperationFailedException)
                && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        return cause instanceof CamelExecutionException && cause.getCause() != null ? cause.getCause() : cause;
    }

    private static String describe(Throwable error) {
        return error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private static String snippet(String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ": " + new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    }
}
