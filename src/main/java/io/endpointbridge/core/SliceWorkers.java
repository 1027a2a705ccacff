package io.endpointbridge.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.CamelContext;

/**
 * Shares one large piece of work (a page of assets) between the thread that has it and
 * {@code threads - 1} helpers: contiguous slices, each worked on into its own range of the output, so the result keeps
 * the input's order; the calling thread takes the first. Small batches stay on the calling thread: a hand-off would
 * cost more than it saves.
 * The helpers are a fixed Camel thread pool, created on first use and shut down with the context.
 */
public final class SliceWorkers {

    /** Works on items [from, to); returns a count the caller adds up (such as how many were rejected). */
    @FunctionalInterface
    public interface Slice {
        int run(int from, int to);
    }

    private final int threads;
    private final int minItemsPerThread;
    private final LazyThreadPool helpers;

    public SliceWorkers(String name, int threads, int minItemsPerThread) {
        this.threads = Math.max(1, threads);
        this.minItemsPerThread = Math.max(1, minItemsPerThread);
        this.helpers = new LazyThreadPool(manager -> manager.newFixedThreadPool(this, name, this.threads - 1));
    }

    /** Runs {@code slice} over items [0, n) and returns the sum of what the slices returned. */
    public int run(CamelContext context, int n, Slice slice) {
        int slices = Math.min(threads, n / minItemsPerThread);
        if (slices <= 1) {
            return slice.run(0, n);
        }
        int size = (n + slices - 1) / slices;
        List<CompletableFuture<Integer>> others = new ArrayList<>(slices - 1);
        for (int from = size; from < n; from += size) {
            int start = from;
            int end = Math.min(n, from + size);
            others.add(CompletableFuture.supplyAsync(() -> slice.run(start, end), helpers.get(context)));
        }
        int total = slice.run(0, size);
        for (CompletableFuture<Integer> other : others) {
            total += other.join();
        }
        return total;
    }
}
