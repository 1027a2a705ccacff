package io.endpointbridge.sources.sesevents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.Settings;
import io.endpointbridge.polling.Window;
import io.endpointbridge.polling.WindowedSource;

/**
 * SES ICD events from the event-search API ({@code POST /v1/event-search}), for tenants without an event stream: by
 * time window from the checkpoint less the overlap, like incidents, with the events the last windows published left
 * out by their uuid. Pages of at most 1,000; the API pages through 10,000 results of one query, so a fuller window is
 * halved; its own budget of 500 requests an hour within the SES client's. Same map, schema and topic as the stream.
 */
public final class SesEventSearchSource implements WindowedSource {

    static final int MAX_PAGE_SIZE = 1000;
    static final long RESULT_WINDOW = 10_000;
    private final SesEventsSource events = new SesEventsSource();

    @Override
    public String name() {
        return "ses-events-search";
    }

    @Override
    public String prefix() {
        return "ses.events.search";
    }

    @Override
    public String api() {
        return "ses";
    }

    @Override
    public String topicProperty() {
        return events.topicProperty();
    }

    @Override
    public String defaultTopic() {
        return events.defaultTopic();
    }

    @Override
    public String schema() {
        return events.schema();
    }

    @Override
    public String mappingFile() {
        return events.mappingFile();
    }

    @Override
    public String keyField() {
        return events.keyField();
    }

    @Override
    public String key(ObjectNode record) {
        return events.key(record);
    }

    /** The event's own uuid: two events of one device at one time are two events. */
    @Override
    public String identity(ObjectNode record) {
        return record.path(events.identityField()).asText();
    }

    @Override
    public String versionField() {
        return "eventTime";
    }

    @Override
    public List<String> headerFields() {
        return events.headerFields();
    }

    @Override
    public String recordList() {
        return "events";
    }

    @Override
    public long resultWindow() {
        return RESULT_WINDOW;
    }

    /** {start_date, end_date, feature_name: ALL, product: SAEP, limit, next[, query]} as Symantec's samples send it. */
    @Override
    public Map<String, Object> request(Settings settings, Window window, long offset) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("start_date", Window.text(window.from()));
        body.put("end_date", Window.text(window.to()));
        body.put("feature_name", "ALL");
        body.put("product", "SAEP");
        body.put("limit", Math.min(MAX_PAGE_SIZE, settings.getInt(prefix() + ".page-size", MAX_PAGE_SIZE)));
        body.put("next", offset);
        settings.optional(prefix() + ".query").filter(query -> !query.isBlank()).ifPresent(query -> body.put("query", query));
        return body;
    }

    /** The last page: no {@code next}, {@code next >= total} or no events. */
    @Override
    public OptionalLong next(JsonNode page, int records, long offset) {
        JsonNode next = page.get("next");
        if (records == 0 || next == null || !next.canConvertToLong()) {
            return OptionalLong.empty();
        }
        OptionalLong total = total(page);
        return total.isPresent() && next.asLong() >= total.getAsLong() ? OptionalLong.empty() : OptionalLong.of(next.asLong());
    }
}
