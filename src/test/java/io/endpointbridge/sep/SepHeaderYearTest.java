package io.endpointbridge.sep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import io.endpointbridge.syslog.SyslogFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An RFC 3164 header has no year: a line whose payload carries a full date takes the year that puts the header nearest
 * it (a replayed or archived log keeps its own year, also across New Year), else the latest year not ahead of now.
 */
class SepHeaderYearTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @ParameterizedTest(name = "{0} with {1} in {2}")
    @CsvSource(delimiter = '|', value = {
            // header                  | payload Event time     | SEPM zone        | receivedTime
            "Mar 10 11:59:00           | 2026-03-10 11:58:59    | UTC              | 2026-03-10T11:59:00Z",
            "Sep 13 08:21:26           | 2022-09-13 08:21:25    | UTC              | 2022-09-13T08:21:26Z",
            "Jan  1 00:00:05           | 2024-12-31 23:59:58    | UTC              | 2025-01-01T00:00:05Z",
            "Dec 31 23:59:58           | 2025-01-01 00:00:03    | UTC              | 2024-12-31T23:59:58Z",
            "Feb 29 10:00:00           | 2024-02-29 09:59:59    | Europe/Berlin    | 2024-02-29T10:00:00+01:00",
            "Jul  1 10:00:00           | 2021-07-01 09:59:59    | America/New_York | 2021-07-01T10:00:00-04:00",
            "Sep 13 08:21:26           | 2022-09-31 08:21:25    | UTC              | 2025-09-13T08:21:26Z",
            "Sep 13 08:21:26           | not a time             | UTC              | 2025-09-13T08:21:26Z",
    })
    void theHeaderTakesThePayloadsYear(String header, String eventTime, String zone, String receivedTime) throws Exception {
        SepEventNormalizer normalizer = SepEventNormalizer.load(Path.of("mappings"), ZoneId.of(zone),
                Clock.fixed(NOW, ZoneId.of("UTC")), Set.of("SymantecServer"), key -> null);
        String line = "<54>" + header + " SEPM01 SymantecServer: Virus found,Computer name: PC1,Source: Scheduled Scan,"
                + "Risk name: EICAR Test String,Occurrences: 1,File path: C:\\eicar.com,Description: ,Actual action: Deleted,"
                + "Requested action: Cleaned,Secondary action: Deleted,Event time: " + eventTime + ",Event Insert Time: "
                + eventTime + ",End Time: " + eventTime + ",Domain Name: Default,Group Name: My Company\\Default,"
                + "Server Name: SEPM01,User Name: alice";
        SepEventNormalizer.NormalizedEvent event = normalizer.normalize(
                SyslogFrame.accepted(line.getBytes(StandardCharsets.UTF_8), "tcp", null, NOW));
        assertEquals(receivedTime, event.record().path("receivedTime").asText(), event.record()::toPrettyString);
    }
}
