package io.endpointbridge.polling;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunTest {

    @Test
    void progressSaysPagesShareRateAndTimeLeft() {
        Instant start = Instant.parse("2026-11-23T12:00:00Z");
        RunTracker tracker = new RunTracker(Clock.fixed(start, ZoneOffset.UTC));
        Run run = tracker.start("ses-devices");
        run.pageRead(1000, 4000);
        assertEquals(0.25, run.progress());
        assertEquals("ses-devices run " + run.runId() + ": 1 pages, 1000 of 4000 assets (25 %), 100/s, about 30 s left",
                run.progressLine(start.plusSeconds(10)));
        assertEquals(0.25, run.toJson().get("progress").asDouble());
    }

    @Test
    void onlyAProcessedRunThatReadEverythingIsComplete() {
        RunTracker tracker = new RunTracker(Clock.systemUTC());
        Run run = tracker.start("s");
        assertThrows(IllegalStateException.class, () -> tracker.start("s"), "runs never overlap");
        run.pageRead(10, 20);
        run.pagePublished(10, 0);
        assertThrows(ApiException.class, run::checkReadAllAnnounced, "10 of 20 read: the pull is short");
        tracker.processed(run);
        assertFalse(run.complete(), "10 of 20 read");
        Run cursor = tracker.start("s");
        cursor.pageRead(5, "last", false);
        cursor.pagePublished(3, 1);
        cursor.checkReadAllAnnounced();
        tracker.processed(cursor);
        assertTrue(cursor.complete(), "no total announced: paging ended, everything was read (one asset unchanged)");
        assertEquals(Run.State.PROCESSED, tracker.state("s"));
    }

    @Test
    void repeatedRowsCountOnceTowardsTheTotalAndPageNumbersFollowThePagesRead() {
        RunTracker tracker = new RunTracker(Clock.systemUTC());
        Run run = tracker.start("sepm-computers");
        assertEquals(1, run.nextPage());
        run.pageRead(500, 520, true);
        assertEquals(2, run.nextPage());
        run.pageRead(20, 520, false);
        run.repeated();
        assertFalse(run.hasMore());
        assertThrows(ApiException.class, run::checkReadAllAnnounced, "520 rows but one repeated: 519 of 520 computers");
        Run empty = tracker.start("other");
        empty.pageRead(0, 10, true);
        assertFalse(empty.hasMore(), "an empty page ends the paging, whatever it says");
    }
}
