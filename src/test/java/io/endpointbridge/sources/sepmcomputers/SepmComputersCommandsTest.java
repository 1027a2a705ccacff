package io.endpointbridge.sources.sepmcomputers;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.Golden;
import io.endpointbridge.TestCertificates;
import io.endpointbridge.TestPorts;
import io.endpointbridge.cli.MapCommandTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's commands for SEPM, each in its own JVM with the environment an operator sets (SEPM_BASE_URL,
 * SEPM_USERNAME, SEPM_PASSWORD, SEPM_TLS_CERT, SEPM_LOGIN_ENCODING), against the HTTPS simulator.
 */
class SepmComputersCommandsTest {

    static final String PASSWORD = "p&ss+w\"rd%41";
    static final TestCertificates CERTIFICATE = io.endpointbridge.sources.SepmSimulation.CERTIFICATE;

    @RegisterExtension
    static WireMockExtension sepm = io.endpointbridge.sources.SepmSimulation.https();

    @BeforeEach
    void simulator() {
        sepm.stubFor(post(SepmComputersPullTest.AUTHENTICATE).willReturn(okJson("{\"token\":\"tok-9\",\"tokenExpiration\":43200}")));
        sepm.stubFor(post("/sepm/api/v1/identity/logout").willReturn(okJson("{}")));
        sepm.stubFor(get(urlPathEqualTo(SepmComputersPullTest.COMPUTERS)).withQueryParam("pageSize", equalTo("1"))
                .willReturn(okJson(SepmComputersPullTest.page(1, 0, 1, 3, false))));
        sepm.stubFor(get(urlPathEqualTo(SepmComputersPullTest.COMPUTERS)).withQueryParam("pageSize", equalTo("500"))
                .willReturn(okJson(SepmComputersPullTest.page(1, 0, 3, 3, true))));
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SEPM_BASE_URL", "https://localhost:" + sepm.getHttpsPort());
        env.put("SEPM_USERNAME", "svc-bridge");
        env.put("SEPM_PASSWORD", PASSWORD);
        env.put("SEPM_TLS_CERT", CERTIFICATE.pem().toString());
        return env;
    }

    @Test
    void checkConnectionPassesWithThePemTrustedAndSendsTheUrlEncodedPasswordWhenAsked() throws Exception {
        Map<String, String> env = env();
        env.put("SEPM_LOGIN_ENCODING", "url");
        MapCommandTest.Result result = MapCommandTest.run("", env, "check-connection", "sepm");
        assertEquals(0, result.exit(), result.stdout() + result.stderr());
        assertEquals(5, result.stdout().lines().filter(l -> l.startsWith("PASS")).count(), result.stdout());
        sepm.verify(postRequestedFor(urlPathEqualTo(SepmComputersPullTest.AUTHENTICATE)).withRequestBody(equalToJson(
                "{\"username\":\"svc-bridge\",\"password\":\"p%26ss%2Bw%22rd%2541\",\"domain\":\"\"}")));
        assertFalse((result.stdout() + result.stderr()).contains(PASSWORD), "the password is never printed");
    }

    @Test
    void checkConnectionWithoutTheCertificateNamesTheSelfSignedOneAndHowToTrustIt() throws Exception {
        Map<String, String> env = env();
        env.remove("SEPM_TLS_CERT");
        MapCommandTest.Result result = MapCommandTest.run("", env, "check-connection", "sepm");
        assertEquals(1, result.exit(), result.stdout() + result.stderr());
        String tls = result.stdout().lines().filter(l -> l.contains("TLS handshake")).findFirst().orElseThrow();
        assertTrue(tls.startsWith("FAIL") && tls.contains("self-signed certificate (CN=sepm-test)")
                && tls.contains("sepm.tls-certificate"), result.stdout());
    }

    @Test
    void mapPreviewsTheFixturePageAndSyncPublishesAPull() throws Exception {
        MapCommandTest.Result map = MapCommandTest.run("", Map.of(), "map", "sepm-computers",
                "src/test/resources/golden/sepm-computers/fixture-rapid7-14.2.json");
        assertEquals(0, map.exit(), map.stderr());
        JsonNode record = Golden.JSON.readTree(map.stdout().lines().findFirst().orElseThrow());
        assertEquals("MSEDGEWIN10", record.get("hostName").asText());

        Map<String, String> env = env();
        env.put("KAFKA_EMBEDDED_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_CONTROLLER_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_DATA_DIR", Files.createTempDirectory("sync").toString());
        MapCommandTest.Result sync = MapCommandTest.run("", env, "sync", "sepm-computers");
        assertEquals(0, sync.exit(), sync.stderr());
        JsonNode run = Golden.JSON.readTree(sync.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        assertEquals("Processed", run.get("state").asText());
        assertEquals(3, run.get("published").asInt());
        assertFalse((sync.stdout() + sync.stderr()).contains(PASSWORD), "the password is never logged");
    }
}
