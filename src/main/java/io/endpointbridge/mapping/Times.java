package io.endpointbridge.mapping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The two ISO-8601 shapes records carry: source times to the second, our own receive times to the millisecond. */
public final class Times {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private Times() {
    }

    public static String seconds(OffsetDateTime time) {
        return SECONDS.format(time);
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
