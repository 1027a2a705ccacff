package io.endpointbridge.cli;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.TestPorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `check-connection`, `sync` and `status` as an operator runs them: separate JVMs, settings from the environment. */
class PolledSourceCommandsTest {

    static final String SECRET = "s3cr3t-client-secret-4711";

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @BeforeEach
    void simulator() {
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"tok-9\",\"expires_in\":3600}")));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).withQueryParam("limit", equalTo("1"))
                .willReturn(okJson("{\"total\":3,\"devices\":[{\"id\":\"a\"}]}")));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).withQueryParam("limit", equalTo("1000"))
                .willReturn(okJson("{\"total\":3,\"devices\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}]}")));
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SES_BASE_URL", ses.baseUrl());
        env.put("SES_CLIENT_ID", "client-1");
        env.put("SES_CLIENT_SECRET", SECRET);
        return env;
    }

    @Test
    void checkConnectionPassesAllFiveChecks() throws Exception {
        MapCommandTest.Result result = MapCommandTest.run("", env(), "check-connection", "ses");
        assertEquals(0, result.exit(), result.stdout() + result.stderr());
        assertEquals(4, result.stdout().lines().filter(l -> l.startsWith("PASS")).count(), result.stdout());
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("SKIP") && l.contains("TLS handshake")
                && l.contains("not applicable: the base URL is plain http")), result.stdout());
        assertTrue(result.stdout().contains("the device list answers"), result.stdout());
        assertFalse(result.stdout().contains("3 devices"), "no inventory size");
        assertFalse((result.stdout() + result.stderr()).contains(SECRET));
    }

    @Test
    void checkConnectionNamesTheMissingPrivilege() throws Exception {
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(aResponse().withStatus(403)));
        MapCommandTest.Result result = MapCommandTest.run("", env(), "check-connection", "ses");
        assertEquals(1, result.exit());
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("FAIL") && l.contains("authorization scope")
                && l.contains("403")), result.stdout());
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("SKIP") && l.contains("data fetch")));
    }

    @Test
    void checkConnectionSaysWhenTheHostIsUnreachable() throws Exception {
        Map<String, String> env = env();
        env.put("SES_BASE_URL", "http://127.0.0.1:" + TestPorts.free());
        MapCommandTest.Result result = MapCommandTest.run("", env, "check-connection", "ses");
        assertEquals(1, result.exit());
        assertTrue(result.stdout().startsWith("FAIL  network reachability"), result.stdout());
        assertTrue(result.stdout().contains("outbound HTTP (port"), "plain http is not HTTPS: " + result.stdout());
    }

    @Test
    void aBaseUrlThatIsNotTheApiIsReportedAsSuchNotAsBadCredentials() throws Exception {
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(aResponse().withStatus(404)));
        MapCommandTest.Result result = MapCommandTest.run("", env(), "check-connection", "ses");
        assertEquals(1, result.exit());
        String failed = result.stdout().lines().filter(l -> l.startsWith("FAIL")).findFirst().orElse("");
        assertTrue(failed.contains("authentication") && failed.contains("404 Not Found")
                && failed.contains("check the base URL"), result.stdout());
        assertFalse(failed.contains("ses.client-id"), "not the credentials: " + failed);
    }

    @Test
    void aBaseUrlWithAPathKeepsIt() throws Exception {
        ses.stubFor(post("/gateway/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"tok-9\",\"expires_in\":3600}")));
        ses.stubFor(get(urlPathEqualTo("/gateway/v1/devices")).willReturn(okJson("{\"total\":1,\"devices\":[{\"id\":\"a\"}]}")));
        Map<String, String> env = env();
        env.put("SES_BASE_URL", ses.baseUrl() + "/gateway/");
        MapCommandTest.Result result = MapCommandTest.run("", env, "check-connection", "ses");
        assertEquals(0, result.exit(), result.stdout());
        ses.verify(getRequestedFor(urlPathEqualTo("/gateway/v1/devices")));
    }

    @Test
    void syncRunsOnePullAndExitsZeroOnlyWhenProcessed() throws Exception {
        Map<String, String> env = env();
        env.put("KAFKA_EMBEDDED_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_CONTROLLER_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_DATA_DIR", Files.createTempDirectory("sync").toString());
        MapCommandTest.Result ok = MapCommandTest.run("", env, "sync", "ses-devices");
        assertEquals(0, ok.exit(), ok.stderr());
        JsonNode run = Golden.JSON.readTree(ok.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        assertEquals("Processed", run.get("state").asText());
        assertEquals(3, run.get("published").asInt());
        assertTrue(run.get("complete").asBoolean());
        assertFalse((ok.stdout() + ok.stderr()).contains(SECRET), "the secret is never logged");

        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(aResponse().withStatus(503)));
        env.put("SES_MAX_RETRIES", "1");
        env.put("SES_BACKOFF_INITIAL_MS", "10");
        MapCommandTest.Result failed = MapCommandTest.run("", env, "sync", "ses-devices");
        assertEquals(1, failed.exit());
        assertTrue(failed.stdout().contains("\"state\":\"Failed\""), failed.stdout());
    }

    @Test
    void syncReadsAPageOf50000DevicesInA256MiBHeap() throws Exception {
        StringBuilder page = new StringBuilder("{\"total\":50000,\"devices\":[");
        for (int n = 0; n < 50_000; n++) {
            page.append(n == 0 ? "" : ",").append("{\"id\":\"dev-").append(n).append("\",\"name\":\"HOST-").append(n)
                    .append("\",\"domain\":\"corp.example\",\"os\":{\"name\":\"Windows 11\",\"ver\":\"10.0.22631\",\"user\":\"user")
                    .append(n).append("\"},\"hw\":{\"serial\":\"SN").append(n).append("\",\"uuid\":\"uuid-").append(n)
                    .append("\"},\"adapters\":[{\"addr\":\"00:00:00:00:00:01\",\"ipv4Address\":\"10.0.").append(n % 250)
                    .append(".1\",\"mask\":\"255.255.255.0\"}],\"products\":[{\"name\":\"SEP\",\"version\":\"14.3\"}]}");
        }
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(okJson(page.append("]}").toString())));
        Map<String, String> env = env();
        env.put("JAVA_OPTS", "-Xmx256m");
        env.put("SES_PAGE_SIZE", "10000");
        env.put("KAFKA_EMBEDDED_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_CONTROLLER_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_DATA_DIR", Files.createTempDirectory("sync-large").toString());
        MapCommandTest.Result sync = MapCommandTest.run("", env, "sync", "ses-devices");
        assertEquals(0, sync.exit(), sync.stdout() + sync.stderr().lines().filter(l -> l.contains("Error") || l.contains("Exception"))
                .limit(5).toList());
        JsonNode run = Golden.JSON.readTree(sync.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        assertEquals(50_000, run.get("published").asInt(), run.toString());
        assertTrue(run.get("complete").asBoolean(), run.toString());
    }

    @Test
    void csamCheckConnectionAndSync() throws Exception {
        ses.stubFor(post("/auth").willReturn(aResponse().withStatus(201).withBody("jwt-x")));
        ses.stubFor(post(urlPathEqualTo("/rest/2.0/search/am/asset")).willReturn(okJson(
                "{\"responseCode\":\"SUCCESS\",\"count\":1,\"hasMore\":0,\"lastSeenAssetId\":1,"
                        + "\"assetListData\":{\"asset\":[{\"assetId\":1,\"biosSerialNumber\":\"S1\"}]}}")));
        Map<String, String> env = new HashMap<>();
        env.put("CSAM_BASE_URL", ses.baseUrl());
        env.put("CSAM_USERNAME", "api-user");
        env.put("CSAM_PASSWORD", SECRET);
        MapCommandTest.Result check = MapCommandTest.run("", env, "check-connection", "csam");
        assertEquals(0, check.exit(), check.stdout());
        assertEquals(4, check.stdout().lines().filter(l -> l.startsWith("PASS")).count(), check.stdout());
        assertTrue(check.stdout().contains("SKIP  TLS handshake"), check.stdout());

        env.put("KAFKA_EMBEDDED_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_CONTROLLER_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_DATA_DIR", Files.createTempDirectory("sync-csam").toString());
        MapCommandTest.Result sync = MapCommandTest.run("", env, "sync", "csam-assets");
        assertEquals(0, sync.exit(), sync.stderr());
        assertTrue(sync.stdout().contains("\"state\":\"Processed\"") && sync.stdout().contains("\"published\":1"), sync.stdout());
        assertFalse((check.stdout() + sync.stdout() + sync.stderr()).contains(SECRET));
    }

    @Test
    void statusPrintsTheRunningApplicationsStates() throws Exception {
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        try (RunningBridge bridge = new RunningBridge(p)) {
            MapCommandTest.Result result = MapCommandTest.run("", Map.of("HTTP_PORT", String.valueOf(bridge.httpPort)), "status");
            assertEquals(0, result.exit(), result.stderr());
            JsonNode status = Golden.JSON.readTree(result.stdout());
            assertEquals("Registered", status.get("sources").get("ses-devices").get("state").asText());
        }
        MapCommandTest.Result down = MapCommandTest.run("", Map.of("HTTP_PORT", String.valueOf(TestPorts.free())), "status");
        assertEquals(1, down.exit());
        assertTrue(down.stderr().contains("not running"));
    }
}
