package io.endpointbridge.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.endpointbridge.Golden;
import io.endpointbridge.mapping.JsonBytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {

    static final Instant END = Instant.parse("2026-12-05T06:00:00Z");

    @Test
    void keepsOnlyWhatTheNextWindowReadsAgainNewestFirstUpToTheLimit() throws Exception {
        Map<String, Instant> seen = new LinkedHashMap<>();
        for (int minute = 0; minute < 30; minute++) {
            Instant time = END.minus(Duration.ofMinutes(minute));
            seen.put(Checkpoint.identity("inc-" + minute, time.toString()), time);
        }
        Checkpoint kept = Checkpoint.after(END, Duration.ofMinutes(10), seen, 5);
        assertEquals(5, kept.seen().size(), "at most the limit");
        assertTrue(kept.seen().containsKey(Checkpoint.identity("inc-0", END.toString())), "the newest stay");
        assertFalse(kept.seen().containsKey(Checkpoint.identity("inc-9", END.minus(Duration.ofMinutes(9)).toString())), "the oldest go");
        assertEquals(11, Checkpoint.after(END, Duration.ofMinutes(10), seen, 100).seen().size(),
                "nothing older than the next window's start (one overlap before the end)");

        Checkpoint read = Checkpoint.fromJson(Golden.JSON.readTree(JsonBytes.of(kept.toJson("s", "r", END))));
        assertEquals(kept, read, "the record reads back as written (each identity's time from its version)");
    }

    @Test
    void aFullSeenListIsLargerThanOneKafkaRecordSoItMustBeBounded() {
        Map<String, Instant> seen = new LinkedHashMap<>();
        for (int i = 0; i < 20_000; i++) {
            Instant time = END.minusMillis(i);
            seen.put(Checkpoint.identity(String.format("8031:%08x-0909-11ef-9000-%012x", i, i), time.toString()), time);
        }
        int bytes = JsonBytes.of(Checkpoint.after(END, Duration.ofMinutes(10), seen, 20_000).toJson("s", "r", END)).length;
        assertTrue(bytes > 1_048_576 - 16_384, "20,000 event ids do not fit Kafka's default request: " + bytes
                + " bytes; WindowPoller halves the list until it fits");
    }
}
