package io.endpointbridge.core;

/**
 * A failure whose message already is the reason a person reads (a rejected input, an API that answered wrongly):
 * dead letters and run records take it as it stands, where any other exception is named with its type.
 */
public interface StatedReason {
}
