package io.endpointbridge.sources.sesevents;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.polling.Run;
import io.endpointbridge.polling.RunTracker;
import io.endpointbridge.sources.SesSimulation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SES events from a simulator of the event-export stream over real HTTP into a real Kafka broker: NDJSON answers of
 * several lines each with their pointers, 204 at the end, the pointer kept in the checkpoints topic, a 410 (expired
 * pointer), an expired token, a 429, a broken line, and the stream kept open by `run`.
 */
class SesEventsStreamTest {

    static final String SOURCE = "ses-events";
    static final String TOPIC = "security.events.ses.v1";
    static final String STREAM = "/v1/event-export/stream/S-1/C-1";
    static final SesEventStreamSimulator SES = new SesEventStreamSimulator();

    @RegisterExtension
    static WireMockExtension ses = SesSimulation.http(SES);

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        Properties p = SesSimulation.bridgeProperties(ses.baseUrl());
        p.put("ses.events.stream-id", "S-1");
        p.put("ses.events.channel-id", "C-1");
        p.put("ses.events.reconnect-delay-ms", "200");
        bridge = new RunningBridge(p);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @BeforeEach
    void reset() throws Exception {
        ses.resetAll();
        SES.clear();
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"tok\",\"expires_in\":3600}")));
        ses.stubFor(post(urlPathEqualTo(STREAM)).atPriority(5).willReturn(aResponse().withTransformers(SesEventStreamSimulator.NAME)));
        writePosition(null);
    }

    @Test
    void aSyncReadsTheStreamUntilNothingIsNewAndTheNextGoesOnFromItsPointer() throws Exception {
        SES.append(20_000);
        long started = System.nanoTime();
        Run first = bridge.pull(SOURCE);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(Run.State.PROCESSED, first.state(), String.valueOf(first.toJson()));
        assertEquals(20_000, first.toJson().get("published").asLong());
        assertEquals(80, first.pages(), "400 lines of 50 events, 5 lines an answer, then a 204");
        assertEquals(SesEventStreamSimulator.pointer(20_000), position(), "the pointer after the last line");
        ses.verify(postRequestedFor(urlPathEqualTo(STREAM)).withQueryParam("connectionTimeout", equalTo("1"))
                .withHeader("Accept", equalTo("application/x-ndjson")).withHeader("Authorization", equalTo("Bearer tok")));

        List<ConsumerRecord<String, String>> events = bridge.consume(TOPIC, r -> RunningBridge.header(r, "runId")
                .equals(first.runId()), 20_000, Duration.ofSeconds(60));
        assertEquals(20_000, events.size());
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, String> r : events) {
            JsonNode value = Golden.JSON.readTree(r.value());
            String id = value.get("eventId").asText();
            assertTrue(ids.add(id), "each event once: " + id);
            assertEquals(id, RunningBridge.header(r, "eventId"));
            assertEquals(value.has("deviceId") ? value.get("deviceId").asText() : id, r.key(), "keyed by device, else event");
            assertTrue(value.get("userPresent").isBoolean(), "string booleans become booleans");
        }
        System.out.printf("ses-events stream: %d events in %.2f s end to end (%.0f events/s)%n", 20_000, seconds,
                20_000 / seconds);

        SES.append(700);
        int requestsBefore = SES.requestPointers.size();
        Run second = bridge.pull(SOURCE);
        assertEquals(700, second.toJson().get("published").asLong(), "only what came after the pointer");
        assertEquals(SesEventStreamSimulator.pointer(20_000), SES.requestPointers.get(requestsBefore),
                "the second run started from the first's pointer");
    }

    @Test
    void anExpiredPointerIsAPossibleGapInTheRunRecordAndTheStreamGoesOnWithoutIt() throws Exception {
        SES.append(300);
        SES.oldestHeld = 120;
        writePosition("{\"source\":\"ses-events\",\"next\":\"" + SesEventStreamSimulator.pointer(40) + "\"}");
        long gapsBefore = tracker().possibleGaps(SOURCE);
        Run run = bridge.pull(SOURCE);
        JsonNode record = run.toJson();
        assertEquals(Run.State.PROCESSED, run.state(), String.valueOf(record));
        assertEquals(180, record.get("published").asLong(), "from the oldest event the stream still holds");
        assertEquals(1, record.get("possibleGaps").asInt());
        assertTrue(record.get("warning").asText().contains("HTTP 410"), record.get("warning").asText());
        assertEquals(gapsBefore + 1, tracker().possibleGaps(SOURCE), "endpoint_bridge_possible_gaps counts it");
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + bridge.managementPort + "/observe/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("endpoint_bridge_possible_gaps_total{source=\"ses-events\"}")
                && !l.endsWith(" 0.0")), "the metric says so too");
        assertTrue(metrics.contains("endpoint_bridge_run_state{source=\"ses-events\"}"), "with the run state");
        assertTrue(metrics.contains("endpoint_bridge_unconverted_values_total{map=\"ses-events\"}")
                && !metrics.contains("map=\"ses-events-search\""), "one counter per map: the search shares the stream's");
        assertEquals("null", SES.requestPointers.get(1), "reconnected without the pointer");
    }

    @Test
    void anExpiredTokenIsRenewedAndAThrottledRequestRetried() {
        SES.append(120);
        ses.stubFor(post(urlPathEqualTo(STREAM)).atPriority(1).inScenario("faults").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"No client_id found\"}")).willSetStateTo("renewed"));
        ses.stubFor(post(urlPathEqualTo(STREAM)).atPriority(1).inScenario("faults").whenScenarioStateIs("renewed")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("passed"));
        Run run = bridge.pull(SOURCE);
        assertEquals(Run.State.PROCESSED, run.state(), String.valueOf(run.toJson()));
        assertEquals(120, run.toJson().get("published").asLong());
        ses.verify(2, postRequestedFor(urlPathEqualTo("/v1/oauth2/tokens")));
    }

    @Test
    void aGzippedAnswerIsDecoded() throws Exception {
        String line = "{\"events\":[{\"uuid\":\"8031:0000aaaa-0909-11ef-8000-000000000001\",\"device_uid\":\"dev-z\","
                + "\"time\":1714710000000}],\"next\":\"" + SesEventStreamSimulator.pointer(1) + "\"}\n";
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ses.stubFor(post(urlPathEqualTo(STREAM)).atPriority(1).inScenario("gzip").whenScenarioStateIs(Scenario.STARTED)
                .withHeader("Accept-Encoding", com.github.tomakehurst.wiremock.client.WireMock.containing("gzip"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Encoding", "gzip")
                        .withHeader("Content-Type", "application/x-ndjson").withBody(zipped.toByteArray()))
                .willSetStateTo("sent"));
        Run run = bridge.pull(SOURCE);
        assertEquals(Run.State.PROCESSED, run.state(), String.valueOf(run.toJson()));
        assertEquals(1, run.toJson().get("published").asLong(), "the gzipped line was read");
        assertEquals(SesEventStreamSimulator.pointer(1), position());
    }

    @Test
    void aBrokenLineIsADeadLetterAndEveryEventStillArrives() {
        SES.append(200);
        SES.brokenLine = 1;
        Run run = bridge.pull(SOURCE);
        JsonNode record = run.toJson();
        assertEquals(Run.State.PROCESSED, run.state(), String.valueOf(record));
        assertEquals(200, record.get("published").asLong());
        assertEquals(1, record.get("rejected").asLong());
        List<ConsumerRecord<String, String>> letters = bridge.consume(TOPIC + ".dlq", r -> r.value().contains(run.runId()),
                1, Duration.ofSeconds(20));
        assertEquals(1, letters.size());
        assertTrue(letters.get(0).value().contains("not valid JSON") && letters.get(0).value().contains("8001:broken"),
                letters.get(0).value());
    }

    @Test
    void runKeepsTheStreamOpenAndPublishesWhatArrives() throws Exception {
        bridge.context().getRouteController().startRoute("ses-events-schedule");
        try {
            SES.append(100);
            Thread.sleep(1500);
            SES.append(100);
            List<ConsumerRecord<String, String>> events = bridge.consume(TOPIC, r -> r.value().contains("job 1") ||
                    r.value().contains("job 19"), 2, Duration.ofSeconds(30));
            assertTrue(events.size() >= 2, "events appended while the stream is open arrive");
            assertTrue(BridgeWait.until(() -> SesEventStreamSimulator.pointer(200).equals(position()), 30_000),
                    "and the pointer follows them");
        } finally {
            bridge.context().getRouteController().stopRoute("ses-events-schedule");
        }
    }

    static RunTracker tracker() {
        return bridge.context().getRegistry().lookupByNameAndType("runTracker", RunTracker.class);
    }

    /** The pointer in the checkpoints topic. */
    static String position() {
        String last = SesSimulation.lastCheckpoint(bridge, SOURCE);
        try {
            return last == null ? null : Golden.JSON.readTree(last).path("next").asText(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void writePosition(String value) throws Exception {
        SesSimulation.writeCheckpoint(bridge, SOURCE, value);
    }

    /** Polls a condition. */
    static final class BridgeWait {
        static boolean until(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < deadline) {
                if (condition.getAsBoolean()) {
                    return true;
                }
                Thread.sleep(200);
            }
            return false;
        }
    }
}
