package io.endpointbridge;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import io.endpointbridge.publish.PipelineCounters;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the Kafka cluster unreachable the app still starts and listens; what Kafka does not take goes to the disk spool
 * and is counted there (the replay once a broker returns is BrokerOutageTest's subject).
 */
class BrokerUnreachableTest {

    @Test
    void undeliverableEventsAreSpooledAndCountedAndTheListenerLives() throws Exception {
        Properties p = new Properties();
        p.put("kafka.bootstrap-servers", "127.0.0.1:" + TestPorts.free());
        p.put("kafka.topics.create", "false");
        p.put("camel.component.kafka.max-block-ms", "2000");
        p.put("camel.component.kafka.delivery-timeout-ms", "3000");
        p.put("camel.component.kafka.request-timeout-ms", "1000");
        try (RunningBridge bridge = new RunningBridge(p)) {
            PipelineCounters counters = bridge.context().getRegistry().lookupByNameAndType("pipelineCounters", PipelineCounters.class);
            byte[] line = ("<54>Sep 13 08:34:00 sepm01 SymantecServer: PC-1,Category: 2,LiveUpdate Manager,"
                    + "Event Description: no broker,Event time: 2024-09-11 02:40:35").getBytes(StandardCharsets.UTF_8);
            try (DatagramSocket socket = new DatagramSocket()) {
                for (int i = 0; i < 3; i++) {
                    socket.send(new DatagramPacket(line, line.length, InetAddress.getLoopbackAddress(), bridge.syslogPort));
                }
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while ((counters.get("sep-syslog", "spooled") < 3
                    || counters.get("sep-syslog", "spooled") < counters.get("sep-syslog", "received"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            // UDP takes datagrams from anyone: on a shared CI machine a stray one may arrive too, and must be
            // accounted for in the same way as ours
            long received = counters.get("sep-syslog", "received");
            assertTrue(received >= 3, counters.snapshot().toString());
            assertEquals(received, counters.get("sep-syslog", "spooled"), counters.snapshot().toString());
            assertEquals(0, counters.get("sep-syslog", "failed"));
            assertEquals(0, counters.get("sep-syslog", "published"));
            var spool = bridge.context().getRegistry().lookupByNameAndType("syslogDelivery",
                    io.endpointbridge.publish.SyslogDelivery.class).spool();
            assertEquals(received, spool.records());
            assertTrue(spool.bytes() > 3 * line.length, "the spool holds the normalized records: " + spool.bytes());
            var http = java.net.http.HttpClient.newHttpClient();
            var status = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + bridge.httpPort + "/status")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            var report = Golden.JSON.readTree(status.body());
            assertEquals(received, report.at("/spool/records").asLong(), status.body());
            assertEquals(received, report.at("/counts/sep-syslog.spooled").asLong(), status.body());
            var ready = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + bridge.managementPort + "/observe/health/ready")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode(), ready.body());
            var live = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + bridge.managementPort + "/observe/health/live")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, live.statusCode(), "the process itself is alive");
        }
    }
}
