package io.endpointbridge.sources.sepmactions;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.polling.ApiCalls;
import io.endpointbridge.polling.ApiException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sepm-actions-follow} route's step: every command SEPM has not finished, from the ledger (so a new leader or
 * a restarted instance goes on where the last one stopped, without sending anything again), read back from SEPM's
 * command queue ({@code GET /command-queue/{id}}, every page) and turned into the next result when something changed:
 * in-progress with each computer's state, then completed (every computer done), failed (one was rejected, erred or did
 * not execute), cancelled, or timed-out at its deadline (offline endpoints never answer; the SEPM command is cancelled
 * then). A command accepted but never submitted by an instance that stopped is failed: whether SEPM got it is unknown,
 * and it is not sent again.
 */
public final class CommandFollowUp {

    private static final Logger LOG = LoggerFactory.getLogger(CommandFollowUp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SEPM's command states (stateId), as Splunk's and IBM's integrations name them. */
    private static final List<String> STATES = List.of("not-received", "received", "in-progress", "completed", "rejected",
            "cancelled", "error");
    private static final Duration INTERRUPTED_AFTER = Duration.ofMinutes(1);

    private final CommandLedger ledger;
    private final ApiCalls api;
    private final Set<String> inFlight;
    private final Clock clock;

    CommandFollowUp(CommandLedger ledger, ApiCalls api, Set<String> inFlight, Clock clock) {
        this.ledger = ledger;
        this.api = api;
        this.inFlight = inFlight;
        this.clock = clock;
    }

    /** The body becomes the list of new results, one per command whose state changed. */
    public void follow(Exchange exchange) {
        ledger.reload();
        List<ObjectNode> changed = new ArrayList<>();
        Instant now = clock.instant();
        for (ObjectNode last : ledger.unfinished()) {
            String commandId = last.get("commandId").asText();
            try {
                ObjectNode next = next(last, commandId, now);
                if (next != null) {
                    changed.add(next);
                }
            } catch (ApiException e) {
                LOG.warn("sepm-actions: the status of command {} could not be read ({}); asked again next time", commandId,
                        e.getMessage());
            }
        }
        exchange.getMessage().setBody(changed);
    }

    private ObjectNode next(ObjectNode last, String commandId, Instant now) {
        JsonNode sepmIds = last.get("sepmCommandIds");
        if (sepmIds == null || sepmIds.isEmpty()) {
            Instant accepted = Instant.parse(last.path("acceptedAt").asText(now.toString()));
            if (!inFlight.contains(commandId) && accepted.plus(INTERRUPTED_AFTER).isBefore(now)) {
                return CommandResults.next(last, "failed", "interrupted: the instance that accepted it stopped before SEPM "
                        + "confirmed it; whether SEPM received it is unknown, and it is not sent again (look in SEPM's"
                        + " command queue)", now);
            }
            return null;
        }
        ArrayNode computers = JSON.createArrayNode();
        for (JsonNode sepmId : sepmIds) {
            status(sepmId.asText(), computers);
        }
        Instant deadline = last.hasNonNull("deadline") ? Instant.parse(last.get("deadline").asText()) : null;
        String state = overall(computers);
        String detail = detail(computers);
        if (!CommandResults.FINAL.contains(state) && deadline != null && now.isAfter(deadline)) {
            List<String> cancelled = new ArrayList<>();
            for (JsonNode sepmId : sepmIds) {
                try {
                    api.call("direct:sepm-actions-cancel", request -> request.setProperty("sepmCommandId", sepmId.asText()));
                    cancelled.add(sepmId.asText());
                } catch (ApiException e) {
                    LOG.warn("sepm-actions: command {}: cancelling SEPM command {} failed: {}", commandId, sepmId.asText(),
                            e.getMessage());
                }
            }
            state = "timed-out";
            detail = "the deadline " + deadline + " passed with " + detail + (cancelled.isEmpty() ? ""
                    : "; SEPM command " + String.join(", ", cancelled) + " cancelled");
        }
        if (state.equals(last.path("state").asText()) && computers.equals(last.get("computers"))) {
            return null;
        }
        ObjectNode next = CommandResults.next(last, state, detail, now);
        next.set("computers", computers);
        next.set("counts", counts(computers));
        LOG.info("sepm-actions: command {} {}: {}", commandId, state, detail);
        return next;
    }

    /** Every page of a SEPM command's status, each computer's row added. */
    private void status(String sepmId, ArrayNode computers) {
        int pageIndex = 1;
        while (true) {
            int page = pageIndex;
            byte[] answer = api.call("direct:sepm-actions-status", request -> {
                request.setProperty("sepmCommandId", sepmId);
                request.setProperty("pageIndex", page);
            });
            JsonNode status;
            try {
                status = JSON.readTree(answer);
            } catch (IOException e) {
                throw new ApiException(ApiException.Check.DATA, "the status of SEPM command " + sepmId + " is not JSON");
            }
            for (JsonNode row : status.path("content")) {
                computers.add(computer(sepmId, row));
            }
            if (status.path("lastPage").asBoolean(true) || status.path("content").isEmpty() || pageIndex >= 1000) {
                return;
            }
            pageIndex++;
        }
    }

    private static ObjectNode computer(String sepmId, JsonNode row) {
        ObjectNode computer = JSON.createObjectNode();
        computer.put("sepmCommandId", sepmId);
        for (String field : List.of("computerId", "computerName", "computerIp", "hardwareKey", "domainName",
                "currentLoginUserName", "beginTime", "lastUpdateTime", "subStateDesc", "binaryFileId")) {
            if (row.hasNonNull(field) && !row.get(field).asText().isEmpty()) {
                computer.put(field, row.get(field).asText());
            }
        }
        int stateId = row.path("stateId").asInt(0);
        int subStateId = row.path("subStateId").asInt(-1);
        computer.put("stateId", stateId);
        computer.put("subStateId", subStateId);
        // completed, but "Client did not execute the command" (sub-state 1): not done
        computer.put("state", stateId == 3 && subStateId == 1 ? "not-executed"
                : stateId >= 0 && stateId < STATES.size() ? STATES.get(stateId) : "state-" + stateId);
        if (row.hasNonNull("resultInXML") && !row.get("resultInXML").asText().isBlank()) {
            computer.set("matches", EocResults.matches(row.get("resultInXML").asText()));
        }
        return computer;
    }

    /**
     * The command's state from its computers': in-progress until every one is done (an empty status is not done), then
     * completed when all completed, cancelled when all were cancelled, else failed.
     */
    static String overall(ArrayNode computers) {
        if (computers.isEmpty()) {
            return "in-progress";
        }
        boolean allCompleted = true;
        boolean allCancelled = true;
        for (JsonNode computer : computers) {
            String state = computer.get("state").asText();
            if (Set.of("not-received", "received", "in-progress").contains(state)) {
                return "in-progress";
            }
            allCompleted &= state.equals("completed");
            allCancelled &= state.equals("cancelled");
        }
        return allCompleted ? "completed" : allCancelled ? "cancelled" : "failed";
    }

    private static String detail(ArrayNode computers) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        computers.forEach(computer -> counts.merge(computer.get("state").asText(), 1, Integer::sum));
        return computers.isEmpty() ? "no computer has reported yet" : counts.toString().replaceAll("[{}]", "").replace("=", ": ");
    }

    private static ObjectNode counts(ArrayNode computers) {
        ObjectNode counts = JSON.createObjectNode();
        counts.put("total", computers.size());
        computers.forEach(computer -> counts.put(computer.get("state").asText(), counts.path(computer.get("state").asText()).asInt() + 1));
        return counts;
    }

    /** One new result (an element of the follow step's list) as the record to publish. */
    public void publish(Exchange exchange) {
        CommandIntake.publish(exchange, exchange.getMessage().getBody(ObjectNode.class));
    }
}
