package io.endpointbridge.sources.sepmnotifications;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.polling.Run;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SEPM's e-mail notifications from a real IMAP server in the JVM (GreenMail) into a real Kafka broker: seed 002's
 * plain-text CRLF mail, a quoted-printable HTML mail naming two computers, a German multipart mail; a colleague's
 * mail the search leaves alone (never fetched, never marked); each published mail marked seen once Kafka has its
 * record; the same notification re-sent later and the same notification by the API both left out.
 */
class SepmMailTest {

    static final String ALERTS = "security.alerts.sepm.v1";

    @RegisterExtension
    static WireMockExtension sepm = io.endpointbridge.sources.SepmSimulation.https();

    static Mailbox mailbox;
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        mailbox = new Mailbox();
        Properties p = io.endpointbridge.sources.SepmSimulation.bridgeProperties(sepm);
        mailbox.configure(p);
        p.put("sepm.mail.from", "sepm@corp.example.com");
        p.put("sepm.mail.subjects", "Single Risk Event:,Risk Outbreak,Risikoereignis");
        bridge = new RunningBridge(p);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        mailbox.close();
    }

    static List<ConsumerRecord<String, String>> mailAlerts(int expected) {
        return bridge.consume(ALERTS, r -> "mail".equals(RunningBridge.header(r, "via")), expected,
                Duration.ofSeconds(expected == 0 ? 3 : 30));
    }

    @Test
    void mailsBecomeAlertsOnceAndAreMarkedSeenTheSameNotificationByApiOrResentIsLeftOut() throws Exception {
        mailbox.deliver("seed002-single-risk-event.eml");
        mailbox.deliver("outbreak-html-quoted-printable-two-computers.eml");
        mailbox.deliver("german-multipart.eml");
        mailbox.deliver(("From: colleague@corp.example.com\r\nTo: soc@corp.example.com\r\nSubject: Single Risk Event: lunch"
                + " on Friday?\r\nMessage-ID: <lunch@corp>\r\n\r\nPizza?\r\n").getBytes(StandardCharsets.US_ASCII));

        List<ConsumerRecord<String, String>> alerts = mailAlerts(3);
        assertEquals(3, alerts.size(), "three SEPM mails, the colleague's left alone");
        mailbox.awaitSeen(3);
        Map<String, Boolean> seen = mailbox.seenBySubject();
        assertFalse(seen.get("Single Risk Event: lunch on Friday?"), "a mail the search excludes is never marked: " + seen);

        Map<String, JsonNode> bySubject = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> alert : alerts) {
            JsonNode record = Golden.JSON.readTree(alert.value());
            bySubject.put(record.get("subject").asText(), record);
            assertEquals("SEPM:" + record.get("alertId").asText(), alert.key());
            assertEquals("mail", record.get("runId").asText());
        }
        JsonNode seed = bySubject.get("Single Risk Event: machine TEST-ENDPOINT infected with Trojan.Gen.NPE, action Cleaned by deletion");
        assertEquals("risk-event", seed.get("kind").asText());
        assertEquals("Trojan.Gen.NPE", seed.get("risk").asText());
        assertEquals("C:\\suspicious_exe.exe", seed.get("filePath").asText());
        assertEquals("TEST-ENDPOINT", seed.get("deviceName").asText());
        assertEquals("192.168.194.94", seed.get("ipAddresses").get(0).asText());
        assertEquals("My Company\\TEST_GROUP_1", seed.get("group").asText());
        assertEquals("Cleaned by deletion", seed.get("action").asText());
        assertEquals("Feb 28, 2019 3:40:12 AM", seed.get("eventTimeText").asText());
        assertEquals("*", seed.get("alarmFilters").get("Computer").asText(), "the filter block is not the computer");
        assertFalse(seed.get("text").asText().contains("\r"), "CRLF normalized");
        JsonNode outbreak = bySubject.get("Risk Outbreak: W32.Downadup.B on 2 computers");
        assertEquals(List.of("FIN-WS-014", "FIN-WS-027"), Golden.JSON.convertValue(outbreak.get("deviceNames"), List.class));
        assertEquals("Jürgen Müller", outbreak.get("sourceUser").asText(), "quoted-printable UTF-8 decoded");
        JsonNode german = bySubject.get("Einzelnes Risikoereignis: Computer DE-WS-7");
        assertEquals("Trojan.Gen.2", german.get("fields").get("Risikoname").asText(), "a foreign key stays in fields");
        assertTrue(german.get("rawMessage").asText().contains("Dateipfad"));

        // SEPM sends the seed's notification again after its damper period: new Message-ID and Date, same content
        byte[] resent = new String(Files.readAllBytes(Mailbox.GOLDEN.resolve("seed002-single-risk-event.eml")), StandardCharsets.UTF_8)
                .replace("<seed002-single-risk@sepm-server>", "<seed002-resent@sepm-server>")
                .replace("03:50:25 -0800", "04:55:00 -0800").getBytes(StandardCharsets.UTF_8);
        mailbox.deliver(resent);
        mailbox.awaitSeen(4);
        // marked seen means done with: anything it published would be on the topic already
        assertEquals(3, bridge.consume(ALERTS, r -> "mail".equals(RunningBridge.header(r, "via")), 4, Duration.ofSeconds(2)).size(),
                "the re-sent notification is left out");

        // the same notification through the API (its message as SEPM's HTML): known by its content
        ObjectNode api = Golden.JSON.createObjectNode();
        api.put("eventId", "5EED0020000000000000000000000001");
        api.put("eventDateTime", "2019-02-28 11:50:21.0");
        api.put("subject", "Single Risk Event: machine TEST-ENDPOINT infected with Trojan.Gen.NPE, action Cleaned by deletion");
        api.put("message", "At least one security risk found:<br/>Risk name: Trojan.Gen.NPE<br/>File path: C:\\suspicious_exe.exe<br/>"
                + "Event time: Feb 28, 2019 3:40:12 AM<br/>Database insert time: Feb 28, 2019 3:45:30 AM<br/>Source: Real Time Scan"
                + "<br/>Description: <br/>User: Administrator<br/>Computer: TEST-ENDPOINT<br/>IP Address: 192.168.194.94<br/>"
                + "Domain: Default<br/>Server: SEPM-SERVER<br/>Client Group: My Company\\TEST_GROUP_1<br/>"
                + "Action taken on risk: Cleaned by deletion<br/>This alarm was generated at Feb 28, 2019 3:50:21 AM (Reporter host Time).");
        api.put("acknowledged", 0);
        ObjectNode answer = Golden.JSON.createObjectNode();
        answer.putArray("criticalEventsInfoList").add(api);
        sepm.stubFor(post("/sepm/api/v1/identity/authenticate").willReturn(okJson("{\"token\":\"t\",\"tokenExpiration\":43200}")));
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/events/critical")).willReturn(okJson(answer.toString())));
        Run run = bridge.pull("sepm-notifications");
        assertEquals(Run.State.PROCESSED, run.state(), run.toJson().toString());
        assertEquals(0, run.toJson().get("published").asInt(), run.toJson().toString());
        assertEquals(1, run.toJson().get("duplicates").asInt(), run.toJson().toString());
    }
}
