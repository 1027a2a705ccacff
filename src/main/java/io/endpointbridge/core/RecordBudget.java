package io.endpointbridge.core;

/**
 * The largest record value handed to Kafka: the producer's {@code max.request.size} less room for the key, headers
 * and batch framing. A record over it would be refused by the producer for good, and a batch holding it would go to
 * the spool and back forever; so such a record becomes a dead letter before it is sent.
 */
public record RecordBudget(int maxValueBytes) {

    public static final String MAX_REQUEST_SIZE = "camel.component.kafka.max-request-size";
    static final int KAFKA_DEFAULT_MAX_REQUEST_SIZE = 1048576;
    static final int HEADROOM_BYTES = 16 * 1024;

    public static RecordBudget from(Settings settings) {
        return new RecordBudget(settings.getInt(MAX_REQUEST_SIZE, KAFKA_DEFAULT_MAX_REQUEST_SIZE) - HEADROOM_BYTES);
    }

    /** Throws a rejection naming the size and the budget when {@code valueBytes} does not fit. */
    public void check(String what, int valueBytes) {
        if (valueBytes > maxValueBytes) {
            throw new RejectedInputException(what + " of " + valueBytes + " bytes exceeds the record budget of "
                    + maxValueBytes + " bytes (" + MAX_REQUEST_SIZE + " less " + HEADROOM_BYTES / 1024 + " KiB)");
        }
    }
}
