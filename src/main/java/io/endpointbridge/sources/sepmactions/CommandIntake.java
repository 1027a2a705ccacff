package io.endpointbridge.sources.sepmactions;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.mapping.JsonBytes;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.publish.KafkaRecords;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sepm-actions-commands} route's steps around a command record: decide what it is (new, seen before,
 * refused, or no command at all), commit the consumer's offset once that decision is in Kafka, note each result Kafka
 * acknowledged in the ledger, and turn a failed action into its {@code failed} (or {@code rejected}) result.
 */
public final class CommandIntake {

    private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DECISION = "commandDecision";
    static final String COMMAND = "sepmCommand";
    static final String RESULT = "commandResult";
    private static final String MANUAL_COMMIT = "commandOffset";

    private final CommandLedger ledger;
    private final Set<String> allowed;
    private final Duration maxAge;
    private final Duration deadline;
    private final String deadLetterTopic;
    private final Set<String> inFlight;
    private final Clock clock;

    CommandIntake(CommandLedger ledger, Set<String> allowed, Duration maxAge, Duration deadline, String deadLetterTopic,
                  Set<String> inFlight, Clock clock) {
        this.ledger = ledger;
        this.allowed = allowed;
        this.maxAge = maxAge;
        this.deadline = deadline;
        this.deadLetterTopic = deadLetterTopic;
        this.inFlight = inFlight;
        this.clock = clock;
    }

    /**
     * Decides on a command record ({@code commandDecision}): {@code dead-letter} (not JSON, or no commandId: nothing to
     * key a result by), {@code replay} (a commandId the ledger knows: its latest result again, nothing sent to SEPM),
     * {@code rejected} (refused with the reason) or {@code new} (accepted). The body becomes the record to publish.
     */
    public void receive(Exchange exchange) {
        Message in = exchange.getMessage();
        exchange.setProperty(MANUAL_COMMIT, in.getHeader(KafkaConstants.MANUAL_COMMIT));
        byte[] body = in.getBody(byte[].class);
        Long timestamp = in.getHeader(KafkaConstants.TIMESTAMP, Long.class);
        Instant requestedAt = timestamp == null ? null : Instant.ofEpochMilli(timestamp);
        JsonNode raw;
        try {
            raw = body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            raw = null;
        }
        if (raw == null || !raw.isObject()) {
            deadLetter(exchange, body, "not a JSON object: a command is one (schemas/sepm-command.v1.json)");
            return;
        }
        String id = SepmCommand.idOf(raw);
        if (id == null) {
            deadLetter(exchange, body, "no commandId: a command needs one (its results are keyed by it)");
            return;
        }
        ledger.reload();
        Optional<ObjectNode> seen = ledger.latest(id);
        if (seen.isPresent()) {
            LOG.info("sepm-actions: command {} seen before ({}): not sent to SEPM again, its latest result re-published",
                    id, seen.get().path("state").asText());
            decide(exchange, "replay", CommandResults.replayed(seen.get()));
            return;
        }
        Instant now = clock.instant();
        try {
            SepmCommand command = SepmCommand.parse(raw, requestedAt, allowed, maxAge, now);
            exchange.setProperty(COMMAND, command);
            exchange.setProperty("action", command.action());
            inFlight.add(id);
            LOG.info("sepm-actions: command {} accepted: {} on {} targets, requested by {}", id, command.action(),
                    command.targets().count(), command.requestedBy());
            decide(exchange, "new", CommandResults.first(id, raw, requestedAt, "accepted", null, now, now.plus(deadline)));
        } catch (SepmCommand.Refused refused) {
            LOG.warn("sepm-actions: command {} rejected: {}", id, refused.getMessage());
            decide(exchange, "rejected", CommandResults.first(id, raw, requestedAt, "rejected", refused.getMessage(), now, null));
        }
    }

    private void deadLetter(Exchange exchange, byte[] body, String reason) {
        LOG.warn("sepm-actions: a command record went to {}: {}", deadLetterTopic, reason);
        exchange.setProperty(DECISION, "dead-letter");
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        KafkaRecords.address(message, null, "sepm-actions", null, "sepm-actions");
        message.setBody(JsonBytes.of(DeadLetters.record("sepm-actions", reason, body == null ? new byte[0] : body,
                clock.instant())));
    }

    private void decide(Exchange exchange, String decision, ObjectNode result) {
        exchange.setProperty(DECISION, decision);
        publish(exchange, result);
    }

    /** The result as the body, keyed by its commandId, with its state and schema as headers. */
    static void publish(Exchange exchange, ObjectNode result) {
        exchange.setProperty(RESULT, result);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        KafkaRecords.address(message, null, result.get("commandId").asText(), null, "sepm-actions");
        message.setHeader("state", result.get("state").asText());
        message.setHeader("schemaVersion", CommandResults.SCHEMA);
        message.setBody(JsonBytes.of(result));
    }

    /** The decision is in Kafka: the consumer may move past this command. */
    public void commit(Exchange exchange) {
        KafkaManualCommit offset = exchange.getProperty(MANUAL_COMMIT, KafkaManualCommit.class);
        if (offset != null) {
            offset.commit();
        }
    }

    /** Kafka acknowledged the result on the state and results topics: the ledger knows it. */
    public void written(Exchange exchange) {
        ObjectNode result = exchange.getProperty(RESULT, ObjectNode.class);
        ledger.record(result);
        if (CommandResults.isFinal(result) || "submitted".equals(result.path("state").asText())) {
            inFlight.remove(result.get("commandId").asText());
        }
    }

    /** An action that failed: rejected when SEPM does not know a target, failed with SEPM's answer otherwise. */
    public void failed(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ObjectNode last = exchange.getProperty(RESULT, ObjectNode.class);
        String commandId = last.get("commandId").asText();
        ObjectNode result;
        if (error instanceof SepmCommand.Refused refused) {
            LOG.warn("sepm-actions: command {} rejected: {}", commandId, refused.getMessage());
            result = CommandResults.next(last, "rejected", refused.getMessage(), clock.instant());
        } else {
            io.endpointbridge.polling.ApiException explained = error == null ? null
                    : io.endpointbridge.polling.ApiFailures.explain(exchange, error);
            String reason = explained != null ? explained.getMessage() : error == null ? "unknown failure" : DeadLetters.reason(error);
            LOG.warn("sepm-actions: command {} ({}) failed: {}", commandId, last.path("action").asText(), reason);
            result = CommandResults.next(last, "failed", reason, clock.instant());
        }
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        publish(exchange, result);
    }
}
