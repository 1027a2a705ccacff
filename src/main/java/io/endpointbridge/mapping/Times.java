package io.endpointbridge.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The ISO-8601 shapes records carry: source times as precise as they came (to the second when they have no fraction),
 * our own receive times to the millisecond.
 * <p>
 * Written digit by digit for years 0000–9999 and whole-minute offsets: a SEP event carries two or three times, and
 * the JDK's pattern formatter cost ~0.3 µs of the ~9.6 µs of CPU an event cost in bench/profile-syslog (a replayed
 * log changes its time on every line, so no "same second as the last one" cache helps). Any other time goes to
 * the formatter; {@code TimesTest} holds both to the same text.
 */
public final class Times {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    /** "2024-06-26T14:02:50.123+05:30": the longest text written by hand. */
    private static final int LONGEST = 29;

    private Times() {
    }

    /** {@code 2024-06-26T14:02:50Z}, {@code 2024-06-26T16:02:50+02:00}: to the second, whatever fraction it has. */
    public static String seconds(OffsetDateTime time) {
        if (!writtenByHand(time.getYear(), time.getOffset())) {
            return SECONDS.format(time);
        }
        return format(time.toLocalDateTime(), -1, time.getOffset());
    }

    /** A source time as precise as it came: to the second, or with its fraction (.877, .877123) when it has one. */
    public static String exact(OffsetDateTime time) {
        return time.getNano() == 0 ? seconds(time) : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    /** {@code 2024-06-26T14:02:50.123Z}: UTC, to the millisecond. */
    public static String millis(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (!writtenByHand(utc.getYear(), ZoneOffset.UTC)) {
            return MILLIS.format(instant.atOffset(ZoneOffset.UTC));
        }
        return format(utc, instant.getNano() / 1_000_000, ZoneOffset.UTC);
    }

    private static boolean writtenByHand(int year, ZoneOffset offset) {
        return year >= 0 && year <= 9999 && offset.getTotalSeconds() % 60 == 0;
    }

    /** The local time, its milliseconds when {@code millis >= 0}, and the offset as XXX writes it. */
    private static String format(LocalDateTime local, int millis, ZoneOffset offset) {
        byte[] text = new byte[LONGEST];
        int p = digits(text, 0, local.getYear(), 4);
        text[p++] = '-';
        p = digits(text, p, local.getMonthValue(), 2);
        text[p++] = '-';
        p = digits(text, p, local.getDayOfMonth(), 2);
        text[p++] = 'T';
        p = digits(text, p, local.getHour(), 2);
        text[p++] = ':';
        p = digits(text, p, local.getMinute(), 2);
        text[p++] = ':';
        p = digits(text, p, local.getSecond(), 2);
        if (millis >= 0) {
            text[p++] = '.';
            p = digits(text, p, millis, 3);
        }
        int offsetMinutes = offset.getTotalSeconds() / 60;
        if (offsetMinutes == 0) {
            text[p++] = 'Z';
        } else {
            text[p++] = (byte) (offsetMinutes < 0 ? '-' : '+');
            p = digits(text, p, Math.abs(offsetMinutes) / 60, 2);
            text[p++] = ':';
            p = digits(text, p, Math.abs(offsetMinutes) % 60, 2);
        }
        return new String(text, 0, p, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code value} as exactly {@code width} decimal digits at {@code p}; returns the index after them. */
    private static int digits(byte[] text, int p, int value, int width) {
        for (int i = p + width - 1; i >= p; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return p + width;
    }
}
