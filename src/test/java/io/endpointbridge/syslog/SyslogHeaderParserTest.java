package io.endpointbridge.syslog;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import io.endpointbridge.core.RejectedInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SyslogHeaderParserTest {

    private static SyslogHeaderParser parser(String now, String zone) {
        return new SyslogHeaderParser(ZoneId.of(zone), Clock.fixed(Instant.parse(now), ZoneOffset.UTC),
                Set.of("SymantecServer"));
    }

    @Test
    void decemberLineReceivedInJanuaryBelongsToLastYear() {
        SyslogMessage m = parser("2027-01-01T00:00:05Z", "UTC").parse("<54>Dec 31 23:59:59 sepm SymantecServer: x");
        assertEquals(OffsetDateTime.parse("2026-12-31T23:59:59Z"), m.timestamp());
    }

    @Test
    void aDateMoreThanADayAheadIsLastYearsNeverNextYears() {
        SyslogMessage m = parser("2026-11-23T12:00:00Z", "UTC").parse("<54>Dec  1 12:23:14 sepm SymantecServer: x");
        assertEquals(OffsetDateTime.parse("2025-12-01T12:23:14Z"), m.timestamp());
    }

    @Test
    void sepmClockSlightlyAheadOverNewYearStaysInTheNewYear() {
        SyslogMessage m = parser("2026-12-31T23:59:30Z", "UTC").parse("<54>Jan  1 00:00:20 sepm SymantecServer: x");
        assertEquals(OffsetDateTime.parse("2027-01-01T00:00:20Z"), m.timestamp());
    }

    @Test
    void headerTimesAreReadInTheSepmZone() {
        SyslogMessage m = parser("2026-11-23T12:00:00Z", "Europe/Paris").parse("<54>Jun 22 00:36:45 sepm SymantecServer: x");
        assertEquals(OffsetDateTime.parse("2026-06-22T00:36:45+02:00"), m.timestamp());
    }

    @Test
    void leapDayFindsTheLastLeapYear() {
        SyslogMessage m = parser("2026-11-23T12:00:00Z", "UTC").parse("<54>Feb 29 10:00:00 sepm SymantecServer: x");
        assertEquals(2024, m.timestamp().getYear());
    }

    @Test
    void sep143LineWithoutHostnameTakesTheHostFromTheFirstColumn() {
        SyslogMessage m = parser("2026-11-23T12:00:00Z", "UTC").parse("<50>Apr 14 10:42:05 SymantecServer: xxx,Site: A,Server Name: B");
        assertEquals("xxx", m.hostname());
        assertEquals("Site: A,Server Name: B", m.payload());
        assertEquals(6, m.facility());
        assertEquals(2, m.severity());
    }

    @Test
    void rfc5424NilValuesAndStructuredData() {
        SyslogMessage m = parser("2026-11-23T12:00:00Z", "UTC")
                .parse("<14>1 - host app - ID7 [a b=\"c\\]d\"][e f=\"g\"] msg");
        assertNull(m.timestamp());
        assertEquals("host", m.hostname());
        assertEquals("ID7", m.msgId());
        assertEquals("[a b=\"c\\]d\"][e f=\"g\"]", m.structuredData());
        assertEquals("msg", m.payload());
    }

    @Test
    void badPrioritiesAreRejectedWithTheReason() {
        SyslogHeaderParser p = parser("2026-11-23T12:00:00Z", "UTC");
        assertEquals("invalid syslog priority <192>: must be 0..191",
                assertThrows(RejectedInputException.class, () -> p.parse("<192>Oct 11 22:14:15 h t: x")).getMessage());
        assertThrows(RejectedInputException.class, () -> p.parse("<>x"));
        assertThrows(RejectedInputException.class, () -> p.parse("<1234567>x"));
    }

    /** The RFC 3164 time and the tag are read by hand, not by regular expressions: the shapes those accepted. */
    @Test
    void headerShapesReadByHand() {
        SyslogHeaderParser p = parser("2026-11-23T12:00:00Z", "UTC");
        SyslogMessage withProcId = p.parse("<54>Nov  3 09:05:01.123456 sepm SymantecServer[1234]:   a,b");
        assertEquals("rfc3164", withProcId.format());
        assertEquals(OffsetDateTime.parse("2026-11-03T09:05:01Z"), withProcId.timestamp());
        assertEquals("sepm", withProcId.hostname());
        assertEquals("SymantecServer", withProcId.appName());
        assertEquals("1234", withProcId.procId());
        assertEquals("a,b", withProcId.payload());
        SyslogMessage oneDigitDay = p.parse("<54>Nov 3 09:05:01 sepm SymantecServer: x");
        assertEquals(OffsetDateTime.parse("2026-11-03T09:05:01Z"), oneDigitDay.timestamp());
        // a tag needs a space or the end after its colon; "Risk:x" is no tag
        SyslogMessage noTag = p.parse("<54>Nov 13 09:05:01 sepm Risk:x");
        assertEquals("sepm", noTag.hostname());
        assertEquals(null, noTag.appName());
        assertEquals("Risk:x", noTag.payload());
        SyslogMessage tagAtEnd = p.parse("<54>Nov 13 09:05:01 sepm SymantecServer:");
        assertEquals("SymantecServer", tagAtEnd.appName());
        assertEquals("", tagAtEnd.payload());
        // ten fraction digits or a fraction without digits: not an RFC 3164 time, the line is read without one
        assertEquals(null, p.parse("<54>Nov 13 09:05:01.1234567890 sepm SymantecServer: x").timestamp());
        assertEquals(null, p.parse("<54>Nov 13 09:05:01. sepm SymantecServer: x").timestamp());
        assertEquals(null, p.parse("<54>nov 13 09:05:01 sepm SymantecServer: x").timestamp());
        assertThrows(RejectedInputException.class, () -> p.parse("<54>Nox 13 09:05:01 sepm SymantecServer: x"));
    }
}
