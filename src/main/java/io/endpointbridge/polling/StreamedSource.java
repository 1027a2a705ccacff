package io.endpointbridge.polling;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.core.Settings;

/**
 * A source read as a stream with an opaque position (the SES event-export stream): each request names the position
 * after the last records Kafka acknowledged, its answer is lines of records each with the position after it; the
 * position is kept in the checkpoints topic. Its runs are the {@code streamed-pull} template's: a run reads until the
 * stream has nothing more, {@code run} starts the next one at once.
 */
public interface StreamedSource extends RecordSource {

    /** The mapped field that identifies one record, sent as a header for consumers' dedup: {@code eventId}. */
    String identityField();

    /** Whether its stream is configured; a source that is enabled but not configured is a settings problem. */
    boolean configured(Settings settings);

    /** The request body from a position (null: wherever the stream starts a new reader). */
    Map<String, Object> request(String position);

    /** The position after a line of records; null when the line names none. */
    String position(JsonNode line);

    /** The source that reads the same records without a stream (a search API), when this one is not configured. */
    default java.util.Optional<String> fallback() {
        return java.util.Optional.empty();
    }

    /** The answer that says the position is older than what the stream still holds. */
    default int expiredStatus() {
        return 410;
    }
}
