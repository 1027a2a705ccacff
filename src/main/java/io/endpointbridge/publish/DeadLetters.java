package io.endpointbridge.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.core.StatedReason;
import io.endpointbridge.mapping.Times;
import io.endpointbridge.syslog.SyslogFrame;
import io.endpointbridge.syslog.TextDecoding;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the dead-letter record for an input that could not be parsed, mapped or published: the raw input (as text
 * when it is valid UTF-8, else base64), why, and when it arrived. As a Camel processor it turns the failed exchange
 * into that record, keyed by source, ready for the {@code .dlq} topic.
 */
public class DeadLetters implements Processor {

    public static final String RAW_INPUT_PROPERTY = "rawInput";
    /** The run a polled input belongs to (exchange property), written into its dead letter. */
    public static final String RUN_ID_PROPERTY = "runId";
    /**
     * Most raw bytes a dead-letter record carries (as base64 a third more): with the reason, length and hash the
     * record stays far below any Kafka record limit, whatever the input (a whole API page can be megabytes).
     */
    public static final int MAX_RAW_BYTES = 65536;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    public static ObjectNode record(String source, String reason, SyslogFrame frame) {
        ObjectNode record = base(source, reason, frame.receivedAt());
        record.put("transport", frame.transport());
        if (frame.sender() != null) {
            record.put("sender", frame.sender());
        }
        putRaw(record, frame.bytes(), frame.originalLength());
        return record;
    }

    public static ObjectNode record(String source, String reason, byte[] raw, Instant receivedAt) {
        ObjectNode record = base(source, reason, receivedAt);
        putRaw(record, raw, raw.length);
        return record;
    }

    private static ObjectNode base(String source, String reason, Instant receivedAt) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("source", source);
        record.put("reason", reason);
        record.put("receivedTime", Times.millis(receivedAt));
        return record;
    }

    /**
     * The raw input, its first {@link #MAX_RAW_BYTES} at most (as text when valid UTF-8, cut at a character boundary,
     * else base64), its length and the SHA-256 of the bytes in hand, so a truncated input can still be matched.
     */
    private static void putRaw(ObjectNode record, byte[] raw, long originalLength) {
        byte[] kept = raw.length <= MAX_RAW_BYTES ? raw : Arrays.copyOf(raw, TextDecoding.utf8Boundary(raw, MAX_RAW_BYTES));
        if (TextDecoding.isUtf8(kept)) {
            record.put("rawText", new String(kept, StandardCharsets.UTF_8));
        } else {
            kept = raw.length <= MAX_RAW_BYTES ? raw : Arrays.copyOf(raw, MAX_RAW_BYTES);
            record.put("rawBase64", Base64.getEncoder().encodeToString(kept));
        }
        record.put("rawLength", originalLength);
        record.put("rawTruncated", originalLength > kept.length);
        record.put("rawSha256", sha256(raw));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** The reason a person reads: the rejection as stated, anything else with its type. */
    public static String reason(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        if (error instanceof StatedReason) {
            return error.getMessage();
        }
        return "unexpected " + error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    @Override
    public void process(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String source = exchange.getProperty(PipelineCounters.SOURCE_PROPERTY, "unknown", String.class);
        String reason = reason(error);
        Object raw = exchange.getProperty(RAW_INPUT_PROPERTY);
        ObjectNode record;
        Instant receivedAt;
        if (raw instanceof SyslogFrame frame) {
            record = record(source, reason, frame);
            receivedAt = frame.receivedAt();
        } else {
            byte[] bytes = raw instanceof byte[] b ? b : exchange.getContext().getTypeConverter()
                    .tryConvertTo(byte[].class, exchange, raw == null ? exchange.getMessage().getBody() : raw);
            receivedAt = Instant.now();
            record = record(source, reason, bytes == null ? new byte[0] : bytes, receivedAt);
        }
        String runId = exchange.getProperty(RUN_ID_PROPERTY, String.class);
        if (runId != null) {
            record.put("runId", runId);
        }
        if (error instanceof RejectedInputException) {
            LOG.debug("Rejected {} input: {}", source, reason);
        } else {
            LOG.warn("Dead-lettering {} input after {}", source, reason, error);
        }
        var message = exchange.getMessage();
        message.removeHeaders("*");
        KafkaRecords.address(message, null, source, receivedAt.toEpochMilli(), source);
        message.setBody(record.toString());
    }
}
