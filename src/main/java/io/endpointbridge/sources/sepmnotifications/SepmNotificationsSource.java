package io.endpointbridge.sources.sepmnotifications;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.Settings;
import io.endpointbridge.polling.ListedSource;

/**
 * SEPM notifications ({@code sepm.notifications.*}): the critical-events list ({@code GET /events/critical}) on a
 * schedule, and SEPM's e-mail notifications from a mailbox ({@code sepm.mail.*}), both read the same way
 * ({@link NotificationReader}) into {@code security-alert.v1} records on {@code security.alerts.sepm.v1}, keyed
 * {@code SEPM:<alertId>}. Same SEPM client, session token and TLS trust as {@code sepm-computers}.
 */
public final class SepmNotificationsSource implements ListedSource {

    @Override
    public String name() {
        return "sepm-notifications";
    }

    @Override
    public String prefix() {
        return "sepm.notifications";
    }

    @Override
    public String api() {
        return "sepm";
    }

    @Override
    public String topicProperty() {
        return "kafka.topic.alerts";
    }

    @Override
    public String defaultTopic() {
        return "security.alerts.sepm.v1";
    }

    @Override
    public String schema() {
        return "security-alert.v1";
    }

    @Override
    public String keyPrefix() {
        return "SEPM:";
    }

    @Override
    public String keyField() {
        return "alertId";
    }

    @Override
    public List<String> headerFields() {
        return List.of("kind", "via", "eventId", "acknowledged");
    }

    @Override
    public String recordList() {
        return "criticalEventsInfoList";
    }

    @Override
    public Map<String, java.util.Set<String>> settingChoices() {
        java.util.Set<String> bool = java.util.Set.of("true", "false");
        return Map.of(prefix() + ".acknowledge", bool, prefix() + ".include-acknowledged", bool, "sepm.mail.enabled", bool);
    }

    /** API notifications by SEPM's eventId; mails by their Message-ID (else their content). */
    @Override
    public String seenId(ObjectNode record) {
        if (record.hasNonNull("eventId")) {
            return "event:" + record.get("eventId").asText();
        }
        return "mail:" + record.path("mailMessageId").asText(record.path("contentFingerprint").asText());
    }

    @Override
    public String fingerprintField() {
        return "contentFingerprint";
    }

    /** The times inside SEPM's texts are the server's local time: {@code sepm.timezone}, else the syslog's SEPM zone. */
    @Override
    public ZoneId zone(Settings settings) {
        return ZoneId.of(settings.optional("sepm.timezone").filter(zone -> !zone.isBlank())
                .orElse(settings.get("syslog.sepm-timezone", "UTC")));
    }

    @Override
    public JsonNode prepare(JsonNode raw) {
        return raw.isObject() ? NotificationReader.read(raw) : raw;
    }

    /** A critical-events answer (JSON), or one mail (RFC 822, as saved from a mail client) as a list of one. */
    @Override
    public JsonNode readInput(byte[] input) {
        int first = 0;
        while (first < input.length && Character.isWhitespace(input[first])) {
            first++;
        }
        if (first < input.length && input[first] == '{') {
            return AssetPageMapper.parse(input);
        }
        ObjectNode page = JsonNodeFactory.instance.objectNode();
        page.putArray(recordList()).add(MailNotification.of(input));
        return page;
    }

    @Override
    public List<String> otherSwitches() {
        return List.of("sepm.mail.enabled");
    }

    @Override
    public Map<String, Object> beans(Settings settings) {
        return Map.of("sepm-mail-search", MailSearch.from(settings), "sepm-mail-reader", new MailReader());
    }
}
