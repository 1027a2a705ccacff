package io.endpointbridge.polling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.endpointbridge.mapping.Times;
import io.endpointbridge.pipeline.Settings;

/**
 * The connection tests as the HTTP routes call them. Anyone who reaches the port could otherwise spend the API
 * quota and mint tokens at will: one test runs at a time per source, and its answer is served again for
 * {@code connection-test.cache-seconds} (default 30), with the time it was made.
 */
public class ConnectionTests {

    private record Answer(String json, Instant at) {
    }

    private final Settings settings;
    private final Duration cacheFor;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public ConnectionTests(Settings settings, Clock clock) {
        this.settings = settings;
        this.cacheFor = Duration.ofSeconds(settings.getInt("connection-test.cache-seconds", 30));
        this.clock = clock;
    }

    public String ses() {
        return answer("ses", () -> ConnectionTest.ses(settings));
    }

    public String csam() {
        return answer("csam", () -> ConnectionTest.csam(settings));
    }

    private String answer(String source, Supplier<List<ConnectionTest.Step>> test) {
        synchronized (locks.computeIfAbsent(source, s -> new Object())) {
            Answer cached = answers.get(source);
            Instant now = clock.instant();
            if (cached == null || !now.isBefore(cached.at().plus(cacheFor))) {
                cached = new Answer(ConnectionTest.json(test.get()).put("testedAt", Times.millis(now)).toPrettyString(), now);
                answers.put(source, cached);
            }
            return cached.json();
        }
    }
}
