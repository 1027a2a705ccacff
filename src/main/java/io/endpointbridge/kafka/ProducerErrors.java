package io.endpointbridge.kafka;

import org.apache.camel.Exchange;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Which producer failures sending again cannot cure: the record (too large, invalid, unserializable) or the topic
 * (invalid name, not authorized) is wrong. Everything else (broker unreachable, timeouts, a full buffer) may pass,
 * so what failed that way waits in the spool; what failed for good must leave the replay, or it blocks the spool.
 */
public final class ProducerErrors {

    private static final Class<?>[] PERMANENT = {RecordTooLargeException.class, RecordBatchTooLargeException.class,
            InvalidRecordException.class, SerializationException.class,
            InvalidTopicException.class, AuthorizationException.class};

    /** True when the exchange failed with a permanent producer error (anywhere in the cause chain). */
    public boolean permanent(Exchange exchange) {
        Throwable error = exchange.getException();
        return isPermanent(error != null ? error : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    public static boolean isPermanent(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<?> type : PERMANENT) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }
}
