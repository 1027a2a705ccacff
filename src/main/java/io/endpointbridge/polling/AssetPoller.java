package io.endpointbridge.polling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.assets.AssetDelta;
import io.endpointbridge.assets.AssetPage;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.RecordBudget;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.core.SliceWorkers;
import io.endpointbridge.kafka.AssetStateStore;
import io.endpointbridge.mapping.JsonBytes;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.publish.KafkaRecords;
import io.endpointbridge.publish.PipelineCounters;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The steps of a polled source's full pull, as the route calls them: start a run, map the page its request route read into
 * one batch of Kafka records (rejected assets go to the dead-letter topic in the same batch), count what was
 * published, and end the run Processed or Failed with its record for the runs topic. One instance per source; the
 * paging and the transform map are what differ between sources. Record values are UTF-8 bytes (the route's producer
 * sends them as they are); a tombstone's is null.
 */
public class AssetPoller {

    public static final String RUN_PROPERTY = "run";
    private static final String PAGE_RECORDS = "pageRecords";
    private static final String PAGE_REJECTS = "pageRejects";

    private final String source;
    private final RunTracker tracker;
    private final Paging paging;
    private final Supplier<AssetPageMapper> mapper;
    private final SliceWorkers workers;
    private static final String DELTA_PROPERTY = "assetDelta";
    /** Below this many assets per thread a page is mapped by the route's thread alone. */
    private static final int MIN_ASSETS_PER_THREAD = 50;
    /** Assets of a page that are trees at one time: the rest of the page stays bytes. */
    private static final int CHUNK_ASSETS = 1000;
    /** Room the run id, observation time and change type take in a published asset beside its stable fields. */
    private static final int VOLATILE_FIELDS_BYTES = 256;

