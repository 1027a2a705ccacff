package io.endpointbridge.mapping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The ISO-8601 shapes records carry: source times as precise as they came (to the second when they have no fraction),
 * our own receive times to the millisecond.
 */
public final class Times {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private Times() {
    }

    /** The events of one second share their source time: the last one formatted is kept. */
    private static volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, ZoneOffset.UTC, "");

    private record FormattedSecond(long epochSecond, ZoneOffset offset, String text) {
    }

    public static String seconds(OffsetDateTime time) {
        FormattedSecond last = lastSecond;
        // the text shows the second and the offset only
        if (last.epochSecond() == time.toEpochSecond() && last.offset().equals(time.getOffset())) {
            return last.text();
        }
        String text = SECONDS.format(time);
        lastSecond = new FormattedSecond(time.toEpochSecond(), time.getOffset(), text);
        return text;
    }

    /** A source time as precise as it came: to the second, or with its fraction (.877, .877123) when it has one. */
    public static String exact(OffsetDateTime time) {
        return time.getNano() == 0 ? seconds(time) : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    /** The frames of one socket read share their receive time: the last one formatted is kept. */
    private static volatile Formatted lastMillis = new Formatted(Long.MIN_VALUE, "");

    private record Formatted(long epochMilli, String text) {
    }

    public static String millis(Instant instant) {
        long epochMilli = instant.toEpochMilli();
        Formatted last = lastMillis;
        if (last.epochMilli() == epochMilli) {
            return last.text();
        }
        String text = MILLIS.format(instant.atOffset(ZoneOffset.UTC));
        lastMillis = new Formatted(epochMilli, text);
        return text;
    }
}
