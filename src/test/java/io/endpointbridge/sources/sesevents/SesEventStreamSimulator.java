package io.endpointbridge.sources.sesevents;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.endpointbridge.Golden;
import io.endpointbridge.sources.SesSimulation;

/**
 * SES's event-export stream as the public record describes it, over real HTTP (a WireMock response transformer named
 * {@value #NAME}): the channel holds a log of ICD events; a request from a pointer (none: the oldest event held)
 * answers NDJSON lines {"events": [...], "next": "<opaque pointer>"}, a few lines per answer; 204 when there is
 * nothing after the pointer; 410 when the pointer is older than the oldest event the channel still holds.
 */
public final class SesEventStreamSimulator extends SesSimulation.SimulatedApi {

    public static final String NAME = "ses-event-stream";

    final List<ObjectNode> log = new CopyOnWriteArrayList<>();
    final List<String> requestPointers = new CopyOnWriteArrayList<>();
    volatile int oldestHeld;
    public volatile int eventsPerLine = 50;
    public volatile int linesPerAnswer = 5;
    /** A line (by its number in the next answer) sent as broken JSON; -1: none. */
    volatile int brokenLine = -1;

    @Override
    public String getName() {
        return NAME;
    }

    void clear() {
        log.clear();
        requestPointers.clear();
        oldestHeld = 0;
        eventsPerLine = 50;
        linesPerAnswer = 5;
        brokenLine = -1;
    }

    /** Appends n events: event i on device dev-(i % 10), every 7th without a device. */
    public void append(int n) {
        for (int k = 0; k < n; k++) {
            int i = log.size();
            ObjectNode event = Golden.JSON.createObjectNode();
            event.put("uuid", "8001:" + String.format("%08x-0909-11ef-8000-%012x", i, i));
            event.put("type_id", 8001);
            event.put("type", "PROCESS_LAUNCH");
            event.put("id", 1);
            event.put("category_id", 5);
            event.put("severity_id", 1);
            event.put("time", 1_714_710_000_000L + i);
            event.put("log_time", "2024-05-03T04:56:19Z");
            if (i % 7 != 0) {
                event.put("device_uid", "dev-" + (i % 10));
                event.put("device_name", "WS-" + (i % 10));
            }
            event.put("is_user_present", i % 2 == 0 ? "true" : "false");
            event.putObject("process").put("pid", i).put("cmd_line", "C:\\Windows\\cmd.exe /c job " + i);
            log.add(event);
        }
    }

    static String pointer(int offset) {
        return Base64.getUrlEncoder().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int offset(String pointer) {
        return Integer.parseInt(new String(Base64.getUrlDecoder().decode(pointer), StandardCharsets.UTF_8).substring(7));
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        try {
            JsonNode request = Golden.JSON.readTree(serveEvent.getRequest().getBodyAsString());
            String pointer = request.path("next").asText(null);
            requestPointers.add(String.valueOf(pointer));
            int from = pointer == null ? oldestHeld : offset(pointer);
            if (from < oldestHeld) {
                return answer(410, null, "{\"message\":\"The next pointer has expired\"}");
            }
            if (from >= log.size()) {
                return answer(204, null, null);
            }
            StringBuilder body = new StringBuilder();
            int at = from;
            for (int line = 0; line < linesPerAnswer && at < log.size(); line++) {
                int to = Math.min(at + eventsPerLine, log.size());
                if (line == brokenLine) {
                    brokenLine = -1;
                    body.append("{\"events\": [{\"uuid\": \"8001:broken\"").append('\n');
                    continue;
                }
                ObjectNode chunk = Golden.JSON.createObjectNode();
                ArrayNode events = chunk.putArray("events");
                log.subList(at, to).forEach(events::add);
                chunk.put("next", pointer(to));
                body.append(chunk).append('\n');
                at = to;
            }
            return answer(200, "application/x-ndjson", body.toString());
        } catch (Exception e) {
            return answer(500, null, e.toString());
        }
    }
}
