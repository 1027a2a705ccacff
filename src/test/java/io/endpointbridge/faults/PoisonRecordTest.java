package io.endpointbridge.faults;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.publish.DiskSpool;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.publish.SyslogDelivery;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One hostile or unlucky message must never stop syslog publishing (issue "Hostile edges", case 1): a datagram padded
 * to a megabyte of JSON, and a record the cluster refuses for good, each end as one bounded dead letter while the
 * lines around them are published, the spool stays empty and every message is accounted for.
 */
class PoisonRecordTest {

    static final String EVENTS = "security.events.sep.v1";
    static final byte[] LINE = ("<54>Dec  1 10:00:00 SEPM01 SymantecServer: PC-1,Category: 2,LiveUpdate Manager,"
            + "Event Description: x,Event time: 2024-09-11 02:40:35,Group Name: My Company").getBytes(StandardCharsets.US_ASCII);
    static RunningBridge bridge;
    static PipelineCounters counters;
    static DiskSpool spool;

    @BeforeAll
    static void start() throws Exception {
        bridge = new RunningBridge(new Properties());
        counters = bridge.context().getRegistry().lookupByNameAndType("pipelineCounters", PipelineCounters.class);
        spool = bridge.context().getRegistry().lookupByNameAndType("syslogDelivery", SyslogDelivery.class).spool();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aDatagramPaddedWithCommasIsDeadLetteredAndTheNextLinesArePublished() throws Exception {
        byte[] poison = new byte[65507];
        System.arraycopy(LINE, 0, poison, 0, LINE.length);
        java.util.Arrays.fill(poison, LINE.length, poison.length, (byte) ',');
        String marker = "after-poison-" + System.nanoTime();
        byte[] next = line(marker);
        try (DatagramSocket socket = new DatagramSocket()) {
            send(socket, poison);
            send(socket, next);
        }
        try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), bridge.syslogPort)) {
            OutputStream out = tcp.getOutputStream();
            out.write(poison);
            out.write('\n');
            out.write(next);
            out.write('\n');
            out.flush();
        }
        List<ConsumerRecord<String, String>> published = bridge.consume(EVENTS, r -> r.value().contains(marker), 2,
                Duration.ofSeconds(30));
        assertEquals(2, published.size(), "the lines after the poison are published over UDP and TCP");
        List<ConsumerRecord<String, String>> dead = bridge.consume(EVENTS + ".dlq",
                r -> r.value().contains("columns: not a SEP event"), 2, Duration.ofSeconds(30));
        assertEquals(2, dead.size(), "one dead letter per transport");
        for (ConsumerRecord<String, String> record : dead) {
            JsonNode letter = Golden.JSON.readTree(record.value());
            assertEquals(poison.length, letter.path("rawLength").asInt());
            assertEquals(64, letter.path("rawSha256").asText().length());
            assertTrue(record.value().length() < 100_000, "a bounded dead letter: " + record.value().length());
        }
        assertSettled(counters, spool);
    }

    @Test
    void aRecordTheClusterRefusesForGoodLeavesAsADeadLetterAndTheRestIsPublished() throws Exception {
        // the events topic takes at most 2,000 bytes per batch (and the producer's batches are smaller): a normal
        // event fits, an event with 4 KB of incompressible text never will
        Properties p = new Properties();
        p.put("camel.component.kafka.producer-batch-size", "1500");
        try (RunningBridge small = new RunningBridge(p)) {
            PipelineCounters smallCounters = small.context().getRegistry().lookupByNameAndType("pipelineCounters",
                    PipelineCounters.class);
            DiskSpool smallSpool = small.context().getRegistry().lookupByNameAndType("syslogDelivery",
                    SyslogDelivery.class).spool();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", small.bootstrap()))) {
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, EVENTS),
                        List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "2000"), AlterConfigOp.OpType.SET))))
                        .all().get(30, TimeUnit.SECONDS);
            }
            byte[] noise = new byte[3000];
            new Random(7).nextBytes(noise);
            String marker = "refused-" + System.nanoTime();
            byte[] big = line(marker + " " + Base64.getEncoder().encodeToString(noise));
            try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), small.syslogPort)) {
                OutputStream out = tcp.getOutputStream();
                for (int i = 0; i < 20; i++) {
                    out.write(i == 10 ? big : line(marker + "-ok-" + i));
                    out.write('\n');
                }
                out.flush();
            }
            List<ConsumerRecord<String, String>> published = small.consume(EVENTS,
                    r -> r.value().contains(marker + "-ok-"), 19, Duration.ofSeconds(60));
            assertEquals(19, published.size(), "every other line is published");
            List<ConsumerRecord<String, String>> dead = small.consume(EVENTS + ".dlq",
                    r -> r.value().contains("Kafka refused the normalized record") && r.value().contains(marker), 1,
                    Duration.ofSeconds(30));
            assertEquals(1, dead.size(), "the refused record is a dead letter with Kafka's reason");
            assertTrue(dead.get(0).value().contains("RecordTooLarge"), dead.get(0).value());
            assertSettled(smallCounters, smallSpool);
        }
    }

    /** Nothing waits in the spool and every message received is published, rejected, dropped or failed. */
    private static void assertSettled(PipelineCounters counters, DiskSpool spool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && (counters.accountedFor("sep-syslog") != counters.get("sep-syslog", "received")
                || !spool.isEmpty())) {
            Thread.sleep(100);
        }
        assertTrue(spool.isEmpty(), "nothing left in the spool: " + spool.records());
        assertEquals(counters.get("sep-syslog", "received"), counters.accountedFor("sep-syslog"), counters.snapshot().toString());
        assertEquals(0, counters.get("sep-syslog", "failed"), counters.snapshot().toString());
    }

    private static byte[] line(String description) {
        return ("<54>Dec  1 10:00:00 SEPM01 SymantecServer: PC-1,Category: 2,LiveUpdate Manager,Event Description: "
                + description + ",Event time: 2024-09-11 02:40:35,Group Name: My Company").getBytes(StandardCharsets.US_ASCII);
    }

    private static void send(DatagramSocket socket, byte[] datagram) throws Exception {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), bridge.syslogPort));
    }
}
