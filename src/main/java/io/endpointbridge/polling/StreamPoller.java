package io.endpointbridge.polling;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.core.Settings;
import io.endpointbridge.kafka.CheckpointStore;
import io.endpointbridge.mapping.JsonBytes;
import io.endpointbridge.mapping.Times;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.publish.KafkaRecords;
import io.endpointbridge.polling.StreamedSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a streamed source's run, as the {@code streamed-pull} route calls them: start from the position in the
 * checkpoints topic, build each request, read the answer (204: nothing more; the expired-position status: start again
 * without it, the possible gap in the run record; else NDJSON lines), map the answer's records, and write the position
 * after its last line once Kafka acknowledged them.
 */
public class StreamPoller implements RecordPoller {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PULL_PROPERTY = "streamPull";
    private static final String ANSWER_RECORDS = "answerRecords";
    private static final String ANSWER_REJECTS = "answerRejects";

    /** Where a run stands: the position after the last acknowledged line, the lines of the answer in hand. */
    private static final class Pull {
        String position;
        String pending;
        boolean more = true;
        List<String> lines = List.of();
        TransformMap map;

        Pull(String position) {
            this.position = position;
        }
    }

    private final StreamedSource source;
    private final RunTracker tracker;
    private final Supplier<TransformMap> map;
    private final CheckpointStore checkpoints;
    private final SourceRecords records;
    private final Clock clock;

    public StreamPoller(StreamedSource source, Settings settings, RunTracker tracker, Supplier<TransformMap> map,
                        CheckpointStore checkpoints, Clock clock) {
        this.source = source;
        this.tracker = tracker;
        this.map = map;
        this.checkpoints = checkpoints;
        this.records = new SourceRecords(source, settings, clock);
        this.clock = clock;
    }

    /** Starts a run from the position in Kafka; the body becomes the run's start record. */
    public void start(Exchange exchange) {
        String position = records.start(exchange, tracker, checkpoints).map(checkpoint -> checkpoint.path("next").asText(null))
                .orElse(null);
        exchange.setProperty(PULL_PROPERTY, new Pull(position));
        AssetPoller.runRecord(exchange);
    }

    public boolean hasMore(Exchange exchange) {
        return pull(exchange).more && AssetPoller.run(exchange).hasMore();
    }

    /** The request's body (the route marshals it to JSON): the position, or none at the stream's start. */
    public void request(Exchange exchange) {
        Pull pull = pull(exchange);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(source.request(pull.position));
    }

    /**
     * Reads the answer: no body (204) means nothing more for now; the expired-position status means the stream no
     * longer holds what follows the position: the next request goes without it, and the run says that events may be
     * missing in between; else the answer's lines wait for {@link #mapRecords}.
     */
    public void readAnswer(Exchange exchange) {
        Pull pull = pull(exchange);
        Run run = AssetPoller.run(exchange);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
        pull.lines = List.of();
        if (status != null && status == source.expiredStatus()) {
            if (pull.position == null) {
                throw new ApiException(ApiException.Check.DATA, "the stream answered " + status
                        + " (position expired) to a request without a position");
            }
            String dropped = pull.position;
            pull.position = null;
            run.possibleGap("HTTP " + status + ": the stream no longer holds position " + abbreviated(dropped)
                    + "; reconnected without it, so events between that position and the stream's oldest may be missing");
            LOG.warn("{}: HTTP {}, the stream position {} expired; reconnecting without it (possible gap, counted)",
                    source.name(), status, abbreviated(dropped));
            return;
        }
        if (body == null || body.length == 0 || status != null && status == 204) {
            pull.more = false;
            return;
        }
        exchange.setProperty(DeadLetters.RAW_INPUT_PROPERTY, body);
        List<String> lines = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        pull.lines = lines;
        pull.map = map.get();
        // an answer counts as a page; its events are counted as each line is read
        run.pageRead(0, null, true);
    }

    /**
     * The answer's records (the source's record type), line by line: each event mapped, keyed, with its identity as a
     * header; an event that cannot be mapped, or a line that is not JSON, a dead letter with its raw text (its events
     * are in the dead letter, not lost). The body becomes one batch of records; the position after the last line
     * that names one waits for the acknowledgement.
     */
    @Override
    public void mapRecords(Exchange exchange) {
        Pull pull = pull(exchange);
        Run run = AssetPoller.run(exchange);
        Map<String, String> metadata = AssetPageMapper.metadata(run.runId(), clock.instant());
        List<Message> batch = new ArrayList<>();
        int published = 0;
        int rejected = 0;
        for (String text : pull.lines) {
            JsonNode line = null;
            try {
                line = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                // dead-lettered below
            }
            if (line == null || !line.isObject() || !line.path(source.recordList()).isArray()) {
                String reason = line == null ? "stream line is not valid JSON" : "stream line has no '" + source.recordList() + "' list";
                batch.add(records.deadLetter(exchange, run.runId(), text.getBytes(StandardCharsets.UTF_8), reason));
                rejected++;
                continue;
            }
            for (JsonNode raw : line.get(source.recordList())) {
                try {
                    batch.add(records.record(exchange, run.runId(), records.map(pull.map, raw, metadata)));
                    published++;
                } catch (RejectedInputException e) {
                    batch.add(records.deadLetter(exchange, run.runId(), JsonBytes.of(raw), e.getMessage()));
                    rejected++;
                }
            }
            String position = source.position(line);
            if (position != null) {
                pull.pending = position;
            }
        }
        pull.lines = List.of();
        run.received(published + rejected);
        exchange.setProperty(ANSWER_RECORDS, published);
        exchange.setProperty(ANSWER_REJECTS, rejected);
        exchange.getMessage().setBody(batch);
    }

    /**
     * After Kafka acknowledged the answer's records: the position after them as the checkpoint record (keyed by the
     * source), or no body when no line named one (the position stays).
     */
    public void answerPublished(Exchange exchange) {
        Pull pull = pull(exchange);
        Run run = AssetPoller.run(exchange);
        run.pagePublished(exchange.getProperty(ANSWER_RECORDS, 0, Integer.class),
                exchange.getProperty(ANSWER_REJECTS, 0, Integer.class));
        exchange.removeProperty(DeadLetters.RAW_INPUT_PROPERTY);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        if (pull.pending == null) {
            message.setBody(null);
            return;
        }
        KafkaRecords.address(message, null, source.name(), null, source.name());
        ObjectNode checkpoint = JsonNodeFactory.instance.objectNode().put("source", source.name())
                .put("next", pull.pending).put("runId", run.runId()).put("writtenAt", Times.millis(clock.instant()));
        message.setBody(JsonBytes.of(checkpoint));
    }

    /** Whether the answer named a position to checkpoint (the route's filter). */
    public boolean hasPosition(Exchange exchange) {
        return pull(exchange).pending != null;
    }

    /** After Kafka acknowledged the position: the next request starts from it. */
    public void checkpointed(Exchange exchange) {
        Pull pull = pull(exchange);
        pull.position = pull.pending;
        pull.pending = null;
    }

    public void processed(Exchange exchange) {
        tracker.processed(AssetPoller.run(exchange));
        AssetPoller.runRecord(exchange);
    }

    private static String abbreviated(String position) {
        return position.length() <= 24 ? position : position.substring(0, 24) + "...";
    }

    private static Pull pull(Exchange exchange) {
        return exchange.getProperty(PULL_PROPERTY, Pull.class);
    }
}
