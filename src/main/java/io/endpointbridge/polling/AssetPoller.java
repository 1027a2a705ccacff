package io.endpointbridge.polling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.pipeline.DeadLetters;
import io.endpointbridge.pipeline.PipelineCounters;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/**
 * The steps of a polled source's full pull, as the route calls them: start a run, fetch and map the next page into
 * one batch of Kafka records (rejected assets go to the dead-letter topic in the same batch), count what was
 * published, and end the run Processed or Failed with its record for the runs topic. One instance per source; the
 * paging and the transform map are what differ between sources.
 */
public class AssetPoller {

    public static final String RUN_PROPERTY = "run";
    private static final String PAGE_RECORDS = "pageRecords";
    private static final String PAGE_REJECTS = "pageRejects";

    private final String source;
    private final RunTracker tracker;
    private final PageFetcher fetcher;
    private final AssetPageMapper mapper;
    private final String deadLetterTopic;
    private final Clock clock;

    public AssetPoller(String source, RunTracker tracker, PageFetcher fetcher, AssetPageMapper mapper,
                       String deadLetterTopic, Clock clock) {
        this.source = source;
        this.tracker = tracker;
        this.fetcher = fetcher;
        this.mapper = mapper;
        this.deadLetterTopic = deadLetterTopic;
        this.clock = clock;
    }

    public PageFetcher fetcher() {
        return fetcher;
    }

    public void start(Exchange exchange) {
        exchange.setProperty(PipelineCounters.SOURCE_PROPERTY, source);
        exchange.setProperty(RUN_PROPERTY, tracker.start(source));
        runRecord(exchange);
    }

    public boolean hasMore(Exchange exchange) {
        return run(exchange).hasMore();
    }

    /** Fetches the next page and turns it into the batch of records the Kafka producer sends. */
    public void nextPage(Exchange exchange) {
        Run run = run(exchange);
        exchange.removeProperty(DeadLetters.RAW_INPUT_PROPERTY);
        byte[] body = fetcher.fetch(run);
        if (body == null) {
            run.noMorePages();
            exchange.setProperty(PAGE_RECORDS, 0);
            exchange.setProperty(PAGE_REJECTS, 0);
            exchange.getMessage().setBody(List.of());
            return;
        }
        exchange.setProperty(DeadLetters.RAW_INPUT_PROPERTY, body);
        JsonNode page = AssetPageMapper.parse(body);
        fetcher.check(page);
        AssetPageMapper.PageResult result = mapper.map(page, run.runId(), clock.instant());
        fetcher.advance(run, page, result.size());
        List<Message> batch = new ArrayList<>(result.size());
        for (AssetPageMapper.Mapped mapped : result.records()) {
            Message message = new DefaultMessage(exchange.getContext());
            message.setBody(mapped.record().toString());
            message.setHeader(KafkaConstants.KEY, mapped.key());
            message.setHeader("source", mapped.record().path("source").asText());
            message.setHeader("runId", run.runId());
            message.setHeader("schemaVersion", AssetPageMapper.SCHEMA_VERSION);
            batch.add(message);
        }
        for (AssetPageMapper.Rejected rejected : result.rejects()) {
            Message message = new DefaultMessage(exchange.getContext());
            message.setBody(DeadLetters.record(source, rejected.reason(),
                    rejected.raw().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), clock.instant())
                    .put("runId", run.runId()).toString());
            message.setHeader(KafkaConstants.KEY, source);
            message.setHeader(KafkaConstants.OVERRIDE_TOPIC, deadLetterTopic);
            message.setHeader("source", source);
            batch.add(message);
        }
        exchange.setProperty(PAGE_RECORDS, result.records().size());
        exchange.setProperty(PAGE_REJECTS, result.rejects().size());
        exchange.getMessage().setBody(batch);
    }

    /** After the producer acknowledged the batch. */
    public void pagePublished(Exchange exchange) {
        run(exchange).pagePublished(exchange.getProperty(PAGE_RECORDS, 0, Integer.class),
                exchange.getProperty(PAGE_REJECTS, 0, Integer.class));
        exchange.removeProperty(DeadLetters.RAW_INPUT_PROPERTY);
    }

    public void processed(Exchange exchange) {
        tracker.processed(run(exchange));
        runRecord(exchange);
    }

    /** Puts the run record in the body with its key, ready for the runs topic. */
    public void runRecord(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, source);
        message.setHeader("source", source);
        message.setBody(run(exchange).toJson().toString());
    }

    private static Run run(Exchange exchange) {
        return exchange.getProperty(RUN_PROPERTY, Run.class);
    }
}
