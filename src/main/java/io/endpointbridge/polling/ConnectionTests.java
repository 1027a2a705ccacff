package io.endpointbridge.polling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.endpointbridge.mapping.Times;

/**
 * The connection tests as the HTTP routes call them. Anyone who reaches the port could otherwise spend the API
 * quota and mint tokens at will: one test runs at a time per source, and its answer is served again for
 * {@code connection-test.cache-seconds} (default 30), with the time it was made.
 */
public class ConnectionTests {

    private record Answer(String json, Instant at) {
    }

    private final Map<String, Supplier<List<ConnectionTest.Step>>> tests;
    private final Duration cacheFor;
    private final Clock clock;
    private final Map<Supplier<List<ConnectionTest.Step>>, Answer> answers = new ConcurrentHashMap<>();
    private final Map<Supplier<List<ConnectionTest.Step>>, Object> locks = new ConcurrentHashMap<>();

    /** @param tests each source's connection test, by the names it answers to ({@code ses}, {@code ses-devices}) */
    public ConnectionTests(Map<String, Supplier<List<ConnectionTest.Step>>> tests, int cacheSeconds, Clock clock) {
        this.tests = Map.copyOf(tests);
        this.cacheFor = Duration.ofSeconds(cacheSeconds);
        this.clock = clock;
    }

    /** The test of the source named in the request path; null for a source that is not registered (404). */
    public String run(String source) {
        Supplier<List<ConnectionTest.Step>> test = tests.get(source);
        if (test == null) {
            return null;
        }
        // one test per source at a time, whichever of its names was asked for
        synchronized (locks.computeIfAbsent(test, t -> new Object())) {
            Answer cached = answers.get(test);
            Instant now = clock.instant();
            if (cached == null || !now.isBefore(cached.at().plus(cacheFor))) {
                cached = new Answer(ConnectionTest.json(test.get()).put("testedAt", Times.millis(now)).toPrettyString(), now);
                answers.put(test, cached);
            }
            return cached.json();
        }
    }
}
