package io.endpointbridge.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.polling.Run;
import io.endpointbridge.polling.RunTracker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A misbehaving API never hangs a run nor fills the heap (issue "Hostile edges", cases 3 and 5), against a real HTTP
 * server on loopback: a body that trickles, a body that never ends, and a broken page larger than a Kafka record
 * each end the run Failed within its deadline, with its run end record (and a bounded dead letter for the page);
 * the next run, against a well-behaved answer, is Processed.
 */
class HostileApiTest {

    /** What {@code GET /v1/devices} does in the current test. */
    interface Behaviour {
        void answer(HttpExchange exchange) throws IOException;
    }

    static final AtomicReference<Behaviour> DEVICES = new AtomicReference<>();
    static HttpServer api;
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.setExecutor(Executors.newCachedThreadPool());
        api.createContext("/v1/oauth2/tokens", exchange -> send(exchange, 200,
                "{\"access_token\":\"t\",\"expires_in\":3600}".getBytes(StandardCharsets.UTF_8)));
        api.createContext("/v1/devices", exchange -> {
            try {
                DEVICES.get().answer(exchange);
            } catch (IOException clientGone) {
                // the bridge hung up: what these tests want
            } finally {
                exchange.close();
            }
        });
        api.start();
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        p.put("ses.base-url", "http://127.0.0.1:" + api.getAddress().getPort());
        p.put("ses.client-id", "id");
        p.put("ses.client-secret", "secret");
        p.put("ses.max-retries", "0");
        p.put("ses.request-timeout-ms", "2000");
        p.put("ses.max-response-bytes", String.valueOf(8 << 20));
        bridge = new RunningBridge(p);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        api.stop(0);
    }

    @Test
    void aBodyThatTricklesEndsTheRunFailedAtTheDeadline() throws Exception {
        DEVICES.set(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 60; i++) {
                out.write(i == 0 ? '{' : ' ');
                out.flush();
                sleep(500);
            }
        });
        long started = System.nanoTime();
        Run run = pull();
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(Run.State.FAILED, run.state(), run.toJson().toString());
        assertTrue(run.toJson().get("reason").asText().contains("no complete answer within 2000 ms"), run.toJson().toString());
        assertTrue(seconds < 10, "ended at the 2-s deadline, not when the body did: " + seconds + " s");
        assertRunEnded(run);
        assertNextRunProcessed();
    }

    @Test
    void aBodyThatNeverEndsIsCutAtTheSizeBound() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        DEVICES.set(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write('{');
            for (int i = 0; i < 100_000; i++) {
                out.write(chunk);
            }
        });
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state(), run.toJson().toString());
        assertTrue(run.toJson().get("reason").asText().contains("more than ses.max-response-bytes 8388608"),
                run.toJson().toString());
        assertRunEnded(run);
        assertNextRunProcessed();
    }

    @Test
    void aLengthOverTheBoundIsRefusedBeforeTheBodyIsRead() throws Exception {
        DEVICES.set(exchange -> {
            exchange.sendResponseHeaders(200, 100L << 20);
            sleep(5_000);
        });
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state(), run.toJson().toString());
        assertTrue(run.toJson().get("reason").asText().contains("announces 104857600 bytes"), run.toJson().toString());
        assertRunEnded(run);
    }

    @Test
    void aBrokenPageLargerThanAKafkaRecordIsDeadLetteredBoundedAndTheRunEnds() throws Exception {
        StringBuilder page = new StringBuilder("{\"total\": 3000, \"devices\": [");
        for (int n = 0; page.length() < 3_000_000; n++) {
            page.append(n == 0 ? "" : ",").append("{\"id\":\"dev-").append(n).append("\",\"name\":\"HOST-").append(n)
                    .append("\",\"os\":{\"name\":\"Windows 11\",\"user\":\"user").append(n).append("\"}}");
        }
        byte[] broken = page.toString().getBytes(StandardCharsets.UTF_8); // no closing ] and }: not valid JSON
        DEVICES.set(exchange -> send(exchange, 200, broken));
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state(), run.toJson().toString());
        assertTrue(run.toJson().get("reason").asText().startsWith("page is not valid JSON"), run.toJson().toString());
        assertRunEnded(run);
        List<ConsumerRecord<String, String>> dead = bridge.consume("security.assets.host.v1.dlq",
                r -> r.value().contains("page is not valid JSON") && r.value().contains(run.runId()), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size(), "the page is in the dead-letter topic");
        JsonNode letter = Golden.JSON.readTree(dead.get(0).value());
        assertEquals(broken.length, letter.get("rawLength").asInt());
        assertTrue(letter.get("rawTruncated").asBoolean());
        assertEquals(65536, letter.get("rawText").asText().length(), "its first 64 KiB");
        assertEquals(64, letter.get("rawSha256").asText().length());
    }

    private static Run pull() {
        bridge.context().createProducerTemplate().sendBody("direct:ses-devices-pull", null);
        return bridge.context().getRegistry().lookupByNameAndType("runTracker", RunTracker.class).runs("ses-devices").get(0);
    }

    /** The run's end record (Failed, with its reason) is on the runs topic. */
    private static void assertRunEnded(Run run) throws Exception {
        List<ConsumerRecord<String, String>> records = bridge.consume("security.connector.runs.v1",
                r -> r.value().contains(run.runId()) && r.value().contains("\"Failed\""), 1, Duration.ofSeconds(30));
        assertEquals(1, records.size(), "the run end record");
        assertTrue(Golden.JSON.readTree(records.get(0).value()).get("reason").asText().length() > 0);
    }

    private static void assertNextRunProcessed() {
        DEVICES.set(exchange -> send(exchange, 200, ("{\"total\":1,\"devices\":[{\"id\":\"dev-1\",\"name\":\"HOST-1\"}]}")
                .getBytes(StandardCharsets.UTF_8)));
        Run next = pull();
        assertEquals(Run.State.PROCESSED, next.state(), next.toJson().toString());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
