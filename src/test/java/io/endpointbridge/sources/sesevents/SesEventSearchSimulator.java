package io.endpointbridge.sources.sesevents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.endpointbridge.Golden;
import io.endpointbridge.sources.SesSimulation;

/**
 * SES's POST /v1/event-search as stix-shifter describes it, over real HTTP (transformer {@value #NAME}): the events whose
 * {@code time} lies in [start_date, end_date], newest first, paged by {@code next}/{@code limit}; a request past the
 * 10,000-result window is refused with a 400, as the real API does.
 */
final class SesEventSearchSimulator extends SesSimulation.SimulatedApi {

    static final String NAME = "ses-event-search";

    final List<ObjectNode> events = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();

    @Override
    public String getName() {
        return NAME;
    }

    void add(String uuid, Instant time) {
        ObjectNode event = Golden.JSON.createObjectNode();
        event.put("uuid", uuid);
        event.put("type_id", 8031);
        event.put("severity_id", 3);
        event.put("time", time.toString());
        event.put("log_time", time.plusSeconds(2).toString());
        event.put("device_uid", "dev-" + (Math.abs(uuid.hashCode()) % 50));
        event.put("indexDate", "2026-12-05");
        event.put("es.mapping.id", "uuid");
        events.add(event);
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        try {
            requests.incrementAndGet();
            JsonNode request = Golden.JSON.readTree(serveEvent.getRequest().getBodyAsString());
            Instant from = Instant.parse(request.path("start_date").asText());
            Instant to = Instant.parse(request.path("end_date").asText());
            int next = request.path("next").asInt();
            int limit = request.path("limit").asInt();
            if (next + limit > 10_000) {
                return answer(400, null, "{\"message\":\"Result window is too large, from + size must be less than or equal to: [10000]\"}");
            }
            List<ObjectNode> matching = new ArrayList<>();
            for (ObjectNode event : events) {
                Instant time = Instant.parse(event.get("time").asText());
                if (!time.isBefore(from) && !time.isAfter(to)) {
                    matching.add(event);
                }
            }
            matching.sort(Comparator.<ObjectNode, String>comparing(e -> e.get("time").asText()).reversed());
            ObjectNode answer = Golden.JSON.createObjectNode();
            answer.put("total", matching.size());
            ArrayNode list = answer.putArray("events");
            matching.subList(Math.min(next, matching.size()), Math.min(next + limit, matching.size())).forEach(list::add);
            answer.put("next", Math.min(next + limit, matching.size()));
            return answer(200, "application/json", answer.toString());
        } catch (Exception e) {
            return answer(500, null, e.toString());
        }
    }
}
