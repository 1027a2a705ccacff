package io.endpointbridge.sources.sesincidents;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.polling.Run;
import io.endpointbridge.sources.SesSimulation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SES incident pulls against a simulator of POST /v1/incidents over real HTTP into a real Kafka broker: creation,
 * update and closure records over several runs, changes SES indexes late inside a window already read, both
 * end-of-list conventions, a checkpoint older than the 30 days SES keeps, a 429, an expired token, a broken page.
 */
class SesIncidentsPullTest {

    static final String SOURCE = "ses-incidents";
    static final String TOPIC = "security.incidents.ses.v1";
    static final SesIncidentsSimulator SES = new SesIncidentsSimulator();

    @RegisterExtension
    static WireMockExtension ses = SesSimulation.http(SES);

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        Properties p = SesSimulation.bridgeProperties(ses.baseUrl());
        p.put("ses.incidents.page-size", "7");
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
        SES.lastPageWithoutNext = false;
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"tok\",\"expires_in\":3600}")));
        ses.stubFor(post("/v1/incidents").atPriority(5).willReturn(aResponse().withTransformers(SesIncidentsSimulator.NAME)));
        // each test from no checkpoint (a tombstone under the source's name)
        writeCheckpoint(null);
    }

    @Test
    void everyChangeArrivesAndOverlapRepeatsAreLeftOutIncludingChangesIndexedLate() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 40; i++) {
            // one every 3 minutes up to a minute ago: the last few inside the next run's overlap
            SES.change(uid(i), 8075, now.minus(Duration.ofMinutes(1 + 3L * (39 - i))), true);
        }
        // changes SES will index late: a new incident and an update, both a few minutes before this run
        SES.change(uid(40), 8075, now.minus(Duration.ofMinutes(3)), false);
        SES.change(uid(39), 8076, now.minus(Duration.ofMinutes(2)), false);

        Run first = bridge.pull(SOURCE);
        assertEquals(Run.State.PROCESSED, first.state(), String.valueOf(first.toJson()));
        assertEquals(40, first.toJson().get("published").asLong(), "every indexed incident (40 creations, one late)");
        assertEquals(6, first.pages(), "40 incidents in pages of 7, the last ending with next == total");
        JsonNode checkpoint = checkpoint();
        Instant windowEnd = Instant.parse(checkpoint.get("windowEnd").asText());
        assertFalse(windowEnd.isBefore(now), "the checkpoint is the end of the window read: " + windowEnd);

        // what happened since: SES indexes the late changes (inside the window already read), 5 updates, 3 closures
        SES.indexAll();
        Instant later = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 5; i++) {
            SES.change(uid(i), 8076, later, true);
        }
        for (int i = 5; i < 8; i++) {
            SES.change(uid(i), 8077, later.plusMillis(1), true);
        }
        SES.lastPageWithoutNext = true;
        Instant overlapStart = windowEnd.minus(Duration.ofMinutes(10));
        long repeats = SES.latest().values().stream().filter(r -> {
            Instant time = Instant.ofEpochMilli(r.get("time").asLong());
            return !time.isBefore(overlapStart) && time.isBefore(now) && !r.get("incident_uid").asText().equals(uid(40))
                    && !(r.get("incident_uid").asText().equals(uid(39)));
        }).count();

        Run second = bridge.pull(SOURCE);
        assertEquals(Run.State.PROCESSED, second.state(), String.valueOf(second.toJson()));
        assertEquals(10, second.toJson().get("published").asLong(), "5 updates, 3 closures and the 2 changes indexed late");
        assertEquals(repeats, second.toJson().get("duplicates").asLong(), "what the overlap read again was left out");
        assertTrue(repeats >= 2, "the overlap did read published incidents again: " + repeats);
        JsonNode window = second.toJson().get("window");
        assertEquals(overlapStart, Instant.parse(window.get("from").asText()), "the window starts one overlap before the checkpoint");
        assertTrue(SES.requests.stream().anyMatch(r -> r.path("start_date").asText().equals(
                io.endpointbridge.polling.Window.text(overlapStart))), "and so does the request");

        // on the topic: every incident's last record is its latest state, and no change was published twice
        List<ConsumerRecord<String, String>> records = bridge.consume(TOPIC, r -> {
            String run = RunningBridge.header(r, "runId");
            return run.equals(first.runId()) || run.equals(second.runId());
        }, 50, Duration.ofSeconds(30));
        assertEquals(50, records.size());
        Map<String, JsonNode> last = new HashMap<>();
        Set<String> changes = new HashSet<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode value = Golden.JSON.readTree(r.value());
            assertEquals("SES:" + value.get("incidentUid").asText(), r.key());
            assertEquals(value.get("lifecycle").asText(), RunningBridge.header(r, "lifecycle"));
            assertTrue(changes.add(r.key() + "@" + value.get("time").asText()), "published once: " + r.key());
            last.put(r.key(), value);
        }
        Map<String, ObjectNode> latest = SES.latest();
        assertEquals(latest.size(), last.size(), "every incident arrived");
        latest.forEach((uid, record) -> {
            JsonNode published = last.get("SES:" + uid);
            assertNotNull(published, uid);
            assertEquals(Instant.ofEpochMilli(record.get("time").asLong()), Instant.parse(published.get("time").asText()), uid);
            assertEquals(record.get("type_id").asInt(), published.get("typeId").asInt(), uid);
        });
        assertEquals("closed", last.get("SES:" + uid(5)).get("lifecycle").asText());
        assertEquals("False positive", last.get("SES:" + uid(5)).get("resolution").asText());
        System.out.printf("late-update test: %d + %d records published, %d re-read by the overlap and left out, 0 published twice%n",
                40, 10, repeats);
    }

    @Test
    void aCheckpointOlderThanTheThirtyDaysSesKeepsIsClampedAndTheGapReported() throws Exception {
        Instant now = Instant.now();
        writeCheckpoint("{\"source\":\"ses-incidents\",\"windowEnd\":\"" + now.minus(Duration.ofDays(40)) + "\",\"seen\":[]}");
        SES.change(uid(1), 8075, now.minus(Duration.ofDays(29)), true);
        SES.change(uid(2), 8075, now.minus(Duration.ofDays(3)), true);
        SES.change(uid(3), 8077, now.minus(Duration.ofMinutes(5)), true);

        Run run = bridge.pull(SOURCE);
        JsonNode record = run.toJson();
        assertEquals(Run.State.PROCESSED, run.state(), String.valueOf(record));
        assertEquals(3, record.get("published").asLong(), String.valueOf(record));
        JsonNode gap = record.get("gap");
        assertNotNull(gap, "the run says what could not be read: " + record);
        long tenDays = Duration.ofDays(10).toSeconds();
        assertTrue(Math.abs(gap.get("seconds").asLong() - tenDays) < 300, "about 10 days: " + gap);
        assertTrue(record.get("warning").asText().contains("could not be read"), record.get("warning").asText());
        Instant earliest = SES.requests.stream().map(r -> Instant.parse(r.path("start_date").asText())).min(Instant::compareTo)
                .orElseThrow();
        assertFalse(earliest.isBefore(now.minus(Duration.ofDays(30))), "no request reaches past 30 days: " + earliest);
        // 30 days less a minute, one day (ses.incidents.max-window) at a time, each where the last one ended
        assertEquals(30, record.get("windows").asInt(), "caught up a day at a time");
        assertFalse(Instant.parse(checkpoint().get("windowEnd").asText()).isBefore(now), "and checkpointed up to now");
    }

    @Test
    void aThrottledRequestAndAnExpiredTokenAreRetriedWithinTheRun() {
        Instant now = Instant.now();
        for (int i = 0; i < 10; i++) {
            SES.change(uid(i), 8075, now.minus(Duration.ofMinutes(30 + i)), true);
        }
        ses.stubFor(post("/v1/incidents").atPriority(1).inScenario("faults").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"message\":\"too many\"}"))
                .willSetStateTo("throttled"));
        ses.stubFor(post("/v1/incidents").atPriority(1).inScenario("faults").whenScenarioStateIs("throttled")
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Invalid Client token\"}"))
                .willSetStateTo("passed"));

        Run run = bridge.pull(SOURCE);
        assertEquals(Run.State.PROCESSED, run.state(), String.valueOf(run.toJson()));
        assertEquals(10, run.toJson().get("published").asLong());
        ses.verify(2, postRequestedFor(urlPathEqualTo("/v1/oauth2/tokens")));
    }

    @Test
    void aBrokenPageFailsTheRunDeadLettersThePageAndLeavesTheCheckpoint() throws Exception {
        Instant now = Instant.now();
        SES.change(uid(1), 8075, now.minus(Duration.ofMinutes(30)), true);
        Run good = bridge.pull(SOURCE);
        assertEquals(Run.State.PROCESSED, good.state(), String.valueOf(good.toJson()));
        String before = checkpoint().get("windowEnd").asText();

        ses.stubFor(post("/v1/incidents").atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"total\": 3, \"incidents\": [{\"incident_uid\"")));
        Run broken = bridge.pull(SOURCE);
        assertEquals(Run.State.FAILED, broken.state());
        assertTrue(broken.toJson().get("reason").asText().contains("not valid JSON"), broken.toJson().toString());
        assertEquals(before, checkpoint().get("windowEnd").asText(), "the checkpoint did not move");
        List<ConsumerRecord<String, String>> letters = bridge.consume(TOPIC + ".dlq",
                r -> r.value().contains(broken.runId()), 1, Duration.ofSeconds(20));
        assertEquals(1, letters.size(), "the page is a dead letter");
        assertTrue(letters.get(0).value().contains("incident_uid"), letters.get(0).value());
    }

    static String uid(int n) {
        return String.format("%08x-0000-4000-8000-%012d", 0x1ce1d000 + n, n);
    }

    /** The source's last checkpoint on the topic. */
    static JsonNode checkpoint() throws Exception {
        String last = SesSimulation.lastCheckpoint(bridge, SOURCE);
        assertNotNull(last, "a checkpoint was written");
        return Golden.JSON.readTree(last);
    }

    static void writeCheckpoint(String value) throws Exception {
        SesSimulation.writeCheckpoint(bridge, SOURCE, value);
    }
}
