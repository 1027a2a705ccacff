package io.endpointbridge.sep;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.endpointbridge.RunningBridge;
import io.endpointbridge.mapping.InvalidMappingException;
import io.endpointbridge.publish.PipelineCounters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing and filtering as data (mappings/sep-log-types.yaml): a log type's `topic` sends its events to their own
 * topic, its `drop` rules leave events out, counted as filtered; over a real TCP socket into a real broker, with
 * received = published + rejected + filtered + dropped + failed, and a batch that is filtered whole.
 */
public class SepRoutingTest {

    static final String SOURCE = "sep-syslog";
    static final String EVENTS = "security.events.sep.v1";
    static final String TRAFFIC = "security.events.sep.traffic.v1";
    public static final String RULES = """
                topic: security.events.sep.traffic.v1
                drop:
                  - { column: Action, in: [allowed], reason: allowed connections are not security events here }
            """;

    static Path mappings;
    static RunningBridge bridge;
    static PipelineCounters counters;

    @BeforeAll
    static void start() throws Exception {
        mappings = routedMappings();
        Properties properties = new Properties();
        properties.put("mappings.dir", mappings.toString());
        bridge = new RunningBridge(properties);
        counters = bridge.context().getRegistry().lookupByNameAndType("pipelineCounters", PipelineCounters.class);
    }

    /** A copy of mappings/ whose Agent Traffic type has {@link #RULES}. */
    public static Path routedMappings() throws IOException {
        return io.endpointbridge.Golden.mappingsWith("sep-log-types.yaml",
                types -> types.replace("  - name: Agent Traffic\n", "  - name: Agent Traffic\n" + RULES));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    public static String traffic(String marker, String action) {
        return "<54>Dec  1 10:00:00 SEPM01 SymantecServer: PC-1,Local Host IP: 10.0.0.1,Local Port: 443,"
                + "Remote Host IP: 10.0.0.2,Remote Host Name: r,Remote Port: 50000,Outbound,TCP,,"
                + "Begin: 2024-09-11 02:40:35,End Time: 2024-09-11 02:40:35,Occurrences: 1,Application: C:/" + marker
                + ".exe,Rule: Allow web,Location: Default,User Name: u,Domain Name: d,Action: " + action;
    }

    public static String system(String marker) {
        return "<54>Dec  1 10:00:00 SEPM01 SymantecServer: PC-1,Category: 2,LiveUpdate Manager,Event Description: "
                + marker + ",Event time: 2024-09-11 02:40:35,Group Name: My Company";
    }

    @Test
    void aRoutedTypeGoesToItsTopicAndDroppedEventsAreCountedAsFiltered() throws Exception {
        String marker = "routed-" + System.nanoTime();
        long received = counters.get(SOURCE, "received");
        long filtered = counters.get(SOURCE, "filtered");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            lines.append(traffic(marker + "-allowed", i % 2 == 0 ? "Allowed" : "ALLOWED")).append('\n');
        }
        for (int i = 0; i < 3; i++) {
            lines.append(traffic(marker + "-blocked", "Blocked")).append('\n');
        }
        lines.append(system(marker)).append('\n').append(system(marker)).append('\n');
        send(lines.toString());

        List<ConsumerRecord<String, String>> routed = bridge.consume(TRAFFIC, r -> r.value().contains(marker), 3,
                Duration.ofSeconds(30));
        assertEquals(3, routed.size(), "the blocked connections, on the traffic topic");
        assertTrue(routed.stream().allMatch(r -> r.value().contains("-blocked")), routed.toString());
        List<ConsumerRecord<String, String>> events = bridge.consume(EVENTS, r -> r.value().contains(marker), 10,
                Duration.ofSeconds(5));
        assertEquals(2, events.size(), "only the system events on the events topic: " + events);
        assertTrue(settled(received + 10), counters.snapshot().toString());
        assertEquals(filtered + 5, counters.get(SOURCE, "filtered"), counters.snapshot().toString());
    }

    @Test
    void aBatchFilteredWholeLeavesThePipelinePublishing() throws Exception {
        String marker = "all-filtered-" + System.nanoTime();
        long received = counters.get(SOURCE, "received");
        StringBuilder allowed = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            allowed.append(traffic(marker, "Allowed")).append('\n');
        }
        send(allowed.toString());
        assertTrue(settled(received + 4), counters.snapshot().toString());
        send(system(marker) + "\n");
        assertEquals(1, bridge.consume(EVENTS, r -> r.value().contains(marker), 1, Duration.ofSeconds(30)).size(),
                "the next line is published");
        assertTrue(settled(received + 5), counters.snapshot().toString());
    }

    @Test
    void aRuleThatCannotWorkIsRefusedWhenTheFileIsLoaded() throws IOException {
        Path bad = Files.createTempFile("sep-log-types", ".yaml");
        Files.writeString(bad, Files.readString(Path.of("mappings/sep-log-types.yaml"))
                .replace("  - name: Agent Traffic\n", "  - name: Agent Traffic\n    topic: events for traffic\n"));
        InvalidMappingException refused = assertThrows(InvalidMappingException.class, () -> SepLogTypes.load(bad));
        assertTrue(refused.getMessage().contains("logTypes.Agent Traffic.topic"), refused.getMessage());
        Files.writeString(bad, Files.readString(Path.of("mappings/sep-log-types.yaml"))
                .replace("  - name: Agent Traffic\n", "  - name: Agent Traffic\n    drop:\n      - { column: Action }\n"));
        refused = assertThrows(InvalidMappingException.class, () -> SepLogTypes.load(bad));
        assertTrue(refused.getMessage().contains("logTypes.Agent Traffic.drop"), refused.getMessage());
    }

    private static void send(String lines) throws IOException {
        try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), bridge.syslogPort)) {
            OutputStream out = tcp.getOutputStream();
            out.write(lines.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** Waits until {@code received} messages were received and every one is accounted for. */
    private static boolean settled(long received) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (counters.get(SOURCE, "received") >= received
                    && counters.accountedFor(SOURCE) == counters.get(SOURCE, "received")) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
