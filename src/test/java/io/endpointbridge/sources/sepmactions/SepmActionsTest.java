package io.endpointbridge.sources.sepmactions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.sources.SepmSimulation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SEPM response actions end to end: command records written to a real broker, carried out against a SEPM simulator
 * over real HTTPS, every result read back from the results topic. Status progressing over polls, a deadline expiring
 * (the SEPM command cancelled), a replayed command (one SEPM call), a restart between submitted and completed (polling
 * resumes, no second call), malformed and refused commands (the consumer moves on), and each action's requests.
 */
class SepmActionsTest {

    static final String COMMANDS = "security.commands.sepm.v1";
    static final String RESULTS = "security.command-results.v1";
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/sepm-commands");
    @RegisterExtension
    static WireMockExtension sepm = SepmSimulation.https();

    static RunningBridge bridge;

    static Properties properties() {
        Properties p = SepmSimulation.bridgeProperties(sepm);
        p.put("sepm.actions.enabled", "true");
        p.put("sepm.actions.poll-interval-ms", "300");
        p.put("sepm.actions.deadline", "6s");
        p.put("sepm.actions.allowed", "quarantine-endpoints,unquarantine-endpoints,eoc-scan,move-endpoint,"
                + "fingerprint-list-add,fingerprint-list-assign,fingerprint-list-delete,upload-file");
        return p;
    }

    /** WireMock's stubs are reset before every test: the session each time. */
    @org.junit.jupiter.api.BeforeEach
    void session() {
        sepm.stubFor(post("/sepm/api/v1/identity/authenticate").willReturn(okJson("{\"token\":\"tok\",\"tokenExpiration\":43200}")));
    }

    @BeforeAll
    static void start() throws Exception {
        bridge = new RunningBridge(properties());
    }

    @AfterAll
    static void stop() {
        SepmSimulation.stop(sepm, bridge);
    }

    static void send(String key, String value) throws Exception {
        send(key, value, null);
    }

