package io.endpointbridge.polling;

import org.apache.camel.Exchange;

/**
 * The poller of a windowed, streamed or listed source as the routes' {@code transformDataType} step calls it: the records in
 * hand (a page's, a stream answer's) become the batch of Kafka records in the message body.
 */
public interface RecordPoller {

    void mapRecords(Exchange exchange);

    /** The poller of a registered windowed, streamed or listed source. */
    static RecordPoller of(RecordSource source, io.endpointbridge.core.Settings settings, RunTracker tracker,
                           java.util.function.Supplier<io.endpointbridge.mapping.TransformMap> map,
                           io.endpointbridge.kafka.CheckpointStore checkpoints, java.time.Clock clock) {
        if (source instanceof WindowedSource windowed) {
            return new WindowPoller(windowed, settings, tracker, map, checkpoints, clock);
        }
        if (source instanceof ListedSource listed) {
            return new ListPoller(listed, settings, tracker, map, clock);
        }
        return new StreamPoller((StreamedSource) source, settings, tracker, map, checkpoints, clock);
    }
}
