package io.endpointbridge.polling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The records of a page, or of one slice of it: each asset record followed by its delta-state update, dead letters
 * in their place, and how many are which. Slices mapped in parallel come back in any order; {@link #records()} puts
 * them in page order. As the split's aggregation strategy ({@code #assetPageBatch}) it gathers the slices of a page.
 */
public final class PageBatch {

    private final int first;
    private final List<Message> records = new ArrayList<>();
    private final List<PageBatch> slices = new ArrayList<>();
    private int published;
    private int rejected;

    /** An empty page's batch, or the batch the slices are gathered into. */
    public PageBatch() {
        this(0);
    }

    PageBatch(int first) {
        this.first = first;
    }

    void asset(Message record) {
        records.add(record);
        published++;
    }

    void stateUpdate(Message record) {
        records.add(record);
    }

    void reject(Message deadLetter) {
        records.add(deadLetter);
        rejected++;
    }

    /** Asset records in the batch (dead letters not counted). */
    public int published() {
        return published + slices.stream().mapToInt(PageBatch::published).sum();
    }

    public int rejected() {
        return rejected + slices.stream().mapToInt(PageBatch::rejected).sum();
    }

    /** Every record, the slices' in page order. */
    public List<Message> records() {
        if (slices.isEmpty()) {
            return records;
        }
        List<Message> all = new ArrayList<>(records);
        slices.stream().sorted(Comparator.comparingInt(slice -> slice.first)).forEach(slice -> all.addAll(slice.records));
        return all;
    }

    /** Gathers the mapped slices of a page into the batch the page's exchange started with. */
    public static final class Gather implements AggregationStrategy {

        @Override
        public Exchange aggregate(Exchange gathered, Exchange slice) {
            if (slice.getException() != null) {
                return slice;
            }
            if (gathered == null) {
                PageBatch page = new PageBatch();
                page.slices.add(slice.getMessage().getBody(PageBatch.class));
                slice.getMessage().setBody(page);
                return slice;
            }
            gathered.getMessage().getBody(PageBatch.class).slices.add(slice.getMessage().getBody(PageBatch.class));
            return gathered;
        }
    }
}
