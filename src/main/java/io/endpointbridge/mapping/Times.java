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

    public static String millis(Instant instant) {
        return MILLIS.format(instant.atOffset(ZoneOffset.UTC));
    }
}
