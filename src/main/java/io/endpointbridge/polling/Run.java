package io.endpointbridge.polling;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.mapping.Times;

/**
 * One full pull of a polled source: its id, progress and outcome. {@code complete} is true only for a run that ended
 * Processed having read every asset the API announced, so consumers can tell a full snapshot from a partial one; a
 * run that read fewer never gets that far (see {@link #checkReadAllAnnounced}).
 */
public final class Run {

    public enum State { REGISTERED, SCHEDULED, PROCESSING, PROCESSED, FAILED }

    private final String runId = UUID.randomUUID().toString();
    private final String source;
    private final Instant startedAt;
    private final AtomicInteger pages = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong repeated = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicInteger windows = new AtomicInteger();
    private volatile Instant windowFrom;
    private volatile Instant windowTo;
    private volatile Window.Gap gap;
    private final AtomicInteger possibleGaps = new AtomicInteger();
    private volatile String warning;
    private volatile long expectedTotal = -1;
    private volatile long offset;
    private volatile String cursor;
    private volatile boolean more = true;
    private volatile State state = State.PROCESSING;
    private volatile Instant endedAt;
    private volatile String reason;

    Run(String source, Instant startedAt) {
        this.source = source;
        this.startedAt = startedAt;
    }

    public String runId() {
        return runId;
    }

