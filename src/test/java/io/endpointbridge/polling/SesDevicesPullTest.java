package io.endpointbridge.polling;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
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
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SES full pulls against a simulator over real HTTP (WireMock) into a real Kafka broker: paging, token renewal, rate
 * limiting, server errors, broken pages, rejected devices and a wrong-region redirect, each ending in the right state.
 */
class SesDevicesPullTest {

    static final String CLIENT_ID = "client-id-7f3a";
    static final String CLIENT_SECRET = "very-secret-9c1e";

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        // these tests are about pulling: every asset of every run is published (deltas: AssetDeltaTest)
        p.put("assets.publish-mode", "all");
        p.put("ses.base-url", ses.baseUrl());
        p.put("ses.client-id", CLIENT_ID);
        p.put("ses.client-secret", CLIENT_SECRET);
        p.put("ses.max-retries", "3");
        p.put("ses.backoff-initial-ms", "20");
        p.put("ses.backoff-max-ms", "100");
        // a page is mapped in slices by three threads, however many cores this machine has
        p.put("pipeline.mapping-threads", "3");
        bridge = new RunningBridge(p);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @BeforeEach
    void token() {
        ses.resetAll();
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"tok-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    }

    static ObjectNode device(int n) {
        ObjectNode d = Golden.JSON.createObjectNode();
        d.put("id", "dev-" + n);
        d.put("name", "HOST-" + n);
        d.put("domain", "corp.example");
        d.putObject("os").put("name", "Windows 11").put("type", "WINDOWS_WORKSTATION").put("user", "user" + n);
        d.putObject("hw").put("serial", "SN" + n).put("uuid", "uuid-" + n).put("phys_cpus", 4);
        d.putArray("adapters").addObject().put("addr", "00:00:00:00:00:01").put("ipv4Address", "10.0.0." + (n % 250));
        return d;
    }

    static String page(int total, int from, int to) {
        ObjectNode page = Golden.JSON.createObjectNode();
        page.put("total", total);
        ArrayNode devices = page.putArray("devices");
        IntStream.range(from, to).forEach(n -> devices.add(device(n)));
        return page.toString();
    }

    static void stubPages(int total) {
        for (int offset = 0; offset < Math.max(total, 1); offset += 1000) {
            ses.stubFor(get(urlPathEqualTo("/v1/devices")).withQueryParam("offset", equalTo(String.valueOf(offset)))
                    .withQueryParam("limit", equalTo("1000"))
                    .willReturn(okJson(page(total, offset, Math.min(total, offset + 1000)))));
        }
    }

    static Run pull() {
        return bridge.pull("ses-devices");
    }

    static List<ConsumerRecord<String, String>> assetsOf(Run run, int expected) {
        return bridge.assetsOf(run, expected);
    }

    static List<JsonNode> runRecords(Run run) throws Exception {
        List<ConsumerRecord<String, String>> records = bridge.consume("security.connector.runs.v1",
                r -> r.value().contains(run.runId()), 2, Duration.ofSeconds(20));
        List<JsonNode> out = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            assertEquals("ses-devices", r.key());
            out.add(Golden.JSON.readTree(r.value()));
        }
        return out;
    }

    @Test
    void fullPullOf2345DevicesOverThreePages() throws Exception {
        stubPages(2345);
        Run run = pull();
        assertEquals(Run.State.PROCESSED, run.state(), String.valueOf(run.toJson()));
        List<ConsumerRecord<String, String>> assets = assetsOf(run, 2345);
        assertEquals(2345, assets.size());
        assertEquals(2345, assets.stream().map(ConsumerRecord::key).distinct().count());
        assertTrue(assets.stream().allMatch(r -> r.key().startsWith("SES:dev-")));
        JsonNode first = Golden.JSON.readTree(assets.stream().filter(r -> r.key().equals("SES:dev-7")).findFirst().orElseThrow().value());
        assertEquals("HOST-7", first.get("assetName").asText());
        assertEquals(run.runId(), first.get("runId").asText());
        assertEquals("host-asset.v1", RunningBridge.header(assets.get(0), "schemaVersion"));
        assertEquals("ses-devices", RunningBridge.header(assets.get(0), "source"), "the source's name, as on its tombstones");
        List<JsonNode> records = runRecords(run);
        var runSchema = Golden.schema(java.nio.file.Path.of("schemas/connector-run.v1.json"));
        records.forEach(r -> Golden.assertValid(runSchema, r, "run record"));
        assertEquals(List.of("Processing", "Processed"), records.stream().map(r -> r.get("state").asText()).toList());
        JsonNode end = records.get(1);
        assertEquals(3, end.get("pages").asInt());
        assertEquals(2345, end.get("expectedTotal").asInt());
        assertEquals(2345, end.get("published").asInt());
        assertTrue(end.get("complete").asBoolean());
    }

