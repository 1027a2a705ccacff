package io.endpointbridge.pipeline;

import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.mapping.Times;
import io.endpointbridge.syslog.SyslogFrame;
import io.endpointbridge.syslog.TextDecoding;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the dead-letter record for an input that could not be parsed, mapped or published: the raw input (as text
 * when it is valid UTF-8, else base64), why, and when it arrived. As a Camel processor it turns the failed exchange
 * into that record, keyed by source, ready for the {@code .dlq} topic.
 */
public class DeadLetters implements Processor {

    public static final String RAW_INPUT_PROPERTY = "rawInput";
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

    private static void putRaw(ObjectNode record, byte[] raw, long originalLength) {
        if (TextDecoding.isUtf8(raw)) {
            record.put("rawText", new String(raw, java.nio.charset.StandardCharsets.UTF_8));
        } else {
            record.put("rawBase64", Base64.getEncoder().encodeToString(raw));
        }
        record.put("rawLength", originalLength);
        record.put("rawTruncated", originalLength > raw.length);
    }

    /** The reason a person reads: the rejection as stated, anything else with its type. */
    public static String reason(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        if (error instanceof RejectedInputException || error instanceof io.endpointbridge.polling.ApiException) {
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
        if (error instanceof RejectedInputException) {
            LOG.debug("Rejected {} input: {}", source, reason);
        } else {
            LOG.warn("Dead-lettering {} input after {}", source, reason, error);
        }
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, source);
        message.setHeader(KafkaConstants.OVERRIDE_TIMESTAMP, receivedAt.toEpochMilli());
        message.setHeader("source", source);
        message.setBody(record.toString());
    }
}
