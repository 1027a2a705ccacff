package io.endpointbridge;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Properties;

import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.syslog.UdpSocketDrops;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A UDP burst larger than the normalize queue (here one batch): what does not fit is dropped and counted, the rest
 * is published, and received + kernel drops = sent.
 */
class UdpOverflowTest {

    @Test
    void datagramsTheQueueCannotTakeAreCountedAsDropped() throws Exception {
        Properties p = new Properties();
        p.put("syslog.udp.queue-batches", "1");
        try (RunningBridge bridge = new RunningBridge(p)) {
            PipelineCounters counters = bridge.context().getRegistry().lookupByNameAndType("pipelineCounters", PipelineCounters.class);
            List<byte[]> lines = Golden.sepFixtureLines();
            long kernelBefore = Math.max(0, UdpSocketDrops.read(bridge.syslogPort));
            int sent = 0;
            try (DatagramSocket socket = new DatagramSocket()) {
                for (int i = 0; i < 50_000; i++) {
                    byte[] line = lines.get(i % lines.size());
                    socket.send(new DatagramPacket(line, line.length, InetAddress.getLoopbackAddress(), bridge.syslogPort));
                    sent++;
                }
            }
            long deadline = System.currentTimeMillis() + 60_000;
            long kernel = 0;
            while (System.currentTimeMillis() < deadline) {
                kernel = Math.max(0, UdpSocketDrops.read(bridge.syslogPort)) - kernelBefore;
                long received = counters.get("sep-syslog", "received");
                if (received + kernel >= sent && received == counters.accountedFor("sep-syslog")) {
                    break;
                }
                Thread.sleep(100);
            }
            System.out.printf("udp overflow: sent %d, counters %s, kernel drops %d%n", sent, counters.snapshot(), kernel);
            assertEquals(sent, counters.get("sep-syslog", "received") + kernel, "every datagram received or counted by the kernel");
            assertTrue(counters.get("sep-syslog", "dropped") > 0, "the one-batch queue overflowed");
            assertTrue(counters.get("sep-syslog", "published") > 0, "what fitted was published");
            assertEquals(counters.get("sep-syslog", "received"), counters.accountedFor("sep-syslog"), counters.snapshot().toString());
            // status shows both losses side by side: the kernel's (the socket's) and the queue's (counted)
            var udp = Golden.JSON.readTree(bridge.context().getRegistry().lookupByNameAndType("statusReport",
                    io.endpointbridge.ops.StatusReport.class).json()).get("udp");
            assertEquals(counters.get("sep-syslog", "dropped"), udp.get("queueDrops").asLong(), udp.toString());
            assertTrue(udp.get("kernelDrops").asLong() >= kernel, udp.toString());
        }
    }
}
