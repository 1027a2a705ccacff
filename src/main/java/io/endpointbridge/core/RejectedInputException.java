package io.endpointbridge.core;

/**
 * Input that cannot be parsed or mapped. It is an expected outcome, not a bug: the route sends the raw input and this
 * message (the reason a person reads in the dead-letter record) to the dead-letter topic. No stack trace is captured
 * because malformed input can arrive at line rate.
 */
public class RejectedInputException extends RuntimeException implements StatedReason {

    public RejectedInputException(String reason) {
        super(reason, null, false, false);
    }
}
