package io.endpointbridge.polling;

/**
 * A polled API failed in a way retries did not mend. {@link #check()} says which step of the connection test it
 * belongs to, so `check-connection` and run records can say what to fix. Messages never carry credentials or tokens.
 */
public class ApiException extends RuntimeException {

    /** The connection-test steps, in the order they are checked. */
    public enum Check { NETWORK, TLS, AUTHENTICATION, AUTHORIZATION, DATA }

    private final Check check;

    public ApiException(Check check, String message) {
        super(message, null, false, false);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
