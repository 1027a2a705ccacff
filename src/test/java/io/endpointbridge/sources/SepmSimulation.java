package io.endpointbridge.sources;

import java.util.Properties;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.TestCertificates;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** What the SEPM tests share: SEPM's self-signed certificate, a simulator speaking HTTPS only, the bridge's SEPM settings. */
public final class SepmSimulation {

    public static final TestCertificates CERTIFICATE = certificate();

    private SepmSimulation() {
    }

    private static TestCertificates certificate() {
        try {
            return TestCertificates.selfSigned("dns:localhost,ip:127.0.0.1", null, 30);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A WireMock SEPM on a free HTTPS port with the certificate, plain HTTP off. */
    public static WireMockExtension https() {
        return WireMockExtension.newInstance().options(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(CERTIFICATE.keyStore().toString()).keystoreType("PKCS12")
                .keystorePassword(TestCertificates.PASSWORD).keyManagerPassword(TestCertificates.PASSWORD)).build();
    }

    /**
     * A fresh session for the next test: the simulator's stubs cleared, the bridge's cached token dropped, and a
     * session that answers tok-1 first and tok-2 once renewed (after a 401).
     */
    public static void newSession(WireMockExtension sepm, io.endpointbridge.RunningBridge bridge) {
        sepm.resetAll();
        bridge.context().getRegistry().lookupByNameAndType("sepm-tokens", io.endpointbridge.polling.TokenProvider.class)
                .invalidate();
        String authenticate = "/sepm/api/v1/identity/authenticate";
        sepm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(authenticate).inScenario("session")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"token\":\"tok-1\",\"tokenExpiration\":43200,\"adminId\":\"A1\"}")).willSetStateTo("renewed"));
        sepm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(authenticate).inScenario("session")
                .whenScenarioStateIs("renewed").willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"token\":\"tok-2\",\"tokenExpiration\":43200,\"adminId\":\"A1\"}")));
    }

    /** Stops the bridge (if it started); the session it opened is logged out. */
    public static void stop(WireMockExtension sepm, io.endpointbridge.RunningBridge bridge) {
        sepm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/sepm/api/v1/identity/logout")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));
        if (bridge != null) {
            bridge.close();
        }
    }

    /** The bridge against that SEPM: no syslog, its certificate trusted, test credentials, quick retries. */
    public static Properties bridgeProperties(WireMockExtension sepm) {
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        p.put("sepm.base-url", "https://localhost:" + sepm.getHttpsPort());
        p.put("sepm.tls-certificate", CERTIFICATE.pem().toString());
        p.put("sepm.username", "svc-bridge");
        p.put("sepm.password", "secret");
        p.put("sepm.max-retries", "3");
        p.put("sepm.backoff-initial-ms", "20");
        p.put("sepm.backoff-max-ms", "100");
        return p;
    }
}
