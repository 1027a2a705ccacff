package io.endpointbridge.polling;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
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
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSAM full pulls against a simulator over real HTTP into a real Kafka broker, with the faults the API shows. */
class CsamAssetsPullTest {

    static final String SEARCH = "/rest/2.0/search/am/asset";
    static final String PASSWORD = "csam-pa55-word!";

    @RegisterExtension
    static WireMockExtension csam = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        // these tests are about pulling: every asset of every run is published (deltas: AssetDeltaTest)
        p.put("assets.publish-mode", "all");
        p.put("csam.base-url", csam.baseUrl());
        p.put("csam.username", "api-user");
        p.put("csam.password", PASSWORD);
        p.put("csam.tag-filter", "Production, PCI");
        p.put("csam.max-retries", "2");
        p.put("csam.backoff-initial-ms", "20");
        p.put("csam.backoff-max-ms", "50");
        bridge = new RunningBridge(p);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @BeforeEach
    void auth() {
        csam.resetAll();
        csam.stubFor(post("/auth").willReturn(aResponse().withStatus(201).withBody("jwt-1")));
    }

    static ObjectNode asset(int n) {
        ObjectNode a = Golden.JSON.createObjectNode();
        a.put("assetId", 5000 + n);
        a.put("assetName", "host-" + n + ".corp.example");
        a.put("netbiosName", "HOST-" + n);
        a.put("biosSerialNumber", "SN-" + n);
        a.putObject("operatingSystem").put("osName", "Ubuntu 22.04");
        return a;
    }

    static String page(int from, int to, boolean more) {
        ObjectNode page = Golden.JSON.createObjectNode();
        page.put("responseCode", "SUCCESS");
        page.put("count", to - from);
        page.put("hasMore", more ? 1 : 0);
        page.put("lastSeenAssetId", 5000 + to - 1);
        ArrayNode assets = page.putObject("assetListData").putArray("asset");
        IntStream.range(from, to).forEach(n -> assets.add(asset(n)));
        return page.toString();
    }

    /** 1,000 assets in pages of 300, the last page still saying hasMore, then 204. */
    static void stubThousand() {
        for (int from = 0; from < 1000; from += 300) {
            var request = post(urlPathEqualTo(SEARCH)).withQueryParam("pageSize", equalTo("300"));
            request = from == 0 ? request.withQueryParam("lastSeenAssetId", absent())
                    : request.withQueryParam("lastSeenAssetId", equalTo(String.valueOf(5000 + from - 1)));
            csam.stubFor(request.willReturn(okJson(page(from, Math.min(1000, from + 300), true))));
        }
        csam.stubFor(post(urlPathEqualTo(SEARCH)).withQueryParam("lastSeenAssetId", equalTo("5999"))
                .willReturn(aResponse().withStatus(204)));
    }

    static Run pull() {
        return bridge.pull("csam-assets");
    }

    static List<ConsumerRecord<String, String>> assetsOf(Run run, int expected) {
        return bridge.assetsOf(run, expected);
    }

    @Test
    void thousandAssetsInPagesOf300EndingWith204() throws Exception {
        stubThousand();
        Run run = pull();
        assertEquals(Run.State.PROCESSED, run.state(), run.toJson().toString());
        List<ConsumerRecord<String, String>> assets = assetsOf(run, 1000);
        assertEquals(1000, assets.stream().map(ConsumerRecord::key).distinct().count());
        assertTrue(assets.stream().allMatch(r -> r.key().startsWith("CSAM:")));
        JsonNode one = Golden.JSON.readTree(assets.get(0).value());
        assertEquals("CSAM", one.get("source").asText());
        assertTrue(one.get("identifiers").has("biosSerial"));
        JsonNode record = run.toJson();
        assertEquals(4, record.get("pages").asInt());
        assertEquals(1000, record.get("published").asInt());
        assertTrue(record.get("complete").asBoolean());
        csam.verify(5, postRequestedFor(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer jwt-1"))
                .withRequestBody(equalToJson("{\"filters\":[{\"field\":\"tags.name\",\"operator\":\"EQUALS\",\"value\":\"Production\"},"
                        + "{\"field\":\"tags.name\",\"operator\":\"EQUALS\",\"value\":\"PCI\"}]}")));
    }

    @Test
    void expiredTokenIsRenewedAndTheMissingSerialDeadLettered() throws Exception {
        csam.stubFor(post(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer jwt-1"))
                .willReturn(aResponse().withStatus(401)));
        csam.stubFor(post("/auth").willReturn(aResponse().withStatus(201).withBody("jwt-2")));
        String body = page(0, 2, false).replace("]}}", ",{\"assetId\":7777,\"assetName\":\"no-serial\"}]}}");
        csam.stubFor(post(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer jwt-2")).willReturn(okJson(body)));
        Run run = pull();
        assertEquals(Run.State.PROCESSED, run.state(), run.toJson().toString());
        assertEquals(2, assetsOf(run, 2).size());
        assertEquals(1, run.toJson().get("rejected").asInt());
        var dlq = bridge.consume("security.assets.host.v1.dlq", r -> r.value().contains(run.runId()), 1, Duration.ofSeconds(20));
        assertTrue(Golden.JSON.readTree(dlq.get(0).value()).get("reason").asText().contains("biosSerialNumber"));
    }

    @Test
    void rangeNotSatisfiableHalvesThePageSize() {
        csam.stubFor(post(urlPathEqualTo(SEARCH)).withQueryParam("pageSize", equalTo("300")).willReturn(aResponse().withStatus(416)));
        csam.stubFor(post(urlPathEqualTo(SEARCH)).withQueryParam("pageSize", equalTo("150")).willReturn(okJson(page(0, 150, false))));
        Run run = pull();
        assertEquals(Run.State.PROCESSED, run.state(), run.toJson().toString());
        assertEquals(150, assetsOf(run, 150).size());
    }

    @Test
    void rateLimitedThenServed() {
        csam.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        csam.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("429").whenScenarioStateIs("ok").willReturn(okJson(page(0, 10, false))));
        Run run = pull();
        assertEquals(Run.State.PROCESSED, run.state(), run.toJson().toString());
        assertEquals(10, assetsOf(run, 10).size());
    }

    @Test
    void responseCodeFailedEndsTheRunWithTheServersMessage() {
        csam.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(okJson("{\"responseCode\":\"FAILED\",\"responseMessage\":\"Invalid filter field\"}")));
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state());
        assertEquals("CSAM answered responseCode FAILED: Invalid filter field", run.toJson().get("reason").asText());
    }

    @Test
    void aTruncatedPageFailsTheRunAndIsDeadLettered() {
        String truncated = page(0, 300, true).substring(0, 2000);
        csam.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(200).withBody(truncated)));
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state());
        assertTrue(run.toJson().get("reason").asText().startsWith("page is not valid JSON"));
        var dlq = bridge.consume("security.assets.host.v1.dlq",
                r -> r.value().contains("page is not valid JSON") && r.value().contains("csam-assets"), 1, Duration.ofSeconds(20));
        assertEquals(1, dlq.size());
    }

    @Test
    void persistentServerErrorsFailTheRunAndNoSecretIsInItsRecord() {
        csam.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(502)));
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state());
        String record = run.toJson().toString();
        assertTrue(record.contains("HTTP 502 after 3 attempts"), record);
        assertFalse(record.contains(PASSWORD) || record.contains("jwt-1"));
    }
}
