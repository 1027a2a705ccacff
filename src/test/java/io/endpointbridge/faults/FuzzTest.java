package io.endpointbridge.faults;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.sources.PolledSource;
import io.endpointbridge.sources.Sources;
import io.endpointbridge.syslog.UdpSocketDrops;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100,000 malformed or mutated SEP syslog messages (random bytes, truncations, huge fields, invalid UTF-8, NULs,
 * broken quoting and headers) over real TCP and UDP sockets, and 100,000 mutated SES and CSAM API pages through the
 * page mappers: no crash, no hang, every input accounted for, and the listeners still answer afterwards.
 */
class FuzzTest {

    static final PolledSource SES = Sources.find("ses-devices").orElseThrow();
    static final PolledSource CSAM = Sources.find("csam-assets").orElseThrow();

    static final String SOURCE = "sep-syslog";
    private int port;

    @Test
    void mutatedSyslogOverTcpAndUdpIsAllAccountedForAndTheListenersLive() throws Exception {
        List<byte[]> seeds = Golden.sepFixtureLines();
        Mutations mutations = new Mutations(20261123L, seeds);
        try (RunningBridge bridge = new RunningBridge(new Properties())) {
            port = bridge.syslogPort;
            PipelineCounters counters = bridge.context().getRegistry().lookupByNameAndType("pipelineCounters", PipelineCounters.class);
            long kernelDropsBefore = Math.max(0, UdpSocketDrops.read(bridge.syslogPort));
            int tcpSent = 0;
            for (int connection = 0; connection < 4; connection++) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), bridge.syslogPort)) {
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
                    out.write(seeds.get(0)); // a well-formed first line: this connection frames by line feeds
                    out.write('\n');
                    tcpSent++;
                    for (int i = 0; i < 20_000; i++) {
                        out.write(oneLine(mutations.next()));
                        out.write('\n');
                        tcpSent++;
                    }
                    out.flush();
                }
            }
            awaitReceived(counters, tcpSent, 0);
            int udpSent = 0;
            try (DatagramSocket udp = new DatagramSocket()) {
                for (int i = 0; i < 20_000; i++) {
                    byte[] datagram = mutations.next();
                    datagram = Arrays.copyOf(datagram, Math.min(datagram.length, 60_000));
                    udp.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), bridge.syslogPort));
                    udpSent++;
                    if (i % 10 == 0) {
                        Thread.sleep(1); // at most 10,000/s: a steady rate, not a burst
                    }
                }
            }
            long expected = tcpSent + udpSent;
            long kernelDrops = awaitReceived(counters, expected, kernelDropsBefore);
            System.out.printf("fuzz: %d TCP + %d UDP mutated messages; counters %s; UDP kernel drops %d%n",
                    tcpSent, udpSent, counters.snapshot(), kernelDrops);
            assertEquals(expected, counters.get(SOURCE, "received") + kernelDrops, "every message was received or counted dropped");
            assertTrue(settled(counters), "received = published + rejected: " + counters.snapshot());
            assertEquals(0, counters.get(SOURCE, "failed"));
            assertTrue(counters.get(SOURCE, "rejected") > 10_000, "the garbage went to the dead-letter topic");
            assertTrue(counters.get(SOURCE, "published") > 10_000, "the mutations that still parse were published");

            String marker = UUID.randomUUID().toString();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), bridge.syslogPort)) {
                socket.getOutputStream().write(alive("tcp-" + marker));
            }
            try (DatagramSocket udp = new DatagramSocket()) {
                byte[] line = alive("udp-" + marker);
                udp.send(new DatagramPacket(line, line.length, InetAddress.getLoopbackAddress(), bridge.syslogPort));
            }
            assertEquals(2, bridge.consume("security.events.sep.v1", r -> r.value().contains(marker), 2,
                    Duration.ofSeconds(60)).size(), "both listeners still answer after the fuzz run");
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + bridge.managementPort + "/observe/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            var deadLetters = bridge.consume("security.events.sep.v1.dlq", r -> r.value().contains("\"rawBase64\""), 1,
                    Duration.ofSeconds(30));
            assertFalse(deadLetters.isEmpty(), "invalid UTF-8 is kept byte for byte (base64) in the dead-letter record");
        }
    }

    @Test
    void mutatedApiPagesAreMappedOrRejectedNeverCrash() throws Exception {
        AssetPageMapper ses = new AssetPageMapper(SES.assetList(),
                TransformMap.load(Path.of("mappings", SES.mappingFile()), key -> null), ZoneId.of("UTC"));
        AssetPageMapper csam = new AssetPageMapper(CSAM.assetList(),
                TransformMap.load(Path.of("mappings", CSAM.mappingFile()), key -> null), ZoneId.of("UTC"));
        List<String> sesPages = pages("ses-devices");
        List<String> csamPages = pages("csam-assets");
        Mutations mutations = new Mutations(42L, List.of());
        long pagesRejected = 0;
        long assetsMapped = 0;
        long assetsRejected = 0;
        for (int i = 0; i < 100_000; i++) {
            boolean isSes = i % 2 == 0;
            List<String> seeds = isSes ? sesPages : csamPages;
            AssetPageMapper mapper = isSes ? ses : csam;
            String page = mutations.json(seeds.get(i % seeds.size()));
            try {
                JsonNode parsed = AssetPageMapper.parse(page.getBytes(StandardCharsets.UTF_8));
                int assets = mapper.assets(parsed).size();
                AssetPageMapper.PageResult result = mapper.map(parsed, "fuzz", Instant.now());
                assertEquals(assets, result.size(), "every asset of a page is mapped or rejected: " + page);
                assetsMapped += result.records().size();
                assetsRejected += result.rejects().size();
            } catch (RejectedInputException rejectedPage) {
                pagesRejected++;
            }
        }
        System.out.printf("fuzz: 100000 mutated API pages: %d rejected whole, %d assets mapped, %d assets rejected%n",
                pagesRejected, assetsMapped, assetsRejected);
        assertTrue(pagesRejected > 10_000 && assetsMapped > 10_000 && assetsRejected > 0,
                "the mutations reached every outcome");
    }

    static List<String> pages(String dir) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden", dir))) {
            List<String> pages = new ArrayList<>();
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                pages.add(Files.readString(file));
            }
            return pages;
        }
    }

    /** Waits until {@code expected} messages were received or dropped by the kernel and all are settled. */
    private long awaitReceived(PipelineCounters counters, long expected, long kernelDropsBefore) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long kernelDrops = 0;
        while (System.nanoTime() < deadline) {
            kernelDrops = Math.max(0, UdpSocketDrops.read(port)) - kernelDropsBefore;
            if (counters.get(SOURCE, "received") + kernelDrops >= expected && settled(counters)) {
                break;
            }
            Thread.sleep(100);
        }
        return kernelDrops;
    }

    static boolean settled(PipelineCounters counters) {
        return counters.accountedFor(SOURCE) == counters.get(SOURCE, "received");
    }

    /** A line a TCP line listener takes as exactly one message: no line feeds, not empty once CRs are trimmed. */
    static byte[] oneLine(byte[] message) {
        byte[] out = message.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\n') {
                out[i] = ' ';
            }
        }
        int end = out.length;
        while (end > 0 && out[end - 1] == '\r') {
            end--;
        }
        return end == 0 ? new byte[] {'x'} : Arrays.copyOf(out, end);
    }

    static byte[] alive(String marker) {
        return ("<54>Nov 23 08:34:00 sepm01 SymantecServer: PC-1,Category: 2,LiveUpdate Manager,Event Description: "
                + marker + ",Event time: 2026-11-23 08:34:00\n").getBytes(StandardCharsets.UTF_8);
    }
}
