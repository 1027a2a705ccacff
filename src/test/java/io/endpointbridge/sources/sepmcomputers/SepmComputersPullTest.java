package io.endpointbridge.sources.sepmcomputers;

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
import io.endpointbridge.TestCertificates;
import io.endpointbridge.polling.ConnectionTests;
import io.endpointbridge.polling.Run;
import io.endpointbridge.polling.RunTracker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SEPM computer pulls against a simulator over real HTTPS with a self-signed certificate (trusted through
 * sepm.tls-certificate, the PEM option) into a real Kafka broker: 2,500 computers of both payload generations over
 * pages that repeat rows, a 429, a 503, the token expiring mid-run (401), a truncated page, the connection test, and
 * the logout when the application stops.
 */
class SepmComputersPullTest {

    static final String COMPUTERS = "/sepm/api/v1/computers";
    static final String AUTHENTICATE = "/sepm/api/v1/identity/authenticate";
    static final String USERNAME = "svc-bridge";
    /** Every character the URL-encoding question is about, and a JSON quote. */
    static final String PASSWORD = "p&ss+w\"rd%41 x";
    static final TestCertificates CERTIFICATE = io.endpointbridge.sources.SepmSimulation.CERTIFICATE;

    @RegisterExtension
    static WireMockExtension sepm = io.endpointbridge.sources.SepmSimulation.https();

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        p.put("assets.publish-mode", "all");
        p.put("sepm.base-url", "https://localhost:" + sepm.getHttpsPort());
        p.put("sepm.tls-certificate", CERTIFICATE.pem().toString());
        p.put("sepm.username", USERNAME);
        p.put("sepm.password", PASSWORD);
        p.put("sepm.max-retries", "3");
        p.put("sepm.backoff-initial-ms", "20");
        p.put("sepm.backoff-max-ms", "100");
        p.put("pipeline.mapping-threads", "3");
        bridge = new RunningBridge(p);
    }

    @AfterAll
    static void stop() {
        sepm.stubFor(post("/sepm/api/v1/identity/logout").willReturn(aResponse().withStatus(204)));
        bridge.close();
        // the session the runs used is ended when the application stops
        sepm.verify(postRequestedFor(urlPathEqualTo("/sepm/api/v1/identity/logout"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer tok-[12]")));
    }

    @BeforeEach
    void reset() {
        io.endpointbridge.sources.SepmSimulation.newSession(sepm, bridge);
    }

    /** Computer n in the 14.2 shape (every key twice, camelCase and lower case) when even, 14.3 RU6 when odd. */
    static ObjectNode computer(int n) {
        ObjectNode c = Golden.JSON.createObjectNode();
        c.put("uniqueId", String.format("%032X", 0xC0FFEE000L + n));
        c.put("computerName", "WS-" + n);
        c.put("domainOrWorkgroup", "corp.example.com");
        c.put("hardwareKey", String.format("%032x", n));
        c.put("operatingSystem", "Windows 10 Enterprise Edition");
        c.putArray("ipAddresses").add("10.1." + (n / 250) + "." + (n % 250)).add("2001:db8::" + Integer.toHexString(n));
        c.putArray("macAddresses").add(mac(n)).add(mac(n));
        c.put("lastUpdateTime", 1_764_900_000_000L + n);
        c.put("agentVersion", n % 2 == 0 ? "14.2.5587.2100" : "14.3.3384.1000");
        c.putObject("group").put("id", "G1").put("name", "My Company\\Workstations").putObject("domain")
                .put("id", "D1").put("name", "Default");
        if (n % 2 == 0) {
            for (String key : List.of("computerName", "hardwareKey", "operatingSystem", "lastUpdateTime", "agentVersion")) {
                c.set(key.toLowerCase(java.util.Locale.ROOT), c.get(key));
            }
        } else {
            c.put("quarantineStatus", 0).put("quarantineCode", 0).put("tdadOnOff", 1).put("wssStatus", 2).put("pskVersion", 1);
        }
        return c;
    }

    static String mac(int n) {
        return String.format("00-50-56-%02X-%02X-%02X", (n >> 16) & 0xFF, (n >> 8) & 0xFF, n & 0xFF);
    }

    static String page(int pageIndex, int from, int to, int total, boolean last) {
        ObjectNode page = Golden.JSON.createObjectNode();
        ArrayNode content = page.putArray("content");
        IntStream.range(from, to).forEach(n -> content.add(computer(n)));
        page.put("firstPage", pageIndex == 1).put("lastPage", last).put("number", pageIndex - 1)
                .put("numberOfElements", to - from).put("size", 500).put("totalElements", total)
                .put("totalPages", (total + 499) / 500);
        return page.toString();
    }

    static void stubPage(int pageIndex, String body) {
        sepm.stubFor(get(urlPathEqualTo(COMPUTERS)).atPriority(5).withQueryParam("pageIndex", equalTo(String.valueOf(pageIndex)))
                .withQueryParam("pageSize", equalTo("500")).withQueryParam("sort", equalTo("COMPUTER_ID"))
                .willReturn(okJson(body)));
    }

    static Run pull() {
        return bridge.pull("sepm-computers");
    }

    static List<ConsumerRecord<String, String>> assetsOf(Run run, int expected) {
        return bridge.assetsOf(run, expected);
    }

    @Test
    void fullPullOf2500ComputersOverRepeatingPagesThrough429And503AndAnExpiredToken() throws Exception {
        // a fleet that changes mid-pull: page 3 starts with the last 20 rows of page 2, so a sixth page holds the rest
        stubPage(1, page(1, 0, 500, 2500, false));
        stubPage(2, page(2, 500, 1000, 2500, false));
        stubPage(3, page(3, 980, 1480, 2500, false));
        stubPage(4, page(4, 1480, 1980, 2500, false));
        stubPage(5, page(5, 1980, 2480, 2500, false));
        stubPage(6, page(6, 2480, 2500, 2500, true));
        // the first token expires after page 2: SEPM answers 401 to it from page 3 on
        sepm.stubFor(get(urlPathEqualTo(COMPUTERS)).atPriority(3).withHeader("Authorization", equalTo("Bearer tok-1"))
                .withQueryParam("pageIndex", com.github.tomakehurst.wiremock.client.WireMock.matching("[3-9]"))
                .willReturn(aResponse().withStatus(401).withBody("{\"errorCode\":\"401\",\"errorMessage\":\"token expired\"}")));
        sepm.stubFor(get(urlPathEqualTo(COMPUTERS)).atPriority(1).withQueryParam("pageIndex", equalTo("2"))
                .inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("served"));
        sepm.stubFor(get(urlPathEqualTo(COMPUTERS)).atPriority(1).withQueryParam("pageIndex", equalTo("4"))
                .inScenario("down").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("served"));

        Run run = pull();

        JsonNode record = run.toJson();
        assertEquals(Run.State.PROCESSED, run.state(), record.toString());
        assertEquals(2520, record.get("received").asInt(), record.toString());
        assertEquals(20, record.get("repeated").asInt(), "the rows page 3 repeated are counted: " + record);
        assertEquals(2500, record.get("published").asInt());
        assertTrue(record.get("complete").asBoolean(), record.toString());
        List<ConsumerRecord<String, String>> assets = assetsOf(run, 2500);
        assertEquals(2500, assets.size());
        assertEquals(2500, assets.stream().map(ConsumerRecord::key).distinct().count(), "one record per computer");
        assertTrue(assets.stream().allMatch(r -> r.key().startsWith("SEPM:")));
        JsonNode even = find(assets, 0);
        JsonNode odd = find(assets, 1);
        assertEquals("WS-0", even.get("hostName").asText());
        assertEquals("WS-0", even.get("extra").get("computername").asText(), "the 14.2 lower-case twin is kept");
        assertEquals(0, odd.get("quarantineStatus").asInt(), "the 14.3 field is mapped");
        assertEquals(2, odd.get("extra").get("wssStatus").asInt(), "an unknown 14.3 field is kept");
        assertEquals(List.of("00:50:56:00:00:01"), Golden.JSON.convertValue(odd.get("identifiers").get("macAddresses"), List.class));
        assertEquals("ws-1.corp.example.com", odd.get("identifiers").get("fqdn").asText());
        assertEquals("SEPM", even.get("source").asText());

        // the password went as typed, in JSON, and the session was renewed once after the 401
        sepm.verify(2, postRequestedFor(urlPathEqualTo(AUTHENTICATE)));
        sepm.verify(postRequestedFor(urlPathEqualTo(AUTHENTICATE)).withRequestBody(equalToJson(
                Golden.JSON.createObjectNode().put("username", USERNAME).put("password", PASSWORD).put("domain", "").toString())));
        sepm.verify(getRequestedFor(urlPathEqualTo(COMPUTERS)).withQueryParam("pageIndex", equalTo("3"))
                .withHeader("Authorization", equalTo("Bearer tok-2")));
        // page 2 twice (429), page 3 twice (401), page 4 twice (503), the others once
        sepm.verify(9, getRequestedFor(urlPathEqualTo(COMPUTERS)));
    }

    static JsonNode find(List<ConsumerRecord<String, String>> assets, int n) throws Exception {
        String key = "SEPM:" + String.format("%032X", 0xC0FFEE000L + n);
        for (ConsumerRecord<String, String> r : assets) {
            if (r.key().equals(key)) {
                return Golden.JSON.readTree(r.value());
            }
        }
        throw new AssertionError("no record " + key);
    }

    @Test
    void aTruncatedPageFailsTheRunAndDeletesNothing() throws Exception {
        stubPage(1, page(1, 0, 500, 1000, false));
        stubPage(2, page(2, 500, 1000, 1000, true).substring(0, 4000));
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state());
        assertTrue(run.toJson().get("reason").asText().startsWith("page is not valid JSON"), run.toJson().toString());
        assertEquals(500, assetsOf(run, 500).size(), "the page before was published");
    }

    @Test
    void aPageThatEndsShortOfTheAnnouncedTotalFailsTheRun() {
        stubPage(1, page(1, 0, 500, 1200, false));
        stubPage(2, page(2, 500, 700, 1200, true));
        Run run = pull();
        assertEquals(Run.State.FAILED, run.state());
        assertTrue(run.toJson().get("reason").asText().contains("announced 1200 assets but paging ended after 700"),
                run.toJson().toString());
    }

    @Test
    void theConnectionTestPassesOverTheTrustedSelfSignedCertificateAndExplainsA403() throws Exception {
        stubPage(1, page(1, 0, 1, 1, true));
        sepm.stubFor(get(urlPathEqualTo(COMPUTERS)).atPriority(5).withQueryParam("pageSize", equalTo("1"))
                .willReturn(okJson(page(1, 0, 1, 1, true))));
        ConnectionTests tests = bridge.context().getRegistry().lookupByNameAndType("connectionTests", ConnectionTests.class);
        JsonNode passed = Golden.JSON.readTree(tests.run("sepm"));
        assertTrue(passed.get("passed").asBoolean(), passed.toPrettyString());
        assertTrue(passed.get("checks").get(1).get("detail").asText().contains("CN=sepm-test"), passed.toPrettyString());
        // the test logs its own session out
        sepm.verify(postRequestedFor(urlPathEqualTo("/sepm/api/v1/identity/logout")));

        sepm.stubFor(get(urlPathEqualTo(COMPUTERS)).atPriority(1).willReturn(aResponse().withStatus(403)));
        // the answer is cached per source for connection-test.cache-seconds: ask by the other name after the cache
        JsonNode refused = Golden.JSON.readTree(new ConnectionTests(java.util.Map.of("sepm",
                () -> new SepmComputersSource().connectionTest(new io.endpointbridge.core.Settings(
                        bridge.context().getPropertiesComponent()), new io.endpointbridge.polling.ApiCalls(bridge.context()))),
                0, java.time.Clock.systemUTC()).run("sepm"));
        JsonNode authorization = refused.get("checks").get(3);
        assertEquals("FAIL", authorization.get("outcome").asText(), refused.toPrettyString());
        assertTrue(authorization.get("detail").asText().contains("system administrator"), refused.toPrettyString());
        assertTrue(!refused.toString().contains(PASSWORD), "no secret in the answer");
    }
}
