package io.endpointbridge.polling;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.core.Settings;
import io.endpointbridge.kafka.CheckpointStore;
import io.endpointbridge.mapping.JsonBytes;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.publish.KafkaRecords;
import io.endpointbridge.polling.WindowedSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a windowed source's run, as the {@code windowed-pull} route calls them: start (read the checkpoint),
 * cut the next window, build each page request, read the page's paging facts, map its records (leaving out those
 * the overlap re-read and the last windows already published), count what Kafka acknowledged, and write the window's
 * checkpoint, which the route sends only after every page of the window was acknowledged.
 */
public class WindowPoller implements RecordPoller {

    private static final Logger LOG = LoggerFactory.getLogger(WindowPoller.class);
    private static final String PULL_PROPERTY = "windowPull";
    private static final String PAGE_RECORDS = "pageRecords";
    private static final String PAGE_REJECTS = "pageRejects";

    /** Where a run stands: its checkpoint, its window, the page offset in it and the records seen. */
    private static final class Pull {
        final Instant startedAt;
        Checkpoint checkpoint;
        Window window;
        long offset;
        boolean more;
        List<JsonNode> page = List.of();
        TransformMap map;
        Map<String, Instant> seen = new LinkedHashMap<>();
        Checkpoint written;

        Pull(Instant startedAt, Checkpoint checkpoint) {
            this.startedAt = startedAt;
            this.checkpoint = checkpoint;
        }
    }

    private final WindowedSource source;
    private final Settings settings;
    private final RunTracker tracker;
    private final Supplier<TransformMap> map;
    private final CheckpointStore checkpoints;
    private final Window.Rules rules;
    private final int seenLimit;
    private final SourceRecords records;
    private final Clock clock;

    public WindowPoller(WindowedSource source, Settings settings, RunTracker tracker, Supplier<TransformMap> map,
                        CheckpointStore checkpoints, Clock clock) {
        this.source = source;
        this.settings = settings;
        this.tracker = tracker;
        this.map = map;
        this.checkpoints = checkpoints;
        this.records = new SourceRecords(source, settings, clock);
        this.clock = clock;
        this.rules = new Window.Rules(settings.getDuration(source.prefix() + ".overlap", "10m"),
                settings.getDuration(source.prefix() + ".initial-lookback", "24h"),
                settings.getDuration(source.prefix() + ".max-window", "1d"), source.retention());
        this.seenLimit = settings.getInt(source.prefix() + ".seen-limit", 5000);
    }

    /** Starts a run from the source's checkpoint in Kafka; the body becomes the run's start record. */
    public void start(Exchange exchange) {
        Checkpoint checkpoint = records.start(exchange, tracker, checkpoints).map(Checkpoint::fromJson).orElse(null);
        exchange.setProperty(PULL_PROPERTY, new Pull(clock.instant(), checkpoint));
        AssetPoller.runRecord(exchange);
    }

    /**
     * Cuts the next window after the checkpoint; false once the last window reached the time the run started (or
     * the checkpoint is ahead of this clock).
     */
    public boolean nextWindow(Exchange exchange) {
        Pull pull = pull(exchange);
        Run run = AssetPoller.run(exchange);
        if (!run.hasMoreWindows() || pull.window != null && !pull.window.to().isBefore(pull.startedAt)) {
            return false;
        }
        // the run's first window starts one overlap before the checkpoint; the next ones where the last one ended
        Window window = pull.window == null
                ? rules.next(pull.checkpoint == null ? null : pull.checkpoint.windowEnd(), clock.instant())
                : rules.after(pull.window, clock.instant());
        if (!window.to().isAfter(window.from())) {
            return false;
        }
        if (window.gap() != null) {
            run.gap(window.gap());
            LOG.warn("{}: the checkpoint {} is older than the API keeps data ({}): {} could not be read, from {} to {}",
                    source.name(), window.gap().from(), source.retention(), window.gap().length(), window.gap().from(),
                    window.gap().to());
        }
        pull.window = window;
        pull.offset = 0;
        pull.more = true;
        pull.map = map.get();
        pull.seen = new LinkedHashMap<>(pull.checkpoint == null ? Map.of() : pull.checkpoint.seen());
        run.window(window.from(), window.to());
        return true;
    }

    public boolean hasMore(Exchange exchange) {
        return pull(exchange).more && AssetPoller.run(exchange).hasMore();
    }

    /** The page request's body (the route marshals it to JSON): the window and the offset in it. */
    public void request(Exchange exchange) {
        Pull pull = pull(exchange);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(source.request(settings, pull.window, pull.offset));
    }

    /** Reads the page the request answered: its records wait for {@link #mapRecords}, its paging facts go into the run. */
    public void readPage(Exchange exchange) {
        Pull pull = pull(exchange);
        Run run = AssetPoller.run(exchange);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
        pull.page = List.of();
        if (body == null || body.length == 0) {
            pull.more = false;
            return;
        }
        exchange.setProperty(DeadLetters.RAW_INPUT_PROPERTY, body);
        JsonNode page = AssetPageMapper.parse(body);
        JsonNode list = page.get(source.recordList());
        if (list == null || !list.isArray()) {
            throw new RejectedInputException("page has no '" + source.recordList() + "' list");
        }
        OptionalLong total = source.total(page);
        if (pull.offset == 0 && total.isPresent() && total.getAsLong() > source.resultWindow()) {
            if (halve(pull, run, total.getAsLong())) {
                return;
            }
        }
        List<JsonNode> records = new ArrayList<>(list.size());
        list.forEach(records::add);
        OptionalLong next = source.next(page, records.size(), pull.offset);
        if (next.isPresent() && next.getAsLong() <= pull.offset) {
            throw new ApiException(ApiException.Check.DATA, "paging did not advance: the page at offset " + pull.offset
                    + " names " + next.getAsLong() + " as the next");
        }
        pull.page = records;
        pull.more = next.isPresent();
        pull.offset = next.orElse(pull.offset + records.size());
        run.pageRead(records.size(), null, pull.more);
    }

