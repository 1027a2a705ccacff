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
