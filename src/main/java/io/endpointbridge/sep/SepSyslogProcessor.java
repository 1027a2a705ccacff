package io.endpointbridge.sep;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.endpointbridge.mapping.JsonBytes;
import io.endpointbridge.pipeline.DeadLetters;
import io.endpointbridge.pipeline.PipelineCounters;
import io.endpointbridge.pipeline.RejectedInputException;
import io.endpointbridge.pipeline.SliceWorkers;
import io.endpointbridge.pipeline.SyslogDelivery;
import io.endpointbridge.syslog.SyslogFrame;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's normalize step: the frames of one read in, one Kafka batch out. Each frame becomes an event record with
 * its key, headers and record timestamp, or, when it cannot be parsed or mapped, a dead-letter record for the
 * {@code .dlq} topic in the same batch. The record timestamp is the receive time, never the parsed SEPM time: brokers
 * refuse records stamped too far ahead and one such record would fail its whole batch.
 */
public class SepSyslogProcessor implements Processor {

    public static final String SCHEMA_VERSION = "security-event.v1";
    private static final Logger LOG = LoggerFactory.getLogger(SepSyslogProcessor.class);

    /** Below this many frames per thread a batch is normalized where it arrived: a hand-off would cost more. */
    static final int MIN_FRAMES_PER_THREAD = 64;

    private final Supplier<SepEventNormalizer> normalizer;
    private final String deadLetterTopic;
    private final SliceWorkers workers;

    /**
     * @param threads how many threads normalize one large batch together (the listener's own and {@code threads - 1}
     *                helpers): one TCP connection is read by one thread, and would otherwise use one core
     */
    public SepSyslogProcessor(Supplier<SepEventNormalizer> normalizer, String deadLetterTopic, int threads) {
        this.normalizer = normalizer;
        this.deadLetterTopic = deadLetterTopic;
        this.workers = new SliceWorkers("sep-normalize", threads, MIN_FRAMES_PER_THREAD);
    }

    @Override
    public void process(Exchange exchange) {
        List<SyslogFrame> frames = frames(exchange);
        SepEventNormalizer normalizer = this.normalizer.get();
        CamelContext context = exchange.getContext();
        int n = frames.size();
        Message[] records = new Message[n];
        int rejected = workers.run(context, n, (from, to) -> normalize(normalizer, context, frames, records, from, to));
        exchange.setProperty(SyslogDelivery.TRANSPORT_PROPERTY, frames.isEmpty() ? null : frames.get(0).transport());
        exchange.setProperty(PipelineCounters.PUBLISHED_PROPERTY, n - rejected);
        exchange.setProperty(PipelineCounters.REJECTED_PROPERTY, rejected);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(Arrays.asList(records));
    }

    /** Normalizes frames[from, to) into records[from, to); returns how many became dead-letter records. */
    private int normalize(SepEventNormalizer normalizer, CamelContext context, List<SyslogFrame> frames, Message[] records,
                          int from, int to) {
        int rejected = 0;
        for (int i = from; i < to; i++) {
            SyslogFrame frame = frames.get(i);
            Message record = new DefaultMessage(context);
            try {
                event(normalizer, frame, record);
            } catch (Exception e) {
                deadLetter(frame, e, record);
                rejected++;
            }
            records[i] = record;
        }
        return rejected;
    }

    /** The body of a listener's exchange: the frames of one read (a single frame is taken as a batch of one). */
    @SuppressWarnings("unchecked")
    static List<SyslogFrame> frames(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof SyslogFrame frame) {
            return List.of(frame);
        }
        return (List<SyslogFrame>) body;
    }

    private static void event(SepEventNormalizer normalizer, SyslogFrame frame, Message record) {
        SepEventNormalizer.NormalizedEvent event = normalizer.normalize(frame);
        record.setHeader(KafkaConstants.KEY, event.key());
        record.setHeader(KafkaConstants.OVERRIDE_TIMESTAMP, frame.receivedAt().toEpochMilli());
        record.setHeader("source", SepEventNormalizer.SOURCE);
        record.setHeader("logType", event.logType());
        record.setHeader("eventId", event.eventId());
        record.setHeader("schemaVersion", SCHEMA_VERSION);
        record.setBody(event.json());
    }

    private void deadLetter(SyslogFrame frame, Exception error, Message record) {
        String reason = DeadLetters.reason(error);
        if (error instanceof RejectedInputException) {
            LOG.debug("Rejected {} input from {}: {}", SepEventNormalizer.SOURCE, frame.sender(), reason);
        } else {
            LOG.warn("Dead-lettering {} input from {} after {}", SepEventNormalizer.SOURCE, frame.sender(), reason, error);
        }
        record.setHeader(KafkaConstants.OVERRIDE_TOPIC, deadLetterTopic);
        record.setHeader(KafkaConstants.KEY, SepEventNormalizer.SOURCE);
        record.setHeader(KafkaConstants.OVERRIDE_TIMESTAMP, frame.receivedAt().toEpochMilli());
        record.setHeader("source", SepEventNormalizer.SOURCE);
        record.setBody(JsonBytes.of(DeadLetters.record(SepEventNormalizer.SOURCE, reason, frame)));
    }
}
