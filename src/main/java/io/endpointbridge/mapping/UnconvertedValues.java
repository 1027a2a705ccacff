package io.endpointbridge.mapping;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Values a map's converter refused, kept as they came in {@code extra} (an address that is neither IPv4 nor IPv6, such
 * as {@code 203.0.113.7.}; a time that is no time; an epoch 0 that means none), counted by map and source name since
 * start: {@code status} shows them, {@code endpoint_bridge_unconverted_values{map}} totals them. One table for the
 * process, so that a reloaded map keeps counting.
 */
public final class UnconvertedValues {

    private static final Map<String, Map<String, LongAdder>> COUNTS = new ConcurrentHashMap<>();
    private static final int NAMES_PER_MAP = 1_000;

    private UnconvertedValues() {
    }

    static void count(String map, String source) {
        Map<String, LongAdder> names = COUNTS.computeIfAbsent(map, m -> new ConcurrentHashMap<>());
        LongAdder count = names.get(source);
        if (count == null) {
            // source names are the maps' own, a few dozen; a bound keeps a hostile feed from growing the table
            if (names.size() >= NAMES_PER_MAP) {
                return;
            }
            count = names.computeIfAbsent(source, s -> new LongAdder());
        }
        count.increment();
    }

    /** The counts by map, then source name. */
    public static Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        COUNTS.forEach((map, names) -> {
            Map<String, Long> counts = new TreeMap<>();
            names.forEach((name, count) -> counts.put(name, count.sum()));
            copy.put(map, counts);
        });
        return copy;
    }

    /** How many values the map's converters refused in all. */
    public static long total(String map) {
        Map<String, LongAdder> names = COUNTS.get(map);
        return names == null ? 0 : names.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
