package io.endpointbridge.sources.sepmnotifications;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.sources.SepmSimulation;
import io.endpointbridge.polling.Run;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SEPM's critical-events list against a simulator over real HTTPS (self-signed, trusted through sepm.tls-certificate)
 * into a real Kafka broker: a list that grows between polls and comes back unsorted with the old entries, HTML and
 * entity bodies, a 401 (token renewed) and a 503 (retried), acknowledging only what Kafka has, and a restart of the
 * whole application (broker included) that publishes nothing again: the seen ids live in Kafka.
 */
class SepmNotificationsPullTest {

    static final String CRITICAL = "/sepm/api/v1/events/critical";
    static final String AUTHENTICATE = "/sepm/api/v1/identity/authenticate";
    static final String ALERTS = "security.alerts.sepm.v1";
    @RegisterExtension
    static WireMockExtension sepm = SepmSimulation.https();

    static RunningBridge bridge;
    /** The fixture's twelve notifications (a real SEPM 14.3 lab) and twelve more of our own. */
    static List<JsonNode> notifications = new ArrayList<>();

    static Properties properties() {
        Properties p = SepmSimulation.bridgeProperties(sepm);
        p.put("sepm.notifications.acknowledge", "true");
        p.put("sepm.timezone", "America/Los_Angeles");
        return p;
    }

    @BeforeAll
    static void start() throws Exception {
        JsonNode fixture = Golden.JSON.readTree(Path.of("src/test/resources/golden/sepm-notifications/"
                + "fixture-resilient-critical-events.json").toFile());
        fixture.get("criticalEventsInfoList").forEach(notifications::add);
        for (int n = 0; n < 12; n++) {
            ObjectNode risk = Golden.JSON.createObjectNode();
            risk.put("eventId", String.format("%032X", 0xABCDEF000L + n));
            risk.put("eventDateTime", String.format("2024-07-02 10:%02d:00.0", n));
            risk.put("subject", "Single Risk Event: machine WS-" + n + " infected with Trojan.Gen.MBT, action Quarantined");
            risk.put("message", "Risk name: Trojan.Gen.MBT<br/>File path: C:\\Users\\u" + n + "\\a.exe<br/>Event time: Jul 2, 2024 3:"
                    + String.format("%02d", n) + ":00 AM<br/>Computer: WS-" + n + "<br/>User: u" + n + "<br/>Client Group: My Company\\&lt;Sales&gt;");
            risk.put("acknowledged", 0);
            notifications.add(risk);
        }
        bridge = new RunningBridge(properties());
    }

    @AfterAll
    static void stop() {
        SepmSimulation.stop(sepm, bridge);
    }

    @BeforeEach
    void reset() {
        io.endpointbridge.sources.SepmSimulation.newSession(sepm, bridge);
        sepm.stubFor(post(urlPathMatching("/sepm/api/v1/events/acknowledge/[0-9A-F]{32}")).willReturn(aResponse().withStatus(200)));
    }

    /** SEPM's answer: these notifications in a shuffled order, as the API does not sort. */
    static void serve(List<JsonNode> list, long seed) {
        List<JsonNode> shuffled = new ArrayList<>(list);
        Collections.shuffle(shuffled, new Random(seed));
        ObjectNode answer = Golden.JSON.createObjectNode().put("lastUpdated", 1720622406545L)
                .put("totalUnacknowledgedMessages", shuffled.size());
        ArrayNode entries = answer.putArray("criticalEventsInfoList");
        shuffled.forEach(entries::add);
        sepm.stubFor(get(urlPathEqualTo(CRITICAL)).atPriority(5).withQueryParam("includeAcknowledged", equalTo("false"))
                .willReturn(okJson(answer.toString())));
    }

    static List<ConsumerRecord<String, String>> alertsOf(Run run, int expected) {
        return bridge.consume(ALERTS, r -> run.runId().equals(RunningBridge.header(r, "runId")), expected,
                Duration.ofSeconds(expected == 0 ? 3 : 20));
    }

