package io.endpointbridge.polling;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.Settings;

/**
 * A source whose API answers its whole current list at every request, unpaged and unsorted (SEPM's critical events):
 * each run reads the list and publishes what no run published before. What was published is remembered in the seen
 * topic ({@code kafka.topic.seen}, compacted), through Camel's Kafka idempotent repository {@code <name>-seen}, which
 * every instance reads at start and follows while it runs: runs, restarts and a new leader publish each record once.
 * Two ids per record: its own ({@link #seenId}) and its content's ({@link #fingerprintField}), so the same record
 * arriving another way (a notification by mail) is found too. Its runs are the {@code listed-pull} template's.
 */
public interface ListedSource extends RecordSource {

    /** The record's own id in the seen topic, prefixed by where it came from: {@code event:<eventId>}. */
    String seenId(ObjectNode record);

    /** The mapped field holding the record's content fingerprint, its second id in the seen topic. */
    String fingerprintField();

    /** The seen topic's repository, as the source's routes name it. */
    default String seenBean() {
        return name() + "-seen";
    }

    /** Beans its own route file names besides the generic ones (a mail path's search terms and reader). */
    default Map<String, Object> beans(Settings settings) {
        return Map.of();
    }
}
