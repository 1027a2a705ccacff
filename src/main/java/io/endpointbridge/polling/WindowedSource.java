package io.endpointbridge.polling;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.core.Settings;


/**
 * A source read by time window (SES incidents): each run reads from its checkpoint less an overlap up to now, page by
 * page, and publishes every record the last windows did not already publish; the checkpoint, kept in Kafka, advances
 * only after Kafka acknowledged the window's records. Its runs are the {@code windowed-pull} template's.
 */
public interface WindowedSource extends RecordSource {

    /** The mapped field that, with the key, identifies one record (its version): {@code time}. */
    String versionField();

    /** The body of the page request for a window at an offset, as JSON fields. */
    Map<String, Object> request(Settings settings, Window window, long offset);

    /** The next page's offset, empty when this page was the last. */
    OptionalLong next(JsonNode page, int records, long offset);

    /** The most results the API pages through for one query (its result window); a window with more is halved. */
    default long resultWindow() {
        return Long.MAX_VALUE;
    }

    /** How many records the API says the window holds; empty when it does not say. */
    default OptionalLong total(JsonNode page) {
        JsonNode total = page.get("total");
        return total != null && total.canConvertToLong() ? OptionalLong.of(total.asLong()) : OptionalLong.empty();
    }

    /** How long the API keeps data: a checkpoint older than that is clamped and the gap reported. */
    default Duration retention() {
        return Duration.ofDays(30);
    }
}