    @Test
    void aGrowingUnsortedListIsPublishedOnceAcrossPollsAndARestart() throws Exception {
        // first poll: the fixture's twelve, then the list grows by twelve and repeats the old ones in another order
        serve(notifications.subList(0, 12), 1);
        Run first = bridge.pull("sepm-notifications");
        assertEquals(Run.State.PROCESSED, first.state(), first.toJson().toString());
        List<ConsumerRecord<String, String>> published = alertsOf(first, 12);
        assertEquals(12, published.size());
        assertEquals(12, published.stream().map(ConsumerRecord::key).distinct().count());
        assertTrue(published.stream().allMatch(r -> r.key().startsWith("SEPM:") && r.key().length() == 37), "SEPM:<eventId>");

        serve(notifications, 2);
        Run second = bridge.pull("sepm-notifications");
        JsonNode record = second.toJson();
        assertEquals(Run.State.PROCESSED, second.state(), record.toString());
        assertEquals(24, record.get("received").asInt(), record.toString());
        assertEquals(12, record.get("published").asInt(), record.toString());
        assertEquals(12, record.get("duplicates").asInt(), record.toString());
        List<ConsumerRecord<String, String>> added = alertsOf(second, 12);
        assertEquals(12, added.size());
        JsonNode risk = Golden.JSON.readTree(added.stream().filter(r -> r.key().equals("SEPM:" + String.format("%032X", 0xABCDEF003L)))
                .findFirst().orElseThrow().value());
        assertEquals("risk-event", risk.get("kind").asText());
        assertEquals("Trojan.Gen.MBT", risk.get("risk").asText());
        assertEquals("WS-3", risk.get("deviceName").asText());
        assertEquals("My Company\\<Sales>", risk.get("group").asText(), "entities decoded");
        assertEquals("2024-07-02T03:03:00-07:00", risk.get("eventTime").asText(), "SEPM-local time read in sepm.timezone");
        assertEquals("Jul 2, 2024 3:03:00 AM", risk.get("eventTimeText").asText());
        assertEquals("2024-07-02T10:03:00Z", risk.get("notificationTime").asText());
        assertTrue(risk.get("rawMessage").asText().contains("<br/>"), "the raw message is kept");

        // acknowledged in SEPM once Kafka had them: this simulator keeps listing them unacknowledged, so the second run
        // acknowledges its twelve new ones and the twelve old ones again (an acknowledgement lost before is made good)
        sepm.verify(36, postRequestedFor(urlPathMatching("/sepm/api/v1/events/acknowledge/.*")));
        sepm.verify(1, postRequestedFor(urlPathEqualTo("/sepm/api/v1/events/acknowledge/" + String.format("%032X", 0xABCDEF003L))));
        sepm.verify(2, postRequestedFor(urlPathEqualTo("/sepm/api/v1/events/acknowledge/C73763EF092E5BB9462D7353C645BC2C")));

        // the same list again: nothing new
        Run third = bridge.pull("sepm-notifications");
        assertEquals(0, third.toJson().get("published").asInt(), third.toJson().toString());
        assertEquals(24, third.toJson().get("duplicates").asInt());
        assertEquals(0, alertsOf(third, 0).size());

        // a new application on the same broker: what was published is known from the seen topic
        bridge = bridge.restarted();
        reset();
        serve(notifications, 3);
        Run afterRestart = bridge.pull("sepm-notifications");
        assertEquals(Run.State.PROCESSED, afterRestart.state(), afterRestart.toJson().toString());
        assertEquals(0, afterRestart.toJson().get("published").asInt(), afterRestart.toJson().toString());
        assertEquals(24, afterRestart.toJson().get("duplicates").asInt());
        java.util.Set<String> keys = new java.util.HashSet<>();
        notifications.forEach(n -> keys.add("SEPM:" + n.get("eventId").asText()));
        assertEquals(24, bridge.consume(ALERTS, r -> keys.contains(r.key()), 25, Duration.ofSeconds(5)).size(),
                "every notification once on the topic");
    }

    @Test
    void anExpiredTokenIsRenewedAndA503IsRetried() throws Exception {
        ObjectNode fresh = notifications.get(0).deepCopy();
        fresh.put("eventId", "FEEDFACE000000000000000000000001");
        fresh.put("message", "Server c95648v1 health status: critical.\nReason: disk full.\nStatus reported on Jul 3, 2024 1:00:00 AM.");
        serve(List.of(fresh), 4);
        sepm.stubFor(get(urlPathEqualTo(CRITICAL)).atPriority(1).withHeader("Authorization", equalTo("Bearer tok-1"))
                .willReturn(aResponse().withStatus(401).withBody("{\"errorCode\":\"401\",\"errorMessage\":\"token expired\"}")));
        sepm.stubFor(get(urlPathEqualTo(CRITICAL)).atPriority(2).inScenario("down").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        Run run = bridge.pull("sepm-notifications");
        assertEquals(Run.State.PROCESSED, run.state(), run.toJson().toString());
        assertEquals(1, run.toJson().get("published").asInt(), run.toJson().toString());
        sepm.verify(3, getRequestedFor(urlPathEqualTo(CRITICAL)));
        ConsumerRecord<String, String> alert = alertsOf(run, 1).get(0);
        assertEquals("server-health", RunningBridge.header(alert, "kind"));
        assertEquals("api", RunningBridge.header(alert, "via"));
    }

    @Test
    void anAnswerWithoutAListFailsTheRunAndIsDeadLettered() throws Exception {
        sepm.stubFor(get(urlPathEqualTo(CRITICAL)).willReturn(okJson("{\"errorCode\":\"500\",\"errorMessage\":\"db down\"}")));
        Run run = bridge.pull("sepm-notifications");
        assertEquals(Run.State.FAILED, run.state(), run.toJson().toString());
        assertTrue(run.toJson().get("reason").asText().contains("criticalEventsInfoList"), run.toJson().toString());
        List<ConsumerRecord<String, String>> letters = bridge.consume(ALERTS + ".dlq",
                r -> r.value().contains(run.runId()), 1, Duration.ofSeconds(10));
        assertEquals(1, letters.size());
        assertTrue(letters.get(0).value().contains("db down"), "the raw answer is in the dead letter");
    }
}
