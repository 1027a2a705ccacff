package io.endpointbridge.mapping;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With mappings.reload-enabled, an edited transform map takes effect in the running app without a restart; an edit
 * that breaks the map, or the schema its records are published with, is refused and the last good map stays in use.
 */
class MappingReloadTest {

    @Test
    void anEditedMapTakesEffectWithoutARestartAndABrokenEditIsRefused() throws Exception {
        Path mappings = Files.createTempDirectory("mappings");
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            for (Path file : files.toList()) {
                Files.copy(file, mappings.resolve(file.getFileName()));
            }
        }
        Properties p = new Properties();
        p.put("mappings.dir", mappings.toString());
        p.put("mappings.reload-enabled", "true");
        p.put("mappings.reload-interval-ms", "200");
        try (RunningBridge bridge = new RunningBridge(p)) {
            assertEquals("Symantec", send(bridge).path("deviceVendor").asText(), "the shipped map");

            Path map = mappings.resolve("sep-syslog.yaml");
            String shipped = Files.readString(map);
            String vendor = "  deviceVendor:          { value: Symantec }";
            Files.writeString(map, shipped.replace(vendor, "  deviceVendor:          { value: Broadcom }"));
            assertEquals("Broadcom", awaitVendor(bridge, "Broadcom"), "the edited map is in use");

            Files.writeString(map, shipped.replace(vendor, "  deviceVendor:          { from: Event time, convert: nonsense }"));
            Thread.sleep(1_000); // five reload periods
            assertEquals("Broadcom", send(bridge).path("deviceVendor").asText(),
                    "a broken edit is refused: the last good map stays in use");

            // a valid map whose target the published schema does not have: every record would break it
            Files.writeString(map, shipped.replace(vendor, "  deviceVendor:          { value: Broadcom-2 }")
                    .replace("  group:                 {", "  groupName:             {"));
            Thread.sleep(1_000);
            assertEquals("Broadcom", send(bridge).path("deviceVendor").asText(),
                    "an edit that breaks the schema is refused: its new vendor never shows");

            Files.writeString(map, shipped.replace(vendor, "  deviceVendor:          { value: Broadcom-3 }"));
            assertEquals("Broadcom-3", awaitVendor(bridge, "Broadcom-3"), "the next good edit is taken again");
        }
    }

    /** Sends events until deviceVendor has the value (the timer route reloads every 200 ms), at most 15 s. */
    private static String awaitVendor(RunningBridge bridge, String expected) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        String value;
        do {
            value = send(bridge).path("deviceVendor").asText();
        } while (!value.equals(expected) && System.currentTimeMillis() < deadline);
        return value;
    }

    private static JsonNode send(RunningBridge bridge) throws Exception {
        String marker = UUID.randomUUID().toString();
        byte[] line = ("<54>Nov 23 08:34:00 sepm01 SymantecServer: PC-1,Category: 2,LiveUpdate Manager,Event Description: "
                + marker + ",Event time: 2026-11-23 08:34:00").getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(line, line.length, InetAddress.getLoopbackAddress(), bridge.syslogPort));
        }
        List<?> records = bridge.consume("security.events.sep.v1", r -> r.value().contains(marker), 1, Duration.ofSeconds(30));
        assertEquals(1, records.size(), "the event arrived");
        return Golden.JSON.readTree(((org.apache.kafka.clients.consumer.ConsumerRecord<?, ?>) records.get(0)).value().toString());
    }
}
