package io.endpointbridge.mapping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The times written digit by digit are the texts the JDK's formatter writes for the same patterns. */
class TimesTest {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    /** Year 0000 to the end of 9999, the years written by hand. */
    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void randomTimesAndOffsetsAsTheFormatterWritesThem() {
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(FIRST, LAST + 1), random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(60 * random.nextInt(-18 * 60, 18 * 60 + 1));
            OffsetDateTime time = instant.atOffset(offset);
            assertEquals(SECONDS.format(time), Times.seconds(time), time::toString);
            assertEquals(MILLIS.format(instant.atOffset(ZoneOffset.UTC)), Times.millis(instant), instant::toString);
        }
    }

    @Test
    void edgesOfTheHandWrittenRangeAndWhatLiesBeyondIt() {
        for (String text : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2024-02-29T12:00:00.001Z",
                "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999Z"}) {
            Instant instant = Instant.parse(text);
            assertEquals(MILLIS.format(instant.atOffset(ZoneOffset.UTC)), Times.millis(instant), text);
            assertEquals(SECONDS.format(instant.atOffset(ZoneOffset.UTC)), Times.seconds(instant.atOffset(ZoneOffset.UTC)), text);
        }
        for (ZoneOffset offset : new ZoneOffset[] {ZoneOffset.MAX, ZoneOffset.MIN, ZoneOffset.ofHoursMinutes(5, 30),
                ZoneOffset.ofHoursMinutes(-9, -30), ZoneOffset.ofHoursMinutesSeconds(0, 19, 32),
                ZoneOffset.ofHoursMinutesSeconds(-1, -2, -3)}) {
            OffsetDateTime time = OffsetDateTime.of(1937, 7, 1, 0, 0, 0, 0, offset);
            assertEquals(SECONDS.format(time), Times.seconds(time), offset::toString);
        }
    }

    @Test
    void exactKeepsTheFractionAsGiven() {
        assertEquals("2024-06-26T14:02:50Z", Times.exact(OffsetDateTime.parse("2024-06-26T14:02:50Z")));
        assertEquals("2024-06-26T14:02:50.4+02:00", Times.exact(OffsetDateTime.parse("2024-06-26T14:02:50.400+02:00")));
        assertEquals("2024-06-26T14:02:50.877123Z", Times.exact(OffsetDateTime.parse("2024-06-26T14:02:50.877123Z")));
    }
}
