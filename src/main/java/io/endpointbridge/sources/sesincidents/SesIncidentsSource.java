package io.endpointbridge.sources.sesincidents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.core.Settings;
import io.endpointbridge.polling.Window;
import io.endpointbridge.polling.WindowedSource;

/**
 * SES EDR incidents ({@code POST /v1/incidents}): every lifecycle record (created, updated, closed) of the incidents
 * whose latest change falls in the window, to {@code security.incidents.ses.v1} keyed by incident. Same OAuth client
 * and request budget as {@code ses-devices}.
 */
public final class SesIncidentsSource implements WindowedSource {

    /** The API's largest page (Elastic's integration: "maximum supported batch size value is 2000"). */
    static final int MAX_PAGE_SIZE = 2000;

    @Override
    public String name() {
        return "ses-incidents";
    }

    @Override
    public String prefix() {
        return "ses.incidents";
    }

    @Override
    public String api() {
        return "ses";
    }

    @Override
    public String topicProperty() {
        return "kafka.topic.incidents";
    }

    @Override
    public String defaultTopic() {
        return "security.incidents.ses.v1";
    }

    @Override
    public String schema() {
        return "security-incident.v1";
    }

    @Override
    public String keyPrefix() {
        return "SES:";
    }

    @Override
    public String keyField() {
        return "incidentUid";
    }

    @Override
    public String versionField() {
        return "time";
    }

    @Override
    public List<String> headerFields() {
        return List.of("lifecycle");
    }

    @Override
    public Map<String, java.util.Set<String>> settingChoices() {
        return Map.of(prefix() + ".include-events", java.util.Set.of("true", "false"));
    }

    @Override
    public String recordList() {
        return "incidents";
    }

    /** {start_date, end_date, next, limit, include_events[, query]}: dates in UTC with milliseconds. */
    @Override
    public Map<String, Object> request(Settings settings, Window window, long offset) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("start_date", Window.text(window.from()));
        body.put("end_date", Window.text(window.to()));
        body.put("next", offset);
        body.put("limit", Math.min(MAX_PAGE_SIZE, settings.getInt(prefix() + ".page-size", MAX_PAGE_SIZE)));
        body.put("include_events", settings.getBoolean(prefix() + ".include-events", false));
        settings.optional(prefix() + ".query").filter(query -> !query.isBlank()).ifPresent(query -> body.put("query", query));
        return body;
    }

    /** The last page: no {@code next} (XSOAR's capture), {@code next == total} (Elastic's mock) or no incidents. */
    @Override
    public OptionalLong next(JsonNode page, int records, long offset) {
        JsonNode next = page.get("next");
        if (records == 0 || next == null || next.isNull() || !next.canConvertToLong()) {
            return OptionalLong.empty();
        }
        JsonNode total = page.get("total");
        if (total != null && total.canConvertToLong() && next.asLong() >= total.asLong()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(next.asLong());
    }
}