    public String source() {
        return source;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public State state() {
        return state;
    }

    public int pages() {
        return pages.get();
    }

    /** The 1-based number of the next page, for APIs paged by page number (SEPM's pageIndex). */
    public int nextPage() {
        return pages.get() + 1;
    }

    public long offset() {
        return offset;
    }

    /** The cursor of cursor-paged APIs (CSAM lastSeenAssetId); null before the first page. */
    public String cursor() {
        return cursor;
    }

    public boolean hasMore() {
        return more && state == State.PROCESSING;
    }

    /** Records a page read at the current offset: how many assets it held and how many the API announced in all. */
    public void pageRead(int assets, long total) {
        pageRead(assets, total, offset + assets < total);
    }

    /**
     * Records a page of an API that announces its total and says itself whether it was the last page (SEPM's
     * {@code totalElements}, {@code lastPage}); an empty page ends the paging either way.
     */
    public void pageRead(int assets, long total, boolean morePages) {
        expectedTotal = total;
        read(assets, morePages && assets > 0);
    }
    /** Counts one asset's change against the state before the run. */
    public void changed(io.endpointbridge.assets.AssetDelta.Change change) {
        switch (change) {
            case CREATED -> created.incrementAndGet();
            case UPDATED -> updated.incrementAndGet();
            case UNCHANGED -> unchanged.incrementAndGet();
            default -> throw new IllegalArgumentException(change.name());
        }
    }

    /**
     * An asset this run had already read (paging over a list that changes under it repeats rows): not published again
     * and not counted towards the announced total.
     */
    public void repeated() {
        repeated.incrementAndGet();
    }

    /**
     * A record a windowed source's overlap read again that the last windows (or this run) had already published: not
     * published again.
     */
    public void duplicate() {
        duplicates.incrementAndGet();
    }

    /** A window a windowed source's run reads next: the run's record shows the span of its windows. */
    public void window(Instant from, Instant to) {
        if (windows.getAndIncrement() == 0) {
            windowFrom = from;
        }
        windowTo = to;
        // each window is paged from its start
        more = true;
    }

    /** Windows run until they reach the time the run started; a failed run reads no more. */
    public boolean hasMoreWindows() {
        return state == State.PROCESSING;
    }

    /** Time the API no longer held when the run started (a checkpoint older than its retention): never read. */
    public void gap(Window.Gap unread) {
        gap = unread;
        warn("the checkpoint " + Times.millis(unread.from()) + " is older than the API keeps data: "
                + unread.length().toMinutes() + " minutes up to " + Times.millis(unread.to()) + " could not be read");
    }

    /** A stream position the API no longer held (410): read on without it, events in between may be missing. */
    public void possibleGap(String why) {
        possibleGaps.incrementAndGet();
        warn(why);
    }

    public int possibleGaps() {
        return possibleGaps.get() + (gap == null ? 0 : 1);
    }

    /** Records of a streamed source's answer, counted as they are read line by line. */
    public void received(int records) {
        received.addAndGet(records);
    }

    public void deleted(long count) {
        deleted.addAndGet(count);
    }

    /** Something a person should look at although the run succeeded (e.g. deletions held back). */
    /** An asset the map's drop rules left out. */
    public void filtered() {
        filtered.incrementAndGet();
    }

    public void warn(String message) {
        warning = message;
    }

    /** Records a page of a cursor-paged API, which announces no total. */
    public void pageRead(int assets, String nextCursor, boolean morePages) {
        cursor = nextCursor;
        read(assets, morePages);
    }

    private void read(int assets, boolean morePages) {
        pages.incrementAndGet();
        received.addAndGet(assets);
        offset += assets;
        more = morePages;
    }

    /** The API said there is nothing (more) to read (CSAM answers 204). */
    public void noMorePages() {
        more = false;
    }

    public void pagePublished(int records, int rejects) {
        published.addAndGet(records);
        rejected.addAndGet(rejects);
    }

    void end(State outcome, String why, Instant at) {
        state = outcome;
        reason = why;
        endedAt = at;
    }

    /** Share of the announced total read so far (0..1), or NaN when the API announces no total. */
    public double progress() {
        return expectedTotal > 0 ? Math.min(1.0, (double) received.get() / expectedTotal) : expectedTotal == 0 ? 1.0 : Double.NaN;
    }

    /** One line for the log: pages, assets read of the total, rate and the time left at that rate. */
    public String progressLine(Instant now) {
        double seconds = Math.max(0.001, (now.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
        double rate = received.get() / seconds;
        StringBuilder line = new StringBuilder(source).append(" run ").append(runId).append(": ")
                .append(pages.get()).append(" pages, ").append(received.get());
        if (expectedTotal >= 0) {
            line.append(" of ").append(expectedTotal).append(" assets (").append(Math.round(progress() * 100)).append(" %)");
        } else {
            line.append(" assets");
        }
        line.append(", ").append(Math.round(rate)).append("/s");
        if (expectedTotal > 0 && rate > 0) {
            line.append(", about ").append(Math.round((expectedTotal - received.get()) / rate)).append(" s left");
        }
        return line.toString();
    }

    /**
     * True for a Processed run that read every asset the API announced (a cursor-paged API announces no total: its
     * paging ended). Unchanged assets, which a delta run does not publish, do not matter.
     */
    public boolean complete() {
        return state == State.PROCESSED && readAllAnnounced();
    }

    private boolean readAllAnnounced() {
        return expectedTotal < 0 || received.get() - repeated.get() >= expectedTotal;
    }

    /**
     * Throws when paging ended before the run read every asset the API announced (a short or empty page before the
     * end): such a run ends Failed with the counts, and never deletes the assets it did not get to.
     */
    public void checkReadAllAnnounced() {
        if (!readAllAnnounced()) {
            throw new ApiException(ApiException.Check.DATA, "incomplete pull: the API announced " + expectedTotal
                    + " assets but paging ended after " + (received.get() - repeated.get()) + " in " + pages.get()
                    + " pages" + (repeated.get() > 0 ? " (and " + repeated.get() + " repeated)" : "")
                    + "; nothing was deleted");
        }
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("runId", runId);
        json.put("source", source);
        json.put("state", label(state));
        json.put("startedAt", Times.millis(startedAt));
        if (endedAt != null) {
            json.put("endedAt", Times.millis(endedAt));
            json.put("durationMs", endedAt.toEpochMilli() - startedAt.toEpochMilli());
        }
        json.put("pages", pages.get());
        if (state == State.PROCESSING && !Double.isNaN(progress())) {
            json.put("progress", Math.round(progress() * 1000) / 1000.0);
        }
        if (expectedTotal >= 0) {
            json.put("expectedTotal", expectedTotal);
        }
        json.put("received", received.get());
        json.put("published", published.get());
        json.put("rejected", rejected.get());
        json.put("created", created.get());
        json.put("updated", updated.get());
        json.put("unchanged", unchanged.get());
        json.put("deleted", deleted.get());
        if (filtered.get() > 0) {
            json.put("filtered", filtered.get());
        }
        if (repeated.get() > 0) {
            json.put("repeated", repeated.get());
        }
        if (windows.get() > 0) {
            json.put("windows", windows.get());
            json.putObject("window").put("from", Times.millis(windowFrom)).put("to", Times.millis(windowTo));
        }
        if (windows.get() > 0 || duplicates.get() > 0) {
            json.put("duplicates", duplicates.get());
        }
        if (possibleGaps.get() > 0) {
            json.put("possibleGaps", possibleGaps.get());
        }
        if (gap != null) {
            json.putObject("gap").put("from", Times.millis(gap.from())).put("to", Times.millis(gap.to()))
                    .put("seconds", gap.length().toSeconds());
        }
        json.put("complete", complete());
        if (warning != null) {
            json.put("warning", warning);
        }
        if (reason != null) {
            json.put("reason", reason);
        }
        return json;
    }

    /** Registered, Scheduled, Processing, Processed, Failed: the names operators know from the seed. */
    public static String label(State state) {
        String name = state.name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
