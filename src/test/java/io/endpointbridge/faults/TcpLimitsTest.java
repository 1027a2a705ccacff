package io.endpointbridge.faults;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import io.endpointbridge.BridgeProcess;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.syslog.PartialLineBudget;
import io.endpointbridge.syslog.TcpConnectionLimits;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No number or slowness of TCP senders can exhaust the process (issue "Hostile edges", case 2): connections past
 * syslog.tcp.max-connections are closed at once and counted, idle ones are closed after syslog.tcp.idle-timeout,
 * and unfinished messages over all connections stay within syslog.tcp.max-partial-bytes (the oldest is
 * dead-lettered and its connection closed). Afterwards the listener still publishes and every message is counted.
 */
class TcpLimitsTest {

    static RunningBridge bridge;
    static TcpConnectionLimits limits;
    static PartialLineBudget partialLines;
    static PipelineCounters counters;

    @BeforeAll
    static void start() throws Exception {
        Properties p = new Properties();
        p.put("syslog.tcp.max-connections", "20");
        p.put("syslog.tcp.idle-timeout", "5s");
        p.put("syslog.tcp.max-partial-bytes", "200000");
        bridge = new RunningBridge(p);
        limits = bridge.context().getRegistry().lookupByNameAndType("syslogTcpLimits", TcpConnectionLimits.class);
        partialLines = bridge.context().getRegistry().lookupByNameAndType("syslogStreamDecoder",
                io.endpointbridge.syslog.SyslogStreamDecoder.class).partialLineBudget();
        counters = bridge.context().getRegistry().lookupByNameAndType("pipelineCounters", PipelineCounters.class);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void connectionsPastTheCapAreClosedAndCountedAndTheListenerStillServes() throws Exception {
        assertTrue(await(() -> limits.open() == 0), "the other tests' connections are gone: " + limits.open());
        long refusedBefore = limits.refused();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                sockets.add(new Socket(InetAddress.getLoopbackAddress(), bridge.syslogPort));
            }
            assertTrue(await(() -> limits.refused() - refusedBefore >= 5), "five refused: " + limits.refused());
            assertEquals(20, limits.open(), "the cap holds");
            // the refused ones are closed already; the others answer nothing (and are far from the idle timeout)
            assertEquals(5, sockets.stream().filter(socket -> closedByServer(socket, 100)).count(),
                    "the five over the cap were closed by the listener");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        assertTrue(await(() -> limits.open() == 0), "every connection counted closed: " + limits.open());
        assertPublishes("after-the-cap");
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        long before = limits.idleClosed();
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), bridge.syslogPort)) {
            idle.setSoTimeout(10_000);
            long started = System.nanoTime();
            assertEquals(-1, idle.getInputStream().read(), "the listener closed the idle connection");
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waited >= 4_500 && waited < 9_500, "closed after about syslog.tcp.idle-timeout 5 s: " + waited);
        }
        assertTrue(limits.idleClosed() > before);
    }

    @Test
    void unfinishedMessagesOverTheBudgetDropTheOldestAndCloseItsConnection() throws Exception {
        long droppedBefore = partialLines.dropped();
        byte[] partial = ("<54>Dec  1 10:00:00 SEPM01 SymantecServer: PC-1,Category: 2,Event Description: "
                + "p".repeat(60_000)).getBytes(StandardCharsets.US_ASCII);
        List<Socket> senders = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), bridge.syslogPort);
                socket.getOutputStream().write(partial);
                socket.getOutputStream().flush();
                senders.add(socket);
                // each connection's partial is older than the next one's
                int holding = i + 1;
                assertTrue(await(() -> partialLines.held() >= Math.min(holding, 3) * (long) partial.length
                        || partialLines.dropped() > droppedBefore), "held: " + partialLines.held());
            }
            assertTrue(await(() -> partialLines.dropped() == droppedBefore + 1), "one partial dropped");
            assertTrue(closedByServer(senders.get(0), 2_000), "the oldest sender's connection was closed");
            assertTrue(partialLines.held() <= 200_000, "within the budget: " + partialLines.held());
            List<ConsumerRecord<String, String>> dead = bridge.consume("security.events.sep.v1.dlq",
                    r -> r.value().contains("partial message dropped"), 1, Duration.ofSeconds(30));
            assertEquals(1, dead.size(), "the dropped partial is a dead letter with its reason");
            assertTrue(dead.get(0).value().contains("\"rawLength\":" + partial.length), dead.get(0).value());
        } finally {
            for (Socket socket : senders) {
                socket.close();
            }
        }
        assertTrue(await(() -> partialLines.held() == 0), "closed connections hold nothing: " + partialLines.held());
        assertPublishes("after-the-budget");
        assertTrue(await(() -> counters.accountedFor("sep-syslog") == counters.get("sep-syslog", "received")),
                counters.snapshot().toString());
    }

    private static void assertPublishes(String marker) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), bridge.syslogPort)) {
            OutputStream out = socket.getOutputStream();
            out.write(("<54>Dec  1 10:00:00 SEPM01 SymantecServer: PC-1,Category: 2,LiveUpdate Manager,Event Description: "
                    + marker + ",Event time: 2024-09-11 02:40:35\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        assertEquals(1, bridge.consume("security.events.sep.v1", r -> r.value().contains(marker), 1,
                Duration.ofSeconds(30)).size(), "the listener still publishes");
    }

    /** True when the other end closed the connection (read gives end of stream, or the connection was reset). */
    private static boolean closedByServer(Socket socket, int waitMillis) {
        try {
            socket.setSoTimeout(waitMillis);
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        return BridgeProcess.await(condition::getAsBoolean, 15_000);
    }
}
