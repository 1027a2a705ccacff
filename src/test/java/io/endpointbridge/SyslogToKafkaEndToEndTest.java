package io.endpointbridge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.sep.SepEventNormalizer;
import io.endpointbridge.syslog.SyslogFrame;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped routes with a real in-JVM KRaft broker and real sockets: every fixture line sent over UDP, TCP with LF,
 * TCP with CRLF and TCP with octet counting arrives exactly once per transport with the right key; garbage ends in
 * the dead-letter topic with its raw bytes and reason; the listeners keep working; the counters add up.
 */
class SyslogToKafkaEndToEndTest {

    static final String EVENTS = "security.events.sep.v1";
    static RunningBridge bridge;
    static SepEventNormalizer offline;
    static List<byte[]> lines;
    static Instant started;

    @BeforeAll
    static void start() throws Exception {
        bridge = new RunningBridge(new Properties());
        offline = SepEventNormalizer.load(Path.of("mappings"), ZoneId.of("UTC"), Clock.systemUTC(),
                Set.of("SymantecServer"), key -> null);
        lines = new ArrayList<>();
        lines.addAll(Golden.sepFixtureLines());
        assertTrue(lines.size() >= 77, "fixture lines found: " + lines.size());
        lines.add(largeLine());
        started = Instant.now();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    /** A valid SEP line of about 3 KiB: larger than Netty's default 2 KiB datagram buffer. */
    static byte[] largeLine() {
        return ("<54>Sep 16 08:30:10 sepm01 SymantecServer: Virus found,IP Address: 10.9.9.9,Computer name: BIG-PC,"
                + "Risk name: EICAR,Occurrences: 1,File path: C:\\big.txt,Description: " + "d".repeat(3000)
                + ",Actual action: Deleted").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyLineArrivesOncePerTransportWithItsKeyAndGarbageIsDeadLettered() throws Exception {
        sendUdp(lines);
        sendTcp(lines, "\n", false);
        sendTcp(lines, "\r\n", false);
        sendTcp(lines, null, true);

        Map<String, Long> expected = new HashMap<>();
        Map<String, String> expectedKey = new HashMap<>();
        for (byte[] line : lines) {
            var event = offline.normalize(SyslogFrame.accepted(line, "tcp", null, Instant.now()));
            for (String transport : List.of("udp", "tcp", "tcp", "tcp")) {
                expected.merge(event.eventId() + "/" + transport, 1L, Long::sum);
            }
            expectedKey.put(event.eventId(), event.key());
        }
        int total = lines.size() * 4;
        List<ConsumerRecord<String, String>> records = bridge.consume(EVENTS, total, Duration.ofSeconds(60));
        Map<String, Long> received = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = Golden.JSON.readTree(record.value());
            String eventId = event.get("eventId").asText();
            received.merge(eventId + "/" + event.get("syslog").get("transport").asText(), 1L, Long::sum);
            assertEquals(expectedKey.get(eventId), record.key(), "key of " + eventId);
            assertEquals("sep-syslog", header(record, "source"));
            assertEquals("security-event.v1", header(record, "schemaVersion"));
            assertEquals(event.get("logType").asText(), header(record, "logType"));
            assertEquals(eventId, header(record, "eventId"));
            // Camel's own and the kafka.* control headers never reach the record
            assertEquals(java.util.Set.of("source", "schemaVersion", "logType", "eventId"),
                    java.util.Arrays.stream(record.headers().toArray()).map(org.apache.kafka.common.header.Header::key)
                            .collect(java.util.stream.Collectors.toSet()), "headers of " + eventId);
            assertTrue(record.timestamp() >= started.toEpochMilli() - 1000 && record.timestamp() <= System.currentTimeMillis(),
                    "record timestamp is the receive time, not the SEPM time");
        }
        assertEquals(expected, received, "each line once per transport");
        String big = records.stream().map(ConsumerRecord::value).filter(v -> v.contains("BIG-PC") && v.contains("\"udp\""))
                .findFirst().orElseThrow();
        assertTrue(big.contains("d".repeat(3000)), "a 3 KiB datagram arrives whole");
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheListenersSurvive() throws Exception {
        byte[] random = new byte[1500];
        new Random(42).nextBytes(random);
        random[0] = (byte) 0xff;
        sendUdp(List.of(random, "<999>Oct 11 22:14:15 host SymantecServer: Site: A,Server Name: B".getBytes(StandardCharsets.UTF_8)));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), bridge.syslogPort)) {
            OutputStream out = socket.getOutputStream();
            byte[] huge = new byte[1024 * 1024];
            java.util.Arrays.fill(huge, (byte) 'A');
            out.write(huge);
            out.write('\n');
            out.write("<54>Sep 13 08:34:00 sepm01 SymantecServer: AFTER-HUGE,Category: 2,LiveUpdate Manager,Event Description: after,Event time: 2024-09-11 02:40:35\n".getBytes(StandardCharsets.UTF_8));
            // a half-closed connection: the last line has no line feed
            out.write("<54>Sep 13 08:34:00 sepm01 SymantecServer: HALF-CLOSED,Category: 2,LiveUpdate Manager,Event Description: half,Event time: 2024-09-11 02:40:35".getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput();
            socket.getInputStream().read();
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), bridge.syslogPort)) {
            socket.getOutputStream().write("500 <54>Sep 13 08:34:00 cut short".getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            socket.getInputStream().read();
        }
        sendUdp(List.of(("<54>Sep 13 08:34:00 sepm01 SymantecServer: STILL-ALIVE,Category: 2,LiveUpdate Manager,"
                + "Event Description: udp after garbage,Event time: 2024-09-11 02:40:35").getBytes(StandardCharsets.UTF_8)));

        List<ConsumerRecord<String, String>> dlq = bridge.consume(EVENTS + ".dlq", 4, Duration.ofSeconds(30));
        Map<String, JsonNode> byReason = new HashMap<>();
        var deadLetterSchema = Golden.schema(Path.of("schemas/dead-letter.v1.json"));
        for (ConsumerRecord<String, String> record : dlq) {
            JsonNode node = Golden.JSON.readTree(record.value());
            Golden.assertValid(deadLetterSchema, node, "dead letter");
            assertEquals("sep-syslog", record.key());
            byReason.put(node.get("reason").asText(), node);
        }
        assertEquals(4, dlq.size(), "dead letters: " + byReason.keySet());
        JsonNode randomRecord = byReason.entrySet().stream().filter(e -> e.getValue().has("rawBase64"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertTrue(java.util.Arrays.equals(random, Base64.getDecoder().decode(randomRecord.get("rawBase64").asText())));
        assertTrue(byReason.containsKey("invalid syslog priority <999>: must be 0..191"));
        JsonNode oversized = byReason.entrySet().stream().filter(e -> e.getKey().startsWith("oversized line"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertEquals(1024 * 1024, oversized.get("rawLength").asInt());
        assertTrue(oversized.get("rawTruncated").asBoolean());
        assertTrue(byReason.keySet().stream().anyMatch(r -> r.contains("connection closed inside an octet-counted frame")));

        Set<String> keys = bridge.consume(EVENTS, Integer.MAX_VALUE, Duration.ofSeconds(8)).stream()
                .map(ConsumerRecord::key).collect(Collectors.toSet());
        assertTrue(keys.containsAll(Set.of("AFTER-HUGE", "HALF-CLOSED", "STILL-ALIVE")), "listeners still deliver: " + keys);
    }

    @Test
    void countersAccountForEveryReceivedMessage() throws Exception {
        sendUdp(List.of(lines.get(0)));
        PipelineCounters counters = bridge.context().getRegistry().lookupByNameAndType("pipelineCounters", PipelineCounters.class);
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && counters.get("sep-syslog", "received")
                != counters.get("sep-syslog", "published") + counters.get("sep-syslog", "rejected")) {
            Thread.sleep(100);
        }
        long received = counters.get("sep-syslog", "received");
        assertTrue(received > 0);
        assertEquals(received, counters.get("sep-syslog", "published") + counters.get("sep-syslog", "rejected"));
        assertEquals(0, counters.get("sep-syslog", "failed"));
    }

    @Test
    void readyWhileTheBrokerAnswers() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + bridge.managementPort + "/observe/health/ready?exposureLevel=full")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("{\"name\":\"kafka\",\"status\":\"UP\"}"), response.body());
    }

    @Test
    void producerIsIdempotentAcknowledgedByAllAndCompressed() {
        var endpoint = bridge.context().getEndpoint("kafka:" + EVENTS, org.apache.camel.component.kafka.KafkaEndpoint.class);
        Properties producer = endpoint.getConfiguration().createProducerProperties();
        assertEquals("true", String.valueOf(producer.get("enable.idempotence")));
        assertEquals("all", String.valueOf(producer.get("acks")));
        assertEquals("lz4", String.valueOf(producer.get("compression.type")));
        assertEquals(bridge.bootstrap(), endpoint.getConfiguration().getBrokers());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static void sendUdp(List<byte[]> datagrams) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            for (byte[] datagram : datagrams) {
                socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), bridge.syslogPort));
            }
        }
    }

    static void sendTcp(List<byte[]> messages, String terminator, boolean octetCounting) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), bridge.syslogPort)) {
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream());
            for (byte[] message : messages) {
                if (octetCounting) {
                    out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
                    out.write(message);
                } else {
                    out.write(message);
                    out.write(terminator.getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.flush();
        }
    }
}
