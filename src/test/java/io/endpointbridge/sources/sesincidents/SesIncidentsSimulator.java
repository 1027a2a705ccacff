package io.endpointbridge.sources.sesincidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.endpointbridge.Golden;
import io.endpointbridge.sources.SesSimulation;

/**
 * SES's POST /v1/incidents as the public record describes it, over real HTTP (a WireMock response transformer named
 * {@value #NAME}): each incident is held in its latest lifecycle state, and a request returns, sorted by time, the
 * incidents whose latest change ({@code time}) lies in [start_date, end_date] and that are indexed, paged by
 * {@code next}/{@code limit}. The last page ends with {@code next == total} or without {@code next}, as set. A change
 * can be held back from the index (indexed late) and released later.
 */
public final class SesIncidentsSimulator extends SesSimulation.SimulatedApi {

    public static final String NAME = "ses-incidents";

    /** An incident's latest change, and what a search shows of it: that change once indexed, else the one before. */
    private record Held(ObjectNode record, boolean indexed, ObjectNode shown) {
    }

    private final Map<String, Held> incidents = new ConcurrentHashMap<>();
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    volatile boolean lastPageWithoutNext;
    /** How long each page takes to answer. */
    volatile int pageDelayMs;

    @Override
    public String getName() {
        return NAME;
    }

    void clear() {
        incidents.clear();
        requests.clear();
        pageDelayMs = 0;
    }

    /** The incident's change at that time (8075 created, 8076 updated, 8077 closed), indexed at once or late. */
    public ObjectNode change(String uid, int typeId, Instant time, boolean indexed) {
        ObjectNode record = Golden.JSON.createObjectNode();
        record.put("incident_uid", uid);
        record.put("type_id", typeId);
        record.put("type", switch (typeId) {
            case 8075 -> "INCIDENT_CREATION";
            case 8076 -> "INCIDENT_UPDATE";
            default -> "INCIDENT_CLOSURE";
        });
        record.put("event_id", typeId * 10_000 + 4);
        record.put("state_id", typeId == 8077 ? 5 : typeId == 8076 ? 2 : 1);
        record.put("priority_id", 3);
        record.put("severity_id", 4);
        record.put("category_id", 1);
        record.put("id", 4);
        record.put("ref_incident_uid", Math.abs(uid.hashCode() % 1_000_000));
        record.put("created", "2026-01-01T00:00:00.000+00:00");
        record.put("modified", time.toString());
        record.put("time", time.toEpochMilli());
        record.put("device_time", time.toEpochMilli());
        record.put("suspected_breach", "No");
        record.put("message", "Suspicious activity on WS-" + uid.substring(0, 4));
        if (typeId == 8077) {
            record.put("resolution_id", 3);
        }
        Held before = incidents.get(uid);
        incidents.put(uid, new Held(record, indexed, indexed ? record : before == null ? null : before.shown()));
        return record;
    }

    /** Indexes every held-back change. */
    void indexAll() {
        incidents.replaceAll((uid, held) -> new Held(held.record(), true, held.record()));
    }

    /** Each incident's latest change, as SES holds it. */
    Map<String, ObjectNode> latest() {
        Map<String, ObjectNode> latest = new ConcurrentHashMap<>();
        incidents.forEach((uid, held) -> latest.put(uid, held.record()));
        return latest;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        try {
            JsonNode request = Golden.JSON.readTree(serveEvent.getRequest().getBodyAsString());
            requests.add(request);
            long from = Instant.parse(request.path("start_date").asText()).toEpochMilli();
            long to = Instant.parse(request.path("end_date").asText()).toEpochMilli();
            int next = request.path("next").asInt();
            int limit = request.path("limit").asInt();
            List<ObjectNode> matching = new ArrayList<>();
            for (Held held : incidents.values()) {
                ObjectNode shown = held.shown();
                long time = shown == null ? -1 : shown.path("time").asLong();
                if (shown != null && time >= from && time <= to) {
                    matching.add(shown);
                }
            }
            matching.sort(Comparator.<ObjectNode>comparingLong(r -> r.path("time").asLong())
                    .thenComparing(r -> r.path("incident_uid").asText()));
            List<ObjectNode> page = matching.subList(Math.min(next, matching.size()), Math.min(next + limit, matching.size()));
            ObjectNode answer = Golden.JSON.createObjectNode();
            answer.put("total", matching.size());
            int after = next + page.size();
            if (!(lastPageWithoutNext && after >= matching.size())) {
                answer.put("next", after);
            }
            ArrayNode list = answer.putArray("incidents");
            page.forEach(list::add);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withFixedDelay(pageDelayMs)
                    .withHeader("Content-Type", "application/json").withBody(answer.toString()).build();
        } catch (Exception e) {
            return new ResponseDefinition(500, e.toString());
        }
    }
}
