package io.endpointbridge.polling;

import io.endpointbridge.core.StatedReason;

/**
 * A polled API failed in a way retries did not mend. {@link #check()} says which step of the connection test it
 * belongs to, so `check-connection` and run records can say what to fix. Messages never carry credentials or tokens.
 */
public class ApiException extends RuntimeException implements StatedReason {

    /** The connection-test steps, in the order they are checked. */
    public enum Check { NETWORK, TLS, AUTHENTICATION, AUTHORIZATION, DATA }

    private final Check check;
    private final int status;

    public ApiException(Check check, String message) {
        this(check, message, -1);
    }

    public ApiException(Check check, String message, int status) {
        super(message, null, false, false);
        this.check = check;
        this.status = status;
    }

    public Check check() {
        return check;
    }

    /** The HTTP status of the last answer, or -1 when there was none. */
    public int status() {
        return status;
    }
}