    /**
     * Where records go and how changes are published: the dead-letter, state and changes topics, the asset key
     * prefix of this source ({@code SES:}), whether unchanged assets are published too, and the largest share of the
     * known inventory a run may delete.
     */
    public record Delivery(String deadLetterTopic, String stateTopic, String changesTopic,
                           String keyPrefix, boolean publishUnchanged, double maxDeleteFraction, RecordBudget budget) {

        /** From kafka.topic.*, assets.publish-mode (all | changes) and assets.max-delete-fraction. */
        public static Delivery from(io.endpointbridge.core.Settings settings, String keyPrefix) {
            String assets = settings.get("kafka.topic.assets", "security.assets.host.v1");
            String mode = settings.get("assets.publish-mode", "changes");
            if (!mode.equals("changes") && !mode.equals("all")) {
                throw new IllegalArgumentException("assets.publish-mode must be 'changes' or 'all', not '" + mode + "'");
            }
            return new Delivery(assets + ".dlq", settings.get("kafka.topic.asset-state", "security.assets.state.v1"),
                    settings.get("kafka.topic.asset-changes", "security.assets.changes.v1"), keyPrefix, mode.equals("all"),
                    Double.parseDouble(settings.get("assets.max-delete-fraction", "0.2")), RecordBudget.from(settings));
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AssetPoller.class);
    private static final long PROGRESS_INTERVAL_NANOS = 15_000_000_000L;
    private final java.util.concurrent.atomic.AtomicLong lastProgressLog = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    private final Delivery delivery;
    private final AssetStateStore state;
    private final Clock clock;

    public AssetPoller(String source, RunTracker tracker, Paging paging, Supplier<AssetPageMapper> mapper,
                       Delivery delivery, AssetStateStore state, Clock clock, int threads) {
        this.source = source;
        this.tracker = tracker;
        this.paging = paging;
        this.mapper = mapper;
        this.workers = new SliceWorkers(source + "-map", threads, MIN_ASSETS_PER_THREAD);
        this.delivery = delivery;
        this.state = state;
        this.clock = clock;
    }

    public void start(Exchange exchange) {
        exchange.setProperty(PipelineCounters.SOURCE_PROPERTY, source);
        Run run = tracker.start(source);
        exchange.setProperty(RUN_PROPERTY, run);
        exchange.setProperty(DeadLetters.RUN_ID_PROPERTY, run.runId());
        try {
            exchange.setProperty(DELTA_PROPERTY, new AssetDelta(state.load(delivery.keyPrefix())));
        } catch (RuntimeException e) {
            tracker.failed(run, "cannot read the asset state from " + state.topic() + ": " + e.getMessage());
            throw e;
        }
        runRecord(exchange);
    }

    public boolean hasMore(Exchange exchange) {
        return run(exchange).hasMore();
    }

    /**
     * Turns the page the source's page request answered (the message body) into the batch of records the Kafka
     * producer sends. An answer without a body (204) means there is nothing more.
     */
    public void nextPage(Exchange exchange) {
        Run run = run(exchange);
        exchange.removeProperty(DeadLetters.RAW_INPUT_PROPERTY);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().removeHeaders("*");
        if (body == null || body.length == 0) {
            run.noMorePages();
            exchange.setProperty(PAGE_RECORDS, 0);
            exchange.setProperty(PAGE_REJECTS, 0);
            exchange.getMessage().setBody(List.of());
            return;
        }
        exchange.setProperty(DeadLetters.RAW_INPUT_PROPERTY, body);
        AssetPageMapper mapper = this.mapper.get();
        AssetPage page = AssetPage.read(body, mapper.listField());
        paging.check(page.shell());
        int n = page.size();
        paging.advance(run, page.shell(), n);
        AssetDelta delta = exchange.getProperty(DELTA_PROPERTY, AssetDelta.class);
        Map<String, String> metadata = AssetPageMapper.metadata(run.runId(), clock.instant());
        Message[] records = new Message[n];
        Message[] stateUpdates = new Message[n];
        int[] rejected = {0};
        // the assets a chunk at a time (never the page as one tree); each chunk mapped, fingerprinted and written in
        // slices on several threads, in page order
        page.forEachChunk(CHUNK_ASSETS, (first, assets) -> rejected[0] += workers.run(exchange.getContext(), assets.size(),
                (from, to) -> {
                    int rejects = 0;
                    for (int i = from; i < to; i++) {
                        JsonNode asset = assets.get(i);
                        try {
                            AssetPageMapper.Mapped mapped = mapper.mapAsset(asset, metadata);
                            byte[] stable = AssetDelta.stableJson(mapped.record());
                            // checked before the asset counts as seen: one Kafka refuses is a dead letter, not a known asset
                            delivery.budget().check("normalized asset", stable.length + VOLATILE_FIELDS_BYTES);
                            long fingerprint = AssetDelta.fingerprint(stable);
                            AssetDelta.Change change = delta.classify(mapped.key(), fingerprint);
                            run.changed(change);
                            if (change != AssetDelta.Change.UNCHANGED || delivery.publishUnchanged()) {
                                records[first + i] = assetRecord(exchange, run, mapped, change);
                            }
                            if (change != AssetDelta.Change.UNCHANGED) {
                                stateUpdates[first + i] = stateUpdate(exchange, mapped.key(), AssetDelta.hex(fingerprint));
                            }
                        } catch (RejectedInputException e) {
                            records[first + i] = deadLetter(exchange, run, asset, e.getMessage());
                            rejects++;
                        }
                    }
                    return rejects;
                }));
        List<Message> batch = new ArrayList<>(n + n / 4);
        int recordsInBatch = 0;
        for (int i = 0; i < n; i++) {
            if (records[i] != null) {
                batch.add(records[i]);
                recordsInBatch++;
            }
            if (stateUpdates[i] != null) {
                batch.add(stateUpdates[i]);
            }
        }
        // the dead letters are among the records
        exchange.setProperty(PAGE_RECORDS, recordsInBatch - rejected[0]);
        exchange.setProperty(PAGE_REJECTS, rejected[0]);
        exchange.getMessage().setBody(batch);
    }

    private static Message assetRecord(Exchange exchange, Run run, AssetPageMapper.Mapped mapped, AssetDelta.Change change) {
        String changeType = change.name().toLowerCase(Locale.ROOT);
        mapped.record().put("changeType", changeType);
        Message message = KafkaRecords.record(exchange.getContext(), null, mapped.key(), null,
                mapped.record().path("source").asText(), JsonBytes.of(mapped.record()));
        message.setHeader("runId", run.runId());
        message.setHeader("changeType", changeType);
        message.setHeader("schemaVersion", AssetPageMapper.SCHEMA_VERSION);
        return message;
    }

    private Message deadLetter(Exchange exchange, Run run, JsonNode asset, String reason) {
        return KafkaRecords.deadLetter(exchange.getContext(), delivery.deadLetterTopic(), source, null,
                JsonBytes.of(DeadLetters.record(source, reason, JsonBytes.of(asset), clock.instant()).put("runId", run.runId())));
    }

    /**
     * After every page of a run was published, and only when the run read every asset the API announced (else it
     * fails): one batch that removes the assets the run did not see (a tombstone on
     * the assets and state topics, and a {@code deleted} record on the changes topic) unless that would remove more
     * than the allowed share of the known inventory, in which case nothing is deleted and the run carries a warning.
     */
    public void deletions(Exchange exchange) {
        Run run = run(exchange);
        // deleting what a short pull did not get to would delete real assets
        run.checkReadAllAnnounced();
        AssetDelta delta = exchange.getProperty(DELTA_PROPERTY, AssetDelta.class);
        List<String> gone = delta.unseen();
        List<Message> batch = new ArrayList<>();
        if (!gone.isEmpty() && gone.size() > delivery.maxDeleteFraction() * delta.previousSize()) {
            run.warn("safety valve: this run would delete " + gone.size() + " of " + delta.previousSize()
                    + " known assets (more than assets.max-delete-fraction " + delivery.maxDeleteFraction()
                    + "); nothing was deleted");
        } else {
            String now = io.endpointbridge.mapping.Times.millis(clock.instant());
            for (String key : gone) {
                Message tombstone = KafkaRecords.record(exchange.getContext(), null, key, null, source, null);
                tombstone.setHeader("runId", run.runId());
                tombstone.setHeader("changeType", "deleted");
                batch.add(tombstone);
                Message change = KafkaRecords.record(exchange.getContext(), delivery.changesTopic(), key, null, source,
                        JsonBytes.of(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                                .put("changeType", "deleted").put("key", key).put("source", source)
                                .put("externalAssetId", key.substring(delivery.keyPrefix().length()))
                                .put("runId", run.runId()).put("deletedAt", now)));
                change.setHeader("changeType", "deleted");
                batch.add(change);
                batch.add(stateUpdate(exchange, key, null));
            }
            run.deleted(gone.size());
        }
        exchange.getMessage().setBody(batch);
    }

    private Message stateUpdate(Exchange exchange, String key, String fingerprint) {
        return KafkaRecords.record(exchange.getContext(), delivery.stateTopic(), key, null, null,
                fingerprint == null ? null : fingerprint.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** After the producer acknowledged the batch; logs progress at a steady interval. */
    public void pagePublished(Exchange exchange) {
        Run run = run(exchange);
        run.pagePublished(exchange.getProperty(PAGE_RECORDS, 0, Integer.class),
                exchange.getProperty(PAGE_REJECTS, 0, Integer.class));
        exchange.removeProperty(DeadLetters.RAW_INPUT_PROPERTY);
        long now = System.nanoTime();
        long last = lastProgressLog.get();
        if (now - last >= PROGRESS_INTERVAL_NANOS && lastProgressLog.compareAndSet(last, now)) {
            try (var mdc = RunTracker.mdc(run)) {
                LOG.info("{}", run.progressLine(clock.instant()));
            }
        }
    }

    public void processed(Exchange exchange) {
        tracker.processed(run(exchange));
        runRecord(exchange);
    }

    /** Puts the exchange's run record in the body with its key (the source), ready for the runs topic. */
    static void runRecord(Exchange exchange) {
        Run run = run(exchange);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        KafkaRecords.address(message, null, run.source(), null, run.source());
        message.setBody(run.toJson().toString());
    }

    private static Run run(Exchange exchange) {
        return exchange.getProperty(RUN_PROPERTY, Run.class);
    }
}
