package io.endpointbridge.sep;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.endpointbridge.core.LazyThreadPool;
import io.endpointbridge.core.RecordBudget;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.kafka.RecordMessage;
import io.endpointbridge.mapping.JsonBytes;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.publish.KafkaRecords;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.publish.SyslogDelivery;
import io.endpointbridge.syslog.SyslogFrame;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's normalize step, in two halves. {@link #process} starts normalizing the frames of one read on the
 * {@code sep-normalize} pool and returns at once, so the listener reads on while earlier batches are normalized, as
 * many at a time as the pool has threads ({@code pipeline.mapping-threads}); {@link #awaitNormalized}, on the thread
 * that publishes batches one after another in the order they were read, waits for its batch. Each frame becomes an
 * event record with its key, headers and record timestamp, or, when it cannot be parsed or mapped, a dead-letter
 * record for the {@code .dlq} topic in the same batch. The record timestamp is the receive time, never the parsed SEPM
 * time: brokers refuse records stamped too far ahead and one such record would fail its whole batch.
 */
public class SepSyslogProcessor implements Processor {

    public static final String SCHEMA_VERSION = "security-event.v1";
    private static final String NORMALIZED_PROPERTY = "normalizedBatch";
    private static final Logger LOG = LoggerFactory.getLogger(SepSyslogProcessor.class);

    /**
     * A normalized batch: one record per frame that is published, in frame order; how many of them are dead-letter
     * records; and how many frames the log types' drop rules filtered out (no record).
     */
    private record Normalized(List<Message> records, int rejected, int filtered) {
    }

    private final Supplier<SepEventNormalizer> normalizer;
    private final String eventsTopic;
    private final String deadLetterTopic;
    private final RecordBudget budget;
    private final LazyThreadPool pool;

    /** @param threads how many batches are normalized at a time (one TCP connection is read by one thread) */
    public SepSyslogProcessor(Supplier<SepEventNormalizer> normalizer, String eventsTopic, RecordBudget budget,
                              int threads) {
        this.normalizer = normalizer;
        this.eventsTopic = eventsTopic;
        this.deadLetterTopic = eventsTopic + ".dlq";
        this.budget = budget;
        this.pool = new LazyThreadPool(manager -> manager.newFixedThreadPool(this, "sep-normalize", Math.max(1, threads)));
    }

    /** Starts normalizing the batch in the body; the frames stay in the body until {@link #awaitNormalized}. */
    @Override
    public void process(Exchange exchange) {
        List<SyslogFrame> frames = frames(exchange);
        SepEventNormalizer normalizer = this.normalizer.get();
        CamelContext context = exchange.getContext();
        exchange.setProperty(SyslogDelivery.TRANSPORT_PROPERTY, frames.isEmpty() ? null : frames.get(0).transport());
        exchange.setProperty(NORMALIZED_PROPERTY, CompletableFuture.supplyAsync(
                () -> normalize(normalizer, context, frames), pool.get(context)));
    }

    /** Waits for the batch {@link #process} started: its records replace the frames in the body. */
    public void awaitNormalized(Exchange exchange) {
        Normalized batch = (Normalized) LazyThreadPool.join(exchange.getProperty(NORMALIZED_PROPERTY, CompletableFuture.class));
        exchange.removeProperty(NORMALIZED_PROPERTY);
        exchange.setProperty(PipelineCounters.PUBLISHED_PROPERTY, batch.records().size() - batch.rejected());
        exchange.setProperty(PipelineCounters.REJECTED_PROPERTY, batch.rejected());
        exchange.setProperty(PipelineCounters.FILTERED_PROPERTY, batch.filtered());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(batch.records());
    }

    private Normalized normalize(SepEventNormalizer normalizer, CamelContext context, List<SyslogFrame> frames) {
        Message[] records = new Message[frames.size()];
        int published = 0;
        int rejected = 0;
        for (SyslogFrame frame : frames) {
            try {
                SepEventNormalizer.NormalizedEvent event = normalizer.normalize(frame);
                if (!event.filtered()) {
                    records[published++] = event(context, frame, event);
                }
            } catch (Exception e) {
                records[published++] = deadLetter(context, frame, e);
                rejected++;
            }
        }
        List<Message> batch = Arrays.asList(records);
        return new Normalized(published == records.length ? batch : batch.subList(0, published), rejected,
                records.length - published);
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

    /**
     * The event as the Kafka record itself ({@link RecordMessage#ready}): key (UTF-8), topic when its log type is routed
     * elsewhere, receive time, and the headers {@code source}, {@code logType}, {@code eventId}, {@code schemaVersion}
     * (UTF-8, the same bytes camel-kafka's header serializer writes; those that repeat are made once).
     */
    private Message event(CamelContext context, SyslogFrame frame, SepEventNormalizer.NormalizedEvent event) {
        budget.check("normalized event", event.json().length);
        List<Header> headers = new ArrayList<>(4);
        headers.add(SOURCE_RECORD_HEADER);
        headers.add(logTypeHeader(event.logType()));
        headers.add(new RecordHeader(EVENT_ID_HEADER, event.eventId().getBytes(StandardCharsets.UTF_8)));
        headers.add(SCHEMA_VERSION_RECORD_HEADER);
        ProducerRecord<Object, Object> record = new ProducerRecord<>(event.topic() != null ? event.topic() : eventsTopic,
                null, frame.receivedAt().toEpochMilli(), event.key() == null ? null : event.key().getBytes(StandardCharsets.UTF_8),
                event.json(), headers);
        return RecordMessage.ready(context, record, event.topic() != null);
    }

    private static final String LOG_TYPE_HEADER = "logType";
    private static final String EVENT_ID_HEADER = "eventId";
    private static final String SCHEMA_VERSION_HEADER = "schemaVersion";
    private static final Header SOURCE_RECORD_HEADER = new RecordHeader(KafkaRecords.SOURCE_HEADER,
            SepEventNormalizer.SOURCE.getBytes(StandardCharsets.UTF_8));
    private static final Header SCHEMA_VERSION_RECORD_HEADER = new RecordHeader(SCHEMA_VERSION_HEADER,
            SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
    /** The log types are the few of sep-log-types.yaml: each one's header is made once. */
    private final Map<String, Header> logTypeHeaders = new ConcurrentHashMap<>();

    private Header logTypeHeader(String logType) {
        Header header = logTypeHeaders.get(logType);
        if (header == null) {
            header = new RecordHeader(LOG_TYPE_HEADER, logType.getBytes(StandardCharsets.UTF_8));
            if (logTypeHeaders.size() < 1000) {
                logTypeHeaders.put(logType, header);
            }
        }
        return header;
    }

    private Message deadLetter(CamelContext context, SyslogFrame frame, Exception error) {
        String reason = DeadLetters.reason(error);
        if (error instanceof RejectedInputException) {
            LOG.debug("Rejected {} input from {}: {}", SepEventNormalizer.SOURCE, frame.sender(), reason);
        } else {
            LOG.warn("Dead-lettering {} input from {} after {}", SepEventNormalizer.SOURCE, frame.sender(), reason, error);
        }
        return KafkaRecords.deadLetter(context, deadLetterTopic, SepEventNormalizer.SOURCE,
                frame.receivedAt().toEpochMilli(), JsonBytes.of(DeadLetters.record(SepEventNormalizer.SOURCE, reason, frame)));
    }
}