    /**
     * A window holding more records than the API pages through (its result window) is halved and read again from its
     * start, before anything of it is published: whatever order the API returns, every record is reached. A window of a
     * second that is still too full is read as far as the API goes, and the run says what it could not reach.
     */
    private boolean halve(Pull pull, Run run, long total) {
        Window window = pull.window;
        java.time.Duration length = java.time.Duration.between(window.from(), window.to());
        if (length.compareTo(java.time.Duration.ofSeconds(2)) < 0) {
            run.possibleGap("the API holds " + total + " records from " + Window.text(window.from()) + " to "
                    + Window.text(window.to()) + " and pages through only " + source.resultWindow() + " of them");
            return false;
        }
        pull.window = new Window(window.from(), window.from().plus(length.dividedBy(2)), null);
        pull.offset = 0;
        pull.more = true;
        run.pageRead(0, null, true);
        LOG.info("{}: {} records from {} to {}, more than the API pages through ({}): the window is halved",
                source.name(), total, Window.text(window.from()), Window.text(window.to()), source.resultWindow());
        return true;
    }

    /**
     * The page's records as Kafka records (the source's record type): each mapped; one the last windows or this run
     * already published (same key and version) left out and counted as a duplicate; one that cannot be mapped or is
     * too large a dead letter with its raw JSON. The body becomes the list of records.
     */
    @Override
    public void mapRecords(Exchange exchange) {
        Pull pull = pull(exchange);
        Run run = AssetPoller.run(exchange);
        Map<String, String> metadata = AssetPageMapper.metadata(run.runId(), clock.instant());
        List<Message> batch = new ArrayList<>(pull.page.size());
        int published = 0;
        int rejected = 0;
        for (JsonNode raw : pull.page) {
            try {
                ObjectNode record = records.map(pull.map, raw, metadata);
                String version = record.path(source.versionField()).asText();
                String identity = Checkpoint.identity(source.identity(record), version);
                if (pull.seen.containsKey(identity)) {
                    run.duplicate();
                    continue;
                }
                batch.add(records.record(exchange, run.runId(), record));
                pull.seen.put(identity, versionTime(pull, version));
                published++;
            } catch (RejectedInputException e) {
                batch.add(records.deadLetter(exchange, run.runId(), JsonBytes.of(raw), e.getMessage()));
                rejected++;
            }
        }
        pull.page = List.of();
        exchange.setProperty(PAGE_RECORDS, published);
        exchange.setProperty(PAGE_REJECTS, rejected);
        exchange.getMessage().setBody(batch);
    }

    /** The time of a record's version (the map makes it ISO); one that is no time counts as the window's end. */
    private static Instant versionTime(Pull pull, String version) {
        try {
            return OffsetDateTime.parse(version).toInstant();
        } catch (DateTimeParseException e) {
            return pull.window.to();
        }
    }

    /** After Kafka acknowledged the page's records. */
    public void pagePublished(Exchange exchange) {
        AssetPoller.run(exchange).pagePublished(exchange.getProperty(PAGE_RECORDS, 0, Integer.class),
                exchange.getProperty(PAGE_REJECTS, 0, Integer.class));
        exchange.removeProperty(DeadLetters.RAW_INPUT_PROPERTY);
    }

    /**
     * The window's checkpoint record, keyed by the source, for the checkpoints topic: its end and the records the next
     * window will read again. Sent after every page of the window was acknowledged.
     */
    public void checkpoint(Exchange exchange) {
        Pull pull = pull(exchange);
        Run run = AssetPoller.run(exchange);
        byte[] record;
        int limit = seenLimit;
        do {
            pull.written = Checkpoint.after(pull.window.to(), rules.overlap(), pull.seen, limit);
            record = JsonBytes.of(pull.written.toJson(source.name(), run.runId(), clock.instant()));
            // a seen list Kafka would refuse as one record keeps its newest half: a few more duplicates, never a stuck run
            limit = pull.written.seen().size() / 2;
        } while (record.length > records.maxRecordBytes() && limit > 0);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        KafkaRecords.address(message, null, source.name(), null, source.name());
        message.setBody(record);
    }

    /** After Kafka acknowledged the checkpoint: the next window starts from it. */
    public void checkpointed(Exchange exchange) {
        Pull pull = pull(exchange);
        pull.checkpoint = pull.written;
        LOG.info("{} checkpoint at {} ({} records in the overlap's seen list)", source.name(),
                Window.text(pull.checkpoint.windowEnd()), pull.checkpoint.seen().size());
    }

    public void processed(Exchange exchange) {
        tracker.processed(AssetPoller.run(exchange));
        AssetPoller.runRecord(exchange);
    }

    private static Pull pull(Exchange exchange) {
        return exchange.getProperty(PULL_PROPERTY, Pull.class);
    }
}
