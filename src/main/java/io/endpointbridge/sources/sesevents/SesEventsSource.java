package io.endpointbridge.sources.sesevents;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.Settings;
import io.endpointbridge.polling.StreamedSource;

/**
 * SES ICD events from the event-export stream ({@code POST /v1/event-export/stream/{stream}/{channel}}): NDJSON lines
 * {@code {"events": [...], "next": "<pointer>"}}, to {@code security.events.ses.v1} keyed by the device (else the
 * event), the ICD uuid as {@code eventId}. Same OAuth client and request budget as {@code ses-devices}.
 */
public final class SesEventsSource implements StreamedSource {

    @Override
    public String name() {
        return "ses-events";
    }

    @Override
    public String prefix() {
        return "ses.events";
    }

    @Override
    public String api() {
        return "ses";
    }

    @Override
    public String topicProperty() {
        return "kafka.topic.ses-events";
    }

    @Override
    public String defaultTopic() {
        return "security.events.ses.v1";
    }

    @Override
    public String schema() {
        return "ses-event.v1";
    }

    @Override
    public String keyField() {
        return "deviceId";
    }

    /** The device's uid, else the event's own uuid (an event without a device is still keyed stably). */
    @Override
    public String key(ObjectNode record) {
        String device = record.path("deviceId").asText("");
        return device.isEmpty() ? record.path(identityField()).asText() : device;
    }

    @Override
    public String identityField() {
        return "eventId";
    }

    @Override
    public List<String> headerFields() {
        return List.of("eventId");
    }

    @Override
    public String recordList() {
        return "events";
    }

    @Override
    public boolean configured(Settings settings) {
        return !settings.get(prefix() + ".stream-id", "").isBlank() && !settings.get(prefix() + ".channel-id", "").isBlank();
    }

    /** {@code {"next": "<pointer>"}}, or {@code {}} to start where the stream starts a new reader. */
    @Override
    public Map<String, Object> request(String position) {
        Map<String, Object> body = new HashMap<>();
        if (position != null) {
            body.put("next", position);
        }
        return body;
    }

    /** Without a stream, the event-search API: {@code ses-events-search}. */
    @Override
    public java.util.Optional<String> fallback() {
        return java.util.Optional.of("ses-events-search");
    }

    @Override
    public String position(JsonNode line) {
        JsonNode next = line.get("next");
        return next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
    }
}
