package io.endpointbridge.polling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.core.Settings;
import io.endpointbridge.mapping.JsonBytes;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.publish.KafkaRecords;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a listed source's run, as the {@code listed-pull} route calls them: start, read the list the API
 * answered, map its records (each with its two seen ids as headers, {@code seenId} and {@code contentFingerprint}, for
 * the route's idempotent consumers), and count each record's outcome: published, already published (a duplicate), or
 * a dead letter. The same mapping serves records that come outside a run (a mailbox): their run id is the exchange's.
 */
public class ListPoller implements RecordPoller {

    private static final Logger LOG = LoggerFactory.getLogger(ListPoller.class);
    public static final String SEEN_ID_HEADER = "seenId";
    public static final String FINGERPRINT_HEADER = "contentFingerprint";

    private final ListedSource source;
    private final RunTracker tracker;
    private final Supplier<TransformMap> map;
    private final SourceRecords records;
    private final Clock clock;

    public ListPoller(ListedSource source, Settings settings, RunTracker tracker, Supplier<TransformMap> map, Clock clock) {
        this.source = source;
        this.tracker = tracker;
        this.map = map;
        this.records = new SourceRecords(source, settings, clock);
        this.clock = clock;
    }

    /** Starts a run; the body becomes the run's start record. */
    public void start(Exchange exchange) {
        records.begin(exchange, tracker);
        AssetPoller.runRecord(exchange);
    }

    /** The API's answer: its list of records, in the body for {@link #mapRecords}; an answer without one fails the run. */
    public void readList(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().removeHeaders("*");
        exchange.setProperty(DeadLetters.RAW_INPUT_PROPERTY, body);
        JsonNode list = AssetPageMapper.parse(body == null ? new byte[0] : body).get(source.recordList());
        if (list == null || !list.isArray()) {
            throw new RejectedInputException("the answer has no '" + source.recordList() + "' list");
        }
        List<JsonNode> raw = new ArrayList<>(list.size());
        list.forEach(raw::add);
        AssetPoller.run(exchange).pageRead(raw.size(), null, false);
        exchange.getMessage().setBody(raw);
    }

    /**
     * The raw records in the body (a list's, a mail's) as Kafka records of the source's schema, each with its seen ids
     * as headers; one that cannot be mapped a dead letter with its raw JSON. The body becomes the list of records.
     */
    @Override
    public void mapRecords(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<JsonNode> raw = exchange.getMessage().getBody(List.class);
        String runId = exchange.getProperty(DeadLetters.RUN_ID_PROPERTY, String.class);
        Map<String, String> metadata = AssetPageMapper.metadata(runId, clock.instant());
        TransformMap current = map.get();
        List<Message> batch = new ArrayList<>(raw.size());
        for (JsonNode each : raw) {
            try {
                ObjectNode record = records.map(current, each, metadata);
                Message message = records.record(exchange, runId, record);
                message.setHeader(SEEN_ID_HEADER, source.seenId(record));
                message.setHeader(FINGERPRINT_HEADER, record.path(source.fingerprintField()).asText());
                batch.add(message);
            } catch (RejectedInputException e) {
                batch.add(records.deadLetter(exchange, runId, JsonBytes.of(each), e.getMessage()));
            }
        }
        exchange.getMessage().setBody(batch);
    }

    /**
     * After one record went its way: published, left out as already published (the idempotent consumer marked the
     * exchange a duplicate), or sent to the dead-letter topic; counted in the run, logged for records outside a run.
     */
    public void counted(Exchange exchange) {
        Message message = exchange.getMessage();
        boolean deadLetter = KafkaRecords.isDeadLetter(message);
        boolean duplicate = exchange.getProperty(Exchange.DUPLICATE_MESSAGE, false, Boolean.class);
        Run run = AssetPoller.run(exchange);
        if (run == null) {
            LOG.info("{}: {} {}", source.name(), message.getHeader(org.apache.camel.component.kafka.KafkaConstants.KEY),
                    deadLetter ? "could not be mapped: dead letter" : duplicate ? "already published: left out" : "published");
        } else if (deadLetter) {
            run.pagePublished(0, 1);
        } else if (duplicate) {
            run.duplicate();
        } else {
            run.pagePublished(1, 0);
        }
    }

    public void processed(Exchange exchange) {
        tracker.processed(AssetPoller.run(exchange));
        AssetPoller.runRecord(exchange);
    }
}
