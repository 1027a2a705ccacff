package io.endpointbridge.polling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A time window of a windowed source's run: from its checkpoint less the overlap (or the initial look-back), clamped
 * to the API's retention, up to now or the longest window; and what the clamp left unread, if anything.
 */
public record Window(Instant from, Instant to, Gap gap) {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    /** Time the API no longer holds between the checkpoint and the oldest time it still serves. */
    public record Gap(Instant from, Instant to) {
        public Duration length() {
            return Duration.between(from, to);
        }
    }

    /** How a source's windows are cut ({@code <prefix>.overlap}, {@code .initial-lookback}, {@code .max-window}). */
    public record Rules(Duration overlap, Duration initialLookback, Duration maxWindow, Duration retention) {

        public Rules {
            if (maxWindow.compareTo(overlap) <= 0) {
                throw new IllegalArgumentException("the longest window (" + maxWindow + ") must be longer than the overlap ("
                        + overlap + "), or a run would never get past it");
            }
        }

        /**
         * The window after the checkpoint (none: the first run): it starts one overlap before the checkpoint, so that
         * records the API indexed late are read again, but never before what the API still holds (a minute inside
         * its retention, so a slow request does not step over it), and ends now or one longest window later.
         */
        public Window next(Instant checkpoint, Instant now) {
            Instant oldest = now.minus(retention).plus(Duration.ofMinutes(1));
            Instant wanted = checkpoint == null ? now.minus(initialLookback) : checkpoint.minus(overlap);
            Instant from = wanted.isBefore(oldest) ? oldest : wanted;
            Instant to = from.plus(maxWindow).isBefore(now) ? from.plus(maxWindow) : now;
            Gap gap = checkpoint != null && checkpoint.isBefore(oldest) ? new Gap(checkpoint, oldest) : null;
            return new Window(from, to, gap);
        }

        /**
         * The window after one this run has just read: from its end, with no overlap (what was indexed late within
         * seconds is the next run's overlap), so that every window of a run moves on however short it had to be.
         */
        public Window after(Window previous, Instant now) {
            Instant from = previous.to();
            Instant to = from.plus(maxWindow).isBefore(now) ? from.plus(maxWindow) : now;
            return new Window(from, to, null);
        }
    }

    /** The API's date form: UTC with milliseconds ({@code 2024-05-01T00:00:00.000Z}). */
    public static String text(Instant instant) {
        return TEXT.format(instant);
    }
}
