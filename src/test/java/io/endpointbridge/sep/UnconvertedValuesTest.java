package io.endpointbridge.sep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.mapping.UnconvertedValues;
import io.endpointbridge.syslog.SyslogFrame;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** An address that is neither IPv4 nor IPv6 stays in extra as it came, and is counted by its source name. */
class UnconvertedValuesTest {

    @Test
    void anAddressWithATrailingDotIsKeptRawAndCounted() throws Exception {
        SepEventNormalizer normalizer = SepEventNormalizer.load(Path.of("mappings"), ZoneId.of("UTC"),
                Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC), Set.of("SymantecServer"), key -> null);
        long before = count("Remote Host IP");
        String line = "<54>Apr 27 00:50:02 C7016238111 SymantecServer: C7332658237,Local: 10.20.30.40,Local Port: 3389,"
                + "Remote Host IP: 203.0.113.7.,Remote Port: 50123,TCP,Inbound,Begin: 2022-04-27 02:45:00,"
                + "End Time: 2022-04-27 02:45:01,Occurrences: 2,Rule: Allow RDP,Action: Allowed";
        ObjectNode record = normalizer.normalize(SyslogFrame.accepted(line.getBytes(StandardCharsets.UTF_8), "udp", null,
                Instant.parse("2026-12-05T00:00:00Z"))).record();
        assertEquals("203.0.113.7.", record.path("extra").path("Remote Host IP").asText(), "kept as it came");
        assertFalse(record.has("destinationIpv4") || record.has("sourceIpv4") && record.get("sourceIpv4").asText().endsWith("."),
                "not in a typed IP field");
        assertEquals(before + 1, count("Remote Host IP"), "and counted under its source name");
    }

    static long count(String name) {
        return UnconvertedValues.snapshot().getOrDefault("sep-syslog", Map.of()).getOrDefault(name, 0L);
    }
}