    @Test
    void statusAndMetricsShowTheRunOverHttp() throws Exception {
        stubPages(3);
        Run run = pull();
        var http = java.net.http.HttpClient.newHttpClient();
        String status = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + bridge.httpPort
                + "/status")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        JsonNode ses = Golden.JSON.readTree(status).get("sources").get("ses-devices");
        assertEquals("Processed", ses.get("state").asText());
        assertEquals(run.runId(), ses.get("lastRuns").get(0).get("runId").asText());
        String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + bridge.managementPort + "/observe/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("endpoint_bridge_run_state{source=\"ses-devices\"} 3.0"), metrics);
        assertTrue(metrics.contains("endpoint_bridge_last_run_published{source=\"ses-devices\"} 3.0"));
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("endpoint_bridge_api_requests_total{source=\"ses-devices\"}")));
    }

    @Test
    void aTokenThatExpiresMidRunIsRenewedOnceAndThePageRetried() {
        stubPages(0);
        pull(); // the cached token is now tok-1, whatever ran before
        ses.resetAll();
        stubPages(1500);
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).withQueryParam("offset", equalTo("1000"))
                .withHeader("Authorization", equalTo("Bearer tok-1"))
                .willReturn(aResponse().withStatus(401)));
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"tok-2\",\"expires_in\":3600}")));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).withQueryParam("offset", equalTo("1000"))
                .withHeader("Authorization", equalTo("Bearer tok-2"))
                .willReturn(okJson(page(1500, 1000, 1500))));
        Run run = pull();
        assertEquals(Run.State.PROCESSED, run.state(), String.valueOf(run.toJson()));
        assertEquals(1500, assetsOf(run, 1500).size());
        ses.verify(1, postRequestedFor(urlPathEqualTo("/v1/oauth2/tokens"))
                .withHeader("Authorization", equalTo("Basic " + java.util.Base64.getEncoder()
                        .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))));
        ses.verify(1, getRequestedFor(urlPathEqualTo("/v1/devices")).withHeader("Authorization", equalTo("Bearer tok-2")));
    }

    @Test
    void rateLimitedWithAndWithoutRetryAfterIsWaitedOut() {
        stubPages(1200);
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).withQueryParam("offset", equalTo("0")).inScenario("429")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("second"));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).withQueryParam("offset", equalTo("0")).inScenario("429")
                .whenScenarioStateIs("second").willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).withQueryParam("offset", equalTo("0")).inScenario("429")
                .whenScenarioStateIs("ok").willReturn(okJson(page(1200, 0, 1000))));
        long started = System.nanoTime();
        Run run = pull();
        assertEquals(Run.State.PROCESSED, run.state(), String.valueOf(run.toJson()));
        assertTrue(System.nanoTime() - started >= 1_000_000_000L, "Retry-After: 1 was honoured");
        assertEquals(1200, assetsOf(run, 1200).size());
        ses.verify(4, getRequestedFor(urlPathEqualTo("/v1/devices")));
    }

    @Test
    void persistentServerErrorsEndTheRunFailedWithTheReason() throws Exception {
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(aResponse().withStatus(503).withBody("maintenance")));
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state());
        List<JsonNode> records = runRecords(run);
        JsonNode end = records.get(records.size() - 1);
        assertEquals("Failed", end.get("state").asText());
        assertFalse(end.get("complete").asBoolean());
        assertTrue(end.get("reason").asText().contains("HTTP 503 after 4 attempts"), end.toString());
        ses.verify(4, getRequestedFor(urlPathEqualTo("/v1/devices")));
    }

    @Test
    void aFailedRequestForTheNextPageFailsTheRunOnceThePagesBeforeArePublished() throws Exception {
        // the second page is asked for while the first is mapped and published
        stubPages(1500);
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).withQueryParam("offset", equalTo("1000"))
                .willReturn(aResponse().withStatus(503).withBody("maintenance")));
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state());
        assertTrue(run.toJson().get("reason").asText().contains("HTTP 503 after 4 attempts"), run.toJson().toString());
        assertEquals(1000, assetsOf(run, 1000).size(), "the page before was published");
        assertEquals("Failed", runRecords(run).get(1).get("state").asText());
        assertEquals(1000, runRecords(run).get(1).get("published").asInt());
    }

    @Test
    void aTruncatedPageFailsTheRunAndIsDeadLetteredWhole() throws Exception {
        stubPages(1500);
        String truncated = page(1500, 1000, 1500).substring(0, 5000);
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).withQueryParam("offset", equalTo("1000"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(truncated)));
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state());
        assertTrue(run.toJson().get("reason").asText().startsWith("page is not valid JSON"), run.toJson().toString());
        assertEquals(1000, assetsOf(run, 1000).size(), "the pages before were published");
        List<ConsumerRecord<String, String>> dlq = bridge.consume("security.assets.host.v1.dlq",
                r -> r.value().contains("page is not valid JSON") && r.value().contains(truncated.substring(4900, 4990).replace("\"", "\\\"")),
                1, Duration.ofSeconds(20));
        assertEquals(1, dlq.size(), "the raw page is in the dead-letter topic");
        assertEquals("Failed", runRecords(run).get(1).get("state").asText());
    }

    @Test
    void anEmptyInventoryIsACompleteRunWithNothingPublished() throws Exception {
        stubPages(0);
        Run run = pull();
        assertEquals(Run.State.PROCESSED, run.state());
        assertTrue(run.complete());
        assertEquals(0, assetsOf(run, 0).size());
    }

    @Test
    void aPageMappedInSlicesIsPublishedWholeInPageOrderWithItsRejects() throws Exception {
        ObjectNode page = (ObjectNode) Golden.JSON.readTree(page(1000, 0, 1000));
        ArrayNode devices = (ArrayNode) page.get("devices");
        for (int n = 7; n < 1000; n += 100) {
            ((ObjectNode) devices.get(n)).remove("id");
        }
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(okJson(page.toString())));
        Run run = pull();
        assertEquals(Run.State.PROCESSED, run.state(), run.toJson().toString());
        List<ConsumerRecord<String, String>> assets = assetsOf(run, 990);
        assertEquals(990, assets.size());
        assertEquals(990, assets.stream().map(ConsumerRecord::key).distinct().count());
        // within each partition the records follow the page: the slices were put back in order
        java.util.Map<Integer, List<Integer>> byPartition = new java.util.TreeMap<>();
        for (ConsumerRecord<String, String> r : assets) {
            byPartition.computeIfAbsent(r.partition(), k -> new java.util.ArrayList<>())
                    .add(Integer.parseInt(r.key().substring("SES:dev-".length())));
        }
        for (List<Integer> numbers : byPartition.values()) {
            assertEquals(numbers.stream().sorted().toList(), numbers, "page order within a partition");
        }
        JsonNode end = runRecords(run).get(1);
        assertEquals(990, end.get("published").asInt());
        assertEquals(10, end.get("rejected").asInt());
        assertEquals(10, bridge.consume("security.assets.host.v1.dlq", r -> r.value().contains(run.runId()), 10,
                Duration.ofSeconds(20)).size());
    }

    @Test
    void aDeviceWithoutIdIsDeadLetteredAndTheRunStillCompletes() throws Exception {
        String body = page(3, 0, 2).replace("]}", ",{\"name\":\"NO-ID\"}]}");
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(okJson(body)));
        Run run = pull();
        assertEquals(Run.State.PROCESSED, run.state(), run.toJson().toString());
        assertEquals(2, assetsOf(run, 2).size());
        assertTrue(run.complete());
        JsonNode end = runRecords(run).get(1);
        assertEquals(1, end.get("rejected").asInt());
        List<ConsumerRecord<String, String>> dlq = bridge.consume("security.assets.host.v1.dlq",
                r -> r.value().contains(run.runId()), 1, Duration.ofSeconds(20));
        JsonNode reject = Golden.JSON.readTree(dlq.get(0).value());
        Golden.assertValid(Golden.schema(java.nio.file.Path.of("schemas/dead-letter.v1.json")), reject, "asset dead letter");
        assertTrue(reject.get("reason").asText().contains("sourceAssetId"));
        assertTrue(reject.get("rawText").asText().contains("NO-ID"));
    }

    @Test
    void aCrossHostRedirectIsReportedAsWrongRegion() {
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "https://api.sep.eu.securitycloud.symantec.com/v1/devices")));
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state());
        String reason = run.toJson().get("reason").asText();
        assertTrue(reason.contains("api.sep.eu.securitycloud.symantec.com") && reason.contains("wrong region"), reason);
    }

    @Test
    void rejectedCredentialsFailTheRunAndNoSecretAppearsInItsRecords() throws Exception {
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(aResponse().withStatus(401)));
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(aResponse().withStatus(401)));
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state());
        String all = runRecords(run).stream().map(JsonNode::toString).collect(Collectors.joining());
        assertTrue(all.contains("/v1/oauth2/tokens: 401 Unauthorized: credentials rejected or expired"), all);
        assertFalse(all.contains(CLIENT_SECRET) || all.contains(CLIENT_ID) || all.contains("tok-1"), all);
    }
}
