package io.endpointbridge.sep;

import io.endpointbridge.pipeline.DeadLetters;
import io.endpointbridge.syslog.SyslogFrame;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * The route's normalize step: a {@link SyslogFrame} in, the event JSON out with its Kafka key, headers and record
 * timestamp. The timestamp is the receive time, never the parsed SEPM time: brokers refuse records stamped too far
 * ahead and one such record would fail its whole batch.
 */
public class SepSyslogProcessor implements Processor {

    public static final String SCHEMA_VERSION = "security-event.v1";

    private final SepEventNormalizer normalizer;

    public SepSyslogProcessor(SepEventNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SyslogFrame frame = exchange.getMessage().getMandatoryBody(SyslogFrame.class);
        exchange.setProperty(DeadLetters.RAW_INPUT_PROPERTY, frame);
        SepEventNormalizer.NormalizedEvent event = normalizer.normalize(frame);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, event.key());
        message.setHeader(KafkaConstants.OVERRIDE_TIMESTAMP, frame.receivedAt().toEpochMilli());
        message.setHeader("source", SepEventNormalizer.SOURCE);
        message.setHeader("logType", event.logType());
        message.setHeader("eventId", event.eventId());
        message.setHeader("schemaVersion", SCHEMA_VERSION);
        message.setBody(event.record().toString());
    }
}
