package io.endpointbridge.polling;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.endpointbridge.core.Settings;

/**
 * Checks a source's optional schedule window ({@code <source>.schedule.start} / {@code .end}) at start-up: Quartz's
 * date format ({@code 2026-12-01T00:00:00UTC}), end after start, and at most five years of recurrence (seed 000).
 * Quartz itself applies the window to the trigger.
 */
public final class ScheduleWindow {

    static final String FORMAT = "yyyy-MM-dd'T'HH:mm:ssz";

    private ScheduleWindow() {
    }

    public static void validate(Settings settings, String prefix, Clock clock) {
        Optional<Instant> start = parse(settings, prefix + ".schedule.start");
        Optional<Instant> end = parse(settings, prefix + ".schedule.end");
        if (end.isEmpty()) {
            return;
        }
        Instant from = start.orElse(clock.instant());
        if (!end.get().isAfter(from)) {
            throw new IllegalArgumentException(prefix + ".schedule.end must be after " + (start.isPresent()
                    ? prefix + ".schedule.start" : "now"));
        }
        if (end.get().isAfter(from.atOffset(ZoneOffset.UTC).plusYears(5).toInstant())) {
            throw new IllegalArgumentException(prefix + ".schedule: a recurring schedule may span at most 5 years");
        }
    }

    private static Optional<Instant> parse(Settings settings, String key) {
        return settings.optional(key).map(value -> {
            try {
                SimpleDateFormat format = new SimpleDateFormat(FORMAT);
                format.setLenient(false);
                return format.parse(value).toInstant();
            } catch (ParseException e) {
                throw new IllegalArgumentException(key + " must look like 2026-12-01T00:00:00UTC, not '" + value + "'");
            }
        });
    }
}
