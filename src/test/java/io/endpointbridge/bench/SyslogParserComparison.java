package io.endpointbridge.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

import io.endpointbridge.Golden;
import io.endpointbridge.syslog.SyslogHeaderParser;
import io.endpointbridge.syslog.SyslogMessage;
import org.apache.camel.component.syslog.SyslogConverter;

/**
 * Why the syslog header is our own parser and not camel-syslog's SyslogConverter (a measurement, not a test): over
 * every fixture line and the non-ASCII and malformed lines SEPM relays send, how many each one fails on, how many
 * lines' text it changes, how many RFC 3164 dates it places in another zone than the SEPM's, and its time per line.
 * The JVM runs in America/New_York here while SEPM writes UTC, as when the app's host and the SEPM are not in one zone.
 * Usage: java -cp ... io.endpointbridge.bench.SyslogParserComparison
 */
public final class SyslogParserComparison {

    public static void main(String[] args) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        List<byte[]> lines = new ArrayList<>(Golden.sepFixtureLines());
        lines.add("<54>Sep 11 02:40:35 sepm01 SymantecServer: PC-Zürich,Category: 2,Event Description: Benutzer Jörg angemeldet"
                .getBytes(StandardCharsets.UTF_8));
        lines.add("<54>Sep 11 02:40:35 sepm01 SymantecServer: PC-東京,Category: 2,Event Description: ログオン"
                .getBytes(StandardCharsets.UTF_8));
        lines.add("<54> sepm01 SymantecServer: PC-1,Category: 2,Event Description: no timestamp".getBytes(StandardCharsets.UTF_8));
        lines.add("<999>Sep 11 02:40:35 sepm01 SymantecServer: PC-1,Category: 2".getBytes(StandardCharsets.UTF_8));
        lines.add("2024-09-11 02:40:35,Category: 2,Event Description: log dump line".getBytes(StandardCharsets.UTF_8));
        SyslogHeaderParser ours = new SyslogHeaderParser(ZoneId.of("UTC"), Clock.systemUTC(), Set.of("SymantecServer"));

        int camelFailed = 0;
        int camelTextChanged = 0;
        int camelOtherZone = 0;
        int oursFailed = 0;
        for (byte[] line : lines) {
            String text = new String(line, StandardCharsets.UTF_8);
            SyslogMessage mine = null;
            try {
                mine = ours.parse(text);
            } catch (RuntimeException e) {
                oursFailed++;
            }
            org.apache.camel.component.syslog.SyslogMessage theirs;
            try {
                theirs = SyslogConverter.parseMessage(line);
            } catch (RuntimeException e) {
                camelFailed++;
                continue;
            }
            if (theirs == null || theirs.getLogMessage() == null) {
                camelFailed++;
                continue;
            }
            if (!text.endsWith(theirs.getLogMessage().trim())) {
                camelTextChanged++;
            }
            Calendar when = theirs.getTimestamp();
            if (mine != null && mine.timestamp() != null && when != null
                    && when.toInstant().getEpochSecond() != mine.timestamp().toInstant().getEpochSecond()) {
                camelOtherZone++;
            }
        }
        System.out.printf("%d lines: camel-syslog failed on %d, changed the text of %d, dated %d in another zone "
                + "than the SEPM's; ours failed (rejected with a reason) on %d%n",
                lines.size(), camelFailed, camelTextChanged, camelOtherZone, oursFailed);

        int rounds = 200;
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            time(lines, ours, rounds);
        }
        double[] ns = time(lines, ours, rounds);
        System.out.printf("time per line (header only, after warm-up rounds): camel-syslog %.0f ns, ours %.0f ns%n",
                ns[0], ns[1]);
        System.out.printf("RESULT camel_syslog_failed=%d camel_syslog_text_changed=%d camel_syslog_other_zone=%d "
                + "ours_rejected=%d camel_syslog_ns_per_line=%.0f ours_ns_per_line=%.0f%n", camelFailed, camelTextChanged,
                camelOtherZone, oursFailed, ns[0], ns[1]);
    }

    /** Nanoseconds per line for camel-syslog and for ours, over {@code rounds} passes. */
    private static double[] time(List<byte[]> lines, SyslogHeaderParser ours, int rounds) {
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (byte[] line : lines) {
                try {
                    SyslogConverter.parseMessage(line);
                } catch (RuntimeException ignored) {
                    // counted above
                }
            }
        }
        double camelNs = (System.nanoTime() - start) / (double) (rounds * lines.size());
        start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (byte[] line : lines) {
                try {
                    ours.parse(new String(line, StandardCharsets.UTF_8));
                } catch (RuntimeException ignored) {
                    // counted above
                }
            }
        }
        double oursNs = (System.nanoTime() - start) / (double) (rounds * lines.size());
        return new double[] {camelNs, oursNs};
    }
}
