package io.endpointbridge.polling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
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
    private final int threads;
    private static final String DELTA_PROPERTY = "assetDelta";
    private static final String PAGE_PROPERTY = "assetPage";
    private static final String METADATA_PROPERTY = "pageMetadata";
    /** The map a page is read with: every slice of it mapped by the same one, even when the map is reloaded meanwhile. */
    private static final String PAGE_MAPPER_PROPERTY = "pageMapper";
    /** Below this many assets a slice is not worth a thread of its own. */
    private static final int MIN_ASSETS_PER_SLICE = 50;
    /** The most assets of one slice: the page's assets that are trees at one time stay a few slices' worth. */
    private static final int SLICE_ASSETS = 500;
    /** Room the run id, observation time and change type take in a published asset beside its stable fields. */
    /** {@code ,"changeType":"unchanged"}, added to a record after its fingerprint */
    private static final int CHANGE_TYPE_BYTES = 32;

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
        this.threads = Math.max(1, threads);
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
     * Reads the page the source's page request answered (the message body): its paging facts go into the run and the
     * page waits, unread past its shell, for {@link #slices}. An answer without a body (204) means nothing more.
     */
    public void readPage(Exchange exchange) {
        Run run = run(exchange);
        exchange.removeProperty(DeadLetters.RAW_INPUT_PROPERTY);
        exchange.removeProperty(PAGE_PROPERTY);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(new PageBatch());
        if (body == null || body.length == 0) {
            run.noMorePages();
            return;
        }
        exchange.setProperty(DeadLetters.RAW_INPUT_PROPERTY, body);
        AssetPageMapper mapper = this.mapper.get();
        AssetPage page = AssetPage.read(body, mapper.listField());
        paging.check(page.shell());
        paging.advance(run, page.shell(), page.size());
        exchange.setProperty(PAGE_PROPERTY, page);
        exchange.setProperty(METADATA_PROPERTY, AssetPageMapper.metadata(run.runId(), clock.instant()));
        exchange.setProperty(PAGE_MAPPER_PROPERTY, mapper);
    }

    /**
     * The page's assets in page order, one slice per mapping thread of up to {@value #SLICE_ASSETS} assets at a
     * time (the split's parallel work); none when the page had nothing.
     */
    public Iterator<AssetPage.Slice> slices(Exchange exchange) {
        AssetPage page = exchange.getProperty(PAGE_PROPERTY, AssetPage.class);
        if (page == null) {
            return Collections.emptyIterator();
        }
        int perThread = (Math.min(page.size(), SLICE_ASSETS * threads) + threads - 1) / threads;
        return page.slices(Math.max(MIN_ASSETS_PER_SLICE, Math.min(SLICE_ASSETS, perThread)));
    }

    /**
     * One slice's assets as host-asset.v1 records (the {@code host-asset.v1} transformer): each mapped, checked
     * against the record budget, fingerprinted and compared with the delta state; only new and changed assets are
     * records (all with {@code assets.publish-mode=all}), each change with its delta-state update, a rejected asset a
     * dead letter. The body becomes the slice's {@link PageBatch}.
     */
    @SuppressWarnings("unchecked")
    public void mapSlice(Exchange exchange) {
        AssetPage.Slice slice = exchange.getMessage().getBody(AssetPage.Slice.class);
        Run run = run(exchange);
        AssetDelta delta = exchange.getProperty(DELTA_PROPERTY, AssetDelta.class);
        Map<String, String> metadata = exchange.getProperty(METADATA_PROPERTY, Map.class);
        AssetPageMapper mapper = exchange.getProperty(PAGE_MAPPER_PROPERTY, AssetPageMapper.class);
        PageBatch batch = new PageBatch(slice.first());
        for (JsonNode asset : slice.assets()) {
            try {
                AssetPageMapper.Mapped mapped = mapper.mapAsset(asset, metadata);
                // left out by the map's drop rules: not seen, so one published before is deleted at the run's end
                if (mapper.dropReason(mapped.record()) != null) {
                    run.filtered();
                    continue;
                }
                AssetDelta.Fingerprinted json = AssetDelta.fingerprinted(mapped.record());
                // checked before the asset counts as seen: one Kafka refuses is a dead letter, not a known asset
                delivery.budget().check("normalized asset", json.json().length + CHANGE_TYPE_BYTES);
                long fingerprint = json.fingerprint();
                AssetDelta.Change change = delta.classify(mapped.key(), fingerprint);
                if (change == AssetDelta.Change.REPEATED) {
                    run.repeated();
                    continue;
                }
                run.changed(change);
                if (change != AssetDelta.Change.UNCHANGED || delivery.publishUnchanged()) {
                    batch.asset(assetRecord(exchange, run, mapped, json, change, mapper.topic()));
                }
                if (change != AssetDelta.Change.UNCHANGED) {
                    batch.stateUpdate(stateUpdate(exchange, mapped.key(), AssetDelta.hex(fingerprint)));
                }
            } catch (RejectedInputException e) {
                batch.reject(deadLetter(exchange, run, asset, e.getMessage()));
            }
        }
        exchange.getMessage().setBody(batch);
    }

    /** The page's slices put back together (in page order) as the batch of records the Kafka producer sends. */
    public void pageBatch(Exchange exchange) {
        PageBatch batch = exchange.getMessage().getBody(PageBatch.class);
        exchange.setProperty(PAGE_RECORDS, batch.published());
        exchange.setProperty(PAGE_REJECTS, batch.rejected());
        exchange.getMessage().setBody(batch.records());
    }

    /** An asset record; its {@code source} header is the source's name, as on its tombstone and dead letters. */
    private Message assetRecord(Exchange exchange, Run run, AssetPageMapper.Mapped mapped, AssetDelta.Fingerprinted json,
                                AssetDelta.Change change, String topic) {
        String changeType = change.name().toLowerCase(Locale.ROOT);
        Message message = KafkaRecords.record(exchange.getContext(), topic, mapped.key(), null, source,
                json.withChangeType(mapped.record(), changeType));
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
        io.endpointbridge.assets.LongHashSet unseen = delta.unseen();
        List<Message> batch = new ArrayList<>();
        if (unseen.size() > 0 && unseen.size() > delivery.maxDeleteFraction() * delta.previousSize()) {
            run.warn("safety valve: this run would delete " + unseen.size() + " of " + delta.previousSize()
                    + " known assets (more than assets.max-delete-fraction " + delivery.maxDeleteFraction()
                    + "); nothing was deleted");
        } else {
            String now = io.endpointbridge.mapping.Times.millis(clock.instant());
            // the state keeps key hashes only: the keys of what is gone are read back from the state topic
            List<String> gone = state.keysOf(delivery.keyPrefix(), unseen);
            for (String key : gone) {
                Message tombstone = KafkaRecords.record(exchange.getContext(), mapper.get().topic(), key, null, source, null);
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

    /** The exchange's run (any poller's: they keep it under {@link #RUN_PROPERTY}). */
    static Run run(Exchange exchange) {
        return exchange.getProperty(RUN_PROPERTY, Run.class);
    }
}