    static void send(String key, String value, Long timestamp) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bridge.bootstrap());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(COMMANDS, null, timestamp, key, value)).get();
        }
    }

    /** The command's results in order, read until one is in {@code state} (or 30 s passed). */
    static List<JsonNode> resultsUntil(String commandId, String state) throws Exception {
        List<ConsumerRecord<String, String>> records = bridge.consume(RESULTS, r -> r.key().equals(commandId), 100,
                Duration.ofMillis(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.stream().noneMatch(r -> state.equals(RunningBridge.header(r, "state"))) && System.nanoTime() < deadline) {
            records = bridge.consume(RESULTS, r -> r.key().equals(commandId), 100, Duration.ofMillis(700));
        }
        List<JsonNode> results = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            results.add(Golden.JSON.readTree(r.value()));
        }
        assertTrue(results.stream().anyMatch(r -> r.get("state").asText().equals(state)),
                commandId + " never reached " + state + ": " + results);
        return results;
    }

    static List<String> states(List<JsonNode> results) {
        return results.stream().map(r -> r.get("state").asText()).toList();
    }

    static JsonNode last(List<JsonNode> results) {
        return results.get(results.size() - 1);
    }

    static String computersPage(String... rows) {
        return "{\"content\":[" + String.join(",", rows) + "],\"lastPage\":true,\"number\":0}";
    }

    static String computer(String id, String name, String hardwareKey) {
        return "{\"uniqueId\":\"" + id + "\",\"computerName\":\"" + name + "\",\"hardwareKey\":\"" + hardwareKey + "\"}";
    }

    static String status(String computerId, int stateId, String extra) {
        return "{\"content\":[{\"computerId\":\"" + computerId + "\",\"computerName\":\"WS\",\"stateId\":" + stateId
                + ",\"subStateId\":0" + (extra == null ? "" : "," + extra) + "}],\"lastPage\":true,\"number\":0}";
    }

    /** SEPM's status of a command going through these states, one per poll, the last one staying. */
    static void statusGoesThrough(String sepmId, String... pages) {
        String scenario = "status-" + sepmId;
        for (int i = 0; i < pages.length; i++) {
            var stub = get(urlPathEqualTo("/sepm/api/v1/command-queue/" + sepmId)).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i).willReturn(okJson(pages[i]));
            sepm.stubFor(i < pages.length - 1 ? stub.willSetStateTo("poll-" + (i + 1)) : stub);
        }
    }

    static final String ID1 = "11111111111111111111111111111111";
    static final String ID2 = "22222222222222222222222222222222";

    @Test
    void aQuarantineByNameIsFollowedToCompletedAndItsReplayIsNotSentAgain() throws Exception {
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/computers")).withQueryParam("computerName", equalTo("WS-1"))
                .willReturn(okJson(computersPage(computer(ID1, "WS-1", "HK1"), computer(ID2, "WS-10", "HK10")))));
        sepm.stubFor(post(urlPathEqualTo("/sepm/api/v1/command-queue/quarantine")).withQueryParam("computer_ids", equalTo(ID1))
                .willReturn(okJson(Files.readString(FIXTURES.resolve("sepm-command-queue-quarantine-response.resilient-mock.json")))));
        String sepmId = "09114E42730A479993DD6D94CF9CAA53";
        statusGoesThrough(sepmId, status(ID1, 0, null), status(ID1, 2, "\"subStateDesc\":\"Quarantining\""),
                status(ID1, 3, "\"lastUpdateTime\":\"2024-07-01T10:00:00Z\""));
        String command = "{\"commandId\":\"c-quarantine-1\",\"action\":\"quarantine-endpoints\",\"computerNames\":[\"WS-1\"],"
                + "\"requestedBy\":\"analyst@soc\",\"reason\":\"INC-42 beaconing\"}";
        send("c-quarantine-1", command);

        List<JsonNode> results = resultsUntil("c-quarantine-1", "completed");
        assertEquals(List.of("accepted", "submitted", "in-progress", "completed"),
                states(results).stream().distinct().toList(), results.toString());
        JsonNode done = last(results);
        assertEquals(sepmId, done.get("sepmCommandIds").get(0).asText());
        assertEquals(ID1, done.get("resolved").get("computerIds").get(0).asText(), "WS-1 exactly, not WS-10");
        assertEquals("completed", done.get("computers").get(0).get("state").asText());
        assertEquals("analyst@soc", done.get("requestedBy").asText());
        assertEquals("INC-42 beaconing", done.get("requestReason").asText());
        assertTrue(results.stream().anyMatch(r -> r.path("computers").path(0).path("subStateDesc").asText().equals("Quarantining")));
        sepm.verify(1, postRequestedFor(urlPathEqualTo("/sepm/api/v1/command-queue/quarantine"))
                .withQueryParam("undo", equalTo("false")));

        // the same command again (a SOAR retrying, a replay of the topic): its latest result, no second quarantine
        send("c-quarantine-1", command);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<JsonNode> again;
        do {
            again = resultsUntil("c-quarantine-1", "completed");
        } while (again.stream().noneMatch(r -> r.path("replayed").asBoolean()) && System.nanoTime() < deadline);
        JsonNode replayed = again.stream().filter(r -> r.path("replayed").asBoolean()).findFirst().orElseThrow();
        assertEquals("completed", replayed.get("state").asText());
        sepm.verify(1, postRequestedFor(urlPathEqualTo("/sepm/api/v1/command-queue/quarantine")));
    }

    @Test
    void anEocScanSendsTheHashByTypeAndItsResultsXmlBecomesMatches() throws Exception {
        String computerId = "89AD1BBB0946C25D25E6C0984E971D8A";
        sepm.stubFor(post(urlPathEqualTo("/sepm/api/v1/command-queue/eoc")).willReturn(okJson(
                Files.readString(FIXTURES.resolve("sepm-command-queue-eoc-response.resilient-mock.json")))));
        // the fixture's page (SEPM 14.2): one Linux endpoint not yet received, three done with NO_MATCH; then all done
        ObjectNode page = (ObjectNode) Golden.JSON.readTree(FIXTURES.resolve("sepm-command-queue-status-eoc-page.resilient-mock.json").toFile());
        ObjectNode done = page.deepCopy();
        ((ObjectNode) done.get("content").get(0)).put("stateId", 3);
        statusGoesThrough("0F0CBDD7EDFF4634B23FA11F5AB81FFC", page.toString(), done.toString());
        statusGoesThrough("BB37F78894DB451B8E8921EC127667A3", computersPage());
        String sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        send("c-eoc-1", "{\"commandId\":\"c-eoc-1\",\"action\":\"eoc-scan\",\"computerIds\":[\"" + computerId + "\"],"
                + "\"groupIds\":[\"G0000000000000000000000000000001\"],\"fileHash\":\"" + sha256.toUpperCase() + "\","
                + "\"filePath\":\"C:\\\\Temp\\\\evil & co.exe\",\"scanType\":\"full_scan\",\"remediate\":true}");

        List<JsonNode> results = resultsUntil("c-eoc-1", "completed");
        sepm.verify(1, postRequestedFor(urlPathEqualTo("/sepm/api/v1/command-queue/eoc"))
                .withQueryParam("computer_ids", equalTo(computerId))
                .withQueryParam("group_ids", equalTo("G0000000000000000000000000000001"))
                .withRequestBody(containing("<Hash name=\"SHA256\" value=\"" + sha256 + "\"/>"))
                .withRequestBody(containing("<ScanType>FULL_SCAN</ScanType>"))
                .withRequestBody(containing("name=\"C:\\Temp\\evil &amp; co.exe\""))
                .withRequestBody(containing("<RemediationAction>REMEDIATE</RemediationAction>")));
        JsonNode last = last(results);
        assertEquals(2, last.get("sepmCommandIds").size());
        assertEquals(4, last.get("counts").get("total").asInt(), last.toString());
        JsonNode scanned = last.get("computers").get(1);
        assertEquals("NO_MATCH", scanned.get("matches").get(2).get("result").asText(), scanned.toString());
        assertEquals("MD5", scanned.get("matches").get(2).get("hashType").asText());
        assertEquals("582f9b6e0cc4c1dbbd772aaaf088cb3a", scanned.get("matches").get(2).get("hashValue").asText());
        assertTrue(states(results).contains("in-progress"), "the Linux endpoint was not done at first: " + states(results));
    }

    @Test
    void aCommandPastItsDeadlineTimesOutAndIsCancelledInSepm() throws Exception {
        String sepmId = "7777777777777777777777777777777A";
        sepm.stubFor(post(urlPathEqualTo("/sepm/api/v1/command-queue/quarantine")).withQueryParam("computer_ids", equalTo(ID2))
                .willReturn(okJson("{\"commandID_computer\":\"" + sepmId + "\"}")));
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/command-queue/" + sepmId)).willReturn(okJson(status(ID2, 0, null))));
        sepm.stubFor(post(urlPathEqualTo("/sepm/api/v1/command-queue/" + sepmId + "/cancel")).willReturn(aResponse().withStatus(200)));
        send("c-offline-1", "{\"commandId\":\"c-offline-1\",\"action\":\"unquarantine-endpoints\",\"computerIds\":[\"" + ID2 + "\"]}");

        List<JsonNode> results = resultsUntil("c-offline-1", "timed-out");
        JsonNode last = last(results);
        assertTrue(last.get("detail").asText().contains("not-received: 1"), last.toString());
        assertTrue(last.get("detail").asText().contains("cancelled"), last.toString());
        sepm.verify(1, postRequestedFor(urlPathEqualTo("/sepm/api/v1/command-queue/" + sepmId + "/cancel")));
        sepm.verify(postRequestedFor(urlPathEqualTo("/sepm/api/v1/command-queue/quarantine")).withQueryParam("undo", equalTo("true")));
    }

    @Test
    void badCommandsAreRejectedOrDeadLetteredAndTheConsumerMovesOn() throws Exception {
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/computers")).withQueryParam("computerName", equalTo("DUP"))
                .willReturn(okJson(computersPage(computer(ID1, "DUP", "HK1"), computer(ID2, "dup", "HK2")))));
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/computers")).withQueryParam("computerName", equalTo("GONE"))
                .willReturn(okJson(computersPage())));
        send("x", "{not json");
        send("y", "{\"action\":\"quarantine-endpoints\",\"computerIds\":[\"" + ID1 + "\"]}");
        send("c-bad-1", "{\"commandId\":\"c-bad-1\",\"action\":\"format-disk\"}");
        send("c-bad-2", "{\"commandId\":\"c-bad-2\",\"action\":\"fingerprint-list-update\",\"name\":\"bl\",\"domainId\":\"D\",\"hashes\":[\"" + "0".repeat(32) + "\"]}");
        send("c-bad-3", "{\"commandId\":\"c-bad-3\",\"action\":\"quarantine-endpoints\",\"computerNames\":[\"DUP\"]}");
        send("c-bad-4", "{\"commandId\":\"c-bad-4\",\"action\":\"quarantine-endpoints\",\"computerNames\":[\"GONE\"]}");
        send("c-bad-5", "{\"commandId\":\"c-bad-5\",\"action\":\"eoc-scan\",\"computerIds\":[\"" + ID1 + "\"],\"fileHash\":\"abc\"}");
        send("c-bad-6", "{\"commandId\":\"c-bad-6\",\"action\":\"quarantine-endpoints\",\"computerIds\":[\"" + ID1 + "\"]}",
                System.currentTimeMillis() - Duration.ofDays(2).toMillis());

        assertTrue(last(resultsUntil("c-bad-1", "rejected")).get("detail").asText().startsWith("unknown action 'format-disk'"));
        assertTrue(last(resultsUntil("c-bad-2", "rejected")).get("detail").asText().contains("not allowed"));
        assertTrue(last(resultsUntil("c-bad-3", "rejected")).get("detail").asText().startsWith("ambiguous target: 2 computers"));
        assertTrue(last(resultsUntil("c-bad-4", "rejected")).get("detail").asText().startsWith("unknown target"));
        assertTrue(last(resultsUntil("c-bad-5", "rejected")).get("detail").asText().contains("no MD5, SHA-1 or SHA-256"));
        assertTrue(last(resultsUntil("c-bad-6", "rejected")).get("detail").asText().contains("sepm.actions.max-age"));
        List<ConsumerRecord<String, String>> letters = bridge.consume(COMMANDS + ".dlq", 2, Duration.ofSeconds(10));
        assertEquals(2, letters.size());
        assertTrue(letters.stream().anyMatch(r -> r.value().contains("not a JSON object")));
        assertTrue(letters.stream().anyMatch(r -> r.value().contains("no commandId")));
    }

    @Test
    void aMoveByGroupPathResolvesHardwareKeysAndCompletesAtOnce() throws Exception {
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/groups")).withQueryParam("fullPathName", equalTo("My Company\\Servers"))
                .willReturn(okJson("{\"content\":[{\"id\":\"GS\",\"fullPathName\":\"My Company\\\\Servers\"}],\"lastPage\":true}")));
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/computers")).withQueryParam("computer_id", equalTo("33333333333333333333333333333333"))
                .willReturn(okJson(computersPage(computer("33333333333333333333333333333333", "SRV-3", "HK3")))));
        sepm.stubFor(patch(urlPathEqualTo("/sepm/api/v1/computers")).willReturn(okJson(
                Files.readString(FIXTURES.resolve("sepm-computers-patch-move-response.resilient-mock.json")))));
        send("c-move-1", "{\"commandId\":\"c-move-1\",\"action\":\"move-endpoint\",\"computerIds\":[\"33333333333333333333333333333333\"],"
                + "\"groupPath\":\"My Company\\\\Servers\"}");
        JsonNode done = last(resultsUntil("c-move-1", "completed"));
        assertEquals("GS", done.get("resolved").get("groupId").asText());
        sepm.verify(patchRequestedFor(urlPathEqualTo("/sepm/api/v1/computers"))
                .withRequestBody(equalToJson("[{\"hardwareKey\":\"HK3\",\"group\":{\"id\":\"GS\"}}]")));
    }

    @Test
    void aFingerprintListIsCreatedThenExtendedAndAssignedToAGroup() throws Exception {
        String md5a = "582F9B6E0CC4C1DBBD772AAAF088CB3A";
        String md5b = "0123456789ABCDEF0123456789ABCDEF";
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/policy-objects/fingerprints")).inScenario("list")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(404)));
        sepm.stubFor(post(urlPathEqualTo("/sepm/api/v1/policy-objects/fingerprints")).inScenario("list")
                .willReturn(okJson(Files.readString(FIXTURES.resolve("sepm-fingerprint-list-add-response.resilient-mock.json"))))
                .willSetStateTo("created"));
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/policy-objects/fingerprints")).inScenario("list")
                .whenScenarioStateIs("created").willReturn(okJson(Files.readString(FIXTURES.resolve("sepm-fingerprint-list-get.resilient-mock.json")))));
        String list = "B5F9985ED6C449A6905A0D570A5733FC";
        sepm.stubFor(post(urlPathEqualTo("/sepm/api/v1/policy-objects/fingerprints/" + list)).willReturn(aResponse().withStatus(200)));
        sepm.stubFor(put(urlPathEqualTo("/sepm/api/v1/groups/GL/system-lockdown/fingerprints/" + list)).willReturn(aResponse().withStatus(200)));

        send("c-fp-1", "{\"commandId\":\"c-fp-1\",\"action\":\"fingerprint-list-add\",\"name\":\"Blacklist\",\"domainId\":\"D1\",\"hashes\":[\"" + md5a + "\"]}");
        assertEquals(list, last(resultsUntil("c-fp-1", "completed")).get("response").get("fingerprintListId").asText());
        sepm.verify(postRequestedFor(urlPathEqualTo("/sepm/api/v1/policy-objects/fingerprints")).withRequestBody(equalToJson(
                "{\"name\":\"Blacklist\",\"domainId\":\"D1\",\"hashType\":\"MD5\",\"data\":[\"" + md5a + "\"]}", true, true)));

        send("c-fp-2", "{\"commandId\":\"c-fp-2\",\"action\":\"fingerprint-list-add\",\"name\":\"Blacklist\",\"domainId\":\"D1\",\"hashes\":[\"" + md5b.toLowerCase() + "\"]}");
        resultsUntil("c-fp-2", "completed");
        sepm.verify(postRequestedFor(urlPathEqualTo("/sepm/api/v1/policy-objects/fingerprints/" + list)).withRequestBody(
                equalToJson("{\"data\":[\"" + md5a + "\",\"" + md5b + "\"]}", true, true)));

        send("c-fp-3", "{\"commandId\":\"c-fp-3\",\"action\":\"fingerprint-list-assign\",\"fingerprintListId\":\"" + list + "\",\"groupId\":\"GL\"}");
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/policy-objects/fingerprints/" + list)).willReturn(okJson(
                Files.readString(FIXTURES.resolve("sepm-fingerprint-list-get.resilient-mock.json")))));
        resultsUntil("c-fp-3", "completed");
        sepm.verify(1, putRequestedFor(urlPathEqualTo("/sepm/api/v1/groups/GL/system-lockdown/fingerprints/" + list)));

        sepm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo("/sepm/api/v1/policy-objects/fingerprints/" + list))
                .willReturn(aResponse().withStatus(204)));
        send("c-fp-4", "{\"commandId\":\"c-fp-4\",\"action\":\"fingerprint-list-delete\",\"name\":\"Blacklist\",\"domainId\":\"D1\"}");
        assertEquals(list, last(resultsUntil("c-fp-4", "completed")).get("response").get("fingerprintListId").asText());
        sepm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                urlPathEqualTo("/sepm/api/v1/policy-objects/fingerprints/" + list)));
    }

    @Test
    void aFileUploadFollowsItsCommandAndAfterARestartPollingGoesOnWithoutASecondRequest() throws Exception {
        String computerId = "44444444444444444444444444444444";
        String sepmId = "171969C124D54C069D7018914AA02184";
        sepm.stubFor(post(urlPathEqualTo("/sepm/api/v1/command-queue/files")).willReturn(okJson(
                Files.readString(FIXTURES.resolve("sepm-command-queue-files-upload-response.resilient-mock.json")))));
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/command-queue/" + sepmId)).willReturn(okJson(status(computerId, 1, null))));
        send("c-upload-1", "{\"commandId\":\"c-upload-1\",\"action\":\"upload-file\",\"computerId\":\"" + computerId + "\","
                + "\"filePath\":\"C:\\\\Users\\\\a b\\\\mal.exe\",\"fileHash\":\"" + "ab".repeat(20) + "\"}");
        resultsUntil("c-upload-1", "in-progress");
        sepm.verify(1, postRequestedFor(urlPathEqualTo("/sepm/api/v1/command-queue/files"))
                .withQueryParam("computer_ids", equalTo(computerId))
                .withQueryParam("file_path", equalTo("C:\\Users\\a b\\mal.exe"))
                .withQueryParam("sha1", equalTo("ab".repeat(20))));

        // the application stops between submitted and completed; a new one on the same broker goes on polling
        sepm.stubFor(get(urlPathEqualTo("/sepm/api/v1/command-queue/" + sepmId)).willReturn(okJson(
                status(computerId, 3, "\"binaryFileId\":\"F1B2\""))));
        bridge = bridge.restarted();
        JsonNode done = last(resultsUntil("c-upload-1", "completed"));
        assertEquals("F1B2", done.get("computers").get(0).get("binaryFileId").asText());
        sepm.verify(1, postRequestedFor(urlPathEqualTo("/sepm/api/v1/command-queue/files")));
    }
}
