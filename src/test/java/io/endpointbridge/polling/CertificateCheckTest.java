package io.endpointbridge.polling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import javax.net.ssl.SSLException;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.endpointbridge.TestCertificates;
import io.endpointbridge.core.Settings;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection test's TLS step against real HTTPS servers with made-up certificates: it passes with the server's
 * certificate trusted as PEM, and otherwise names the problem (self-signed and not trusted, expired, another host's)
 * and the setting that fixes it; {@code tls-insecure} passes but says nothing was verified.
 */
class CertificateCheckTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    static WireMockServer https(TestCertificates certificate) {
        WireMockServer server = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(certificate.keyStore().toString()).keystoreType("PKCS12")
                .keystorePassword(TestCertificates.PASSWORD).keyManagerPassword(TestCertificates.PASSWORD));
        server.start();
        return server;
    }

    static ApiTrust trust(String... settings) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:" + Path.of("application.properties").toAbsolutePath());
        Properties p = new Properties();
        for (int i = 0; i < settings.length; i += 2) {
            p.put(settings[i], settings[i + 1]);
        }
        context.getPropertiesComponent().setOverrideProperties(p);
        return ApiTrust.from(new Settings(context.getPropertiesComponent()), "sepm");
    }

    @Test
    void aSelfSignedCertificateIsTrustedThroughItsPemAndOtherwiseExplained() throws Exception {
        TestCertificates certificate = TestCertificates.selfSigned("dns:localhost,ip:127.0.0.1", null, 30);
        WireMockServer server = https(certificate);
        try {
            String line = CertificateCheck.handshake("localhost", server.httpsPort(), TIMEOUT,
                    trust("sepm.tls-certificate", certificate.pem().toString()));
            assertTrue(line.contains("CN=sepm-test"), line);

            SSLException untrusted = assertThrows(SSLException.class, () ->
                    CertificateCheck.handshake("localhost", server.httpsPort(), TIMEOUT, trust()));
            assertTrue(untrusted.getMessage().contains("self-signed certificate (CN=sepm-test)"), untrusted.getMessage());
            assertTrue(untrusted.getMessage().contains("the JVM's trusted CAs does not trust"), untrusted.getMessage());
            assertTrue(untrusted.getMessage().contains("set sepm.tls-certificate (SEPM_TLS_CERTIFICATE)"), untrusted.getMessage());

            String insecure = CertificateCheck.handshake("localhost", server.httpsPort(), TIMEOUT,
                    trust("sepm.tls-insecure", "true"));
            assertTrue(insecure.contains("certificate NOT verified"), insecure);
        } finally {
            server.stop();
        }
    }

    @Test
    void anExpiredCertificateIsNamedEvenWhenItIsTheTrustedOne() throws Exception {
        TestCertificates expired = TestCertificates.selfSigned("dns:localhost,ip:127.0.0.1", "-60d", 30);
        WireMockServer server = https(expired);
        try {
            SSLException e = assertThrows(SSLException.class, () -> CertificateCheck.handshake("localhost",
                    server.httpsPort(), TIMEOUT, trust("sepm.tls-certificate", expired.pem().toString())));
            assertTrue(e.getMessage().contains("expired on"), e.getMessage());
        } finally {
            server.stop();
        }
    }

    @Test
    void aCertificateForAnotherHostIsNamedWithTheNamesItHas() throws Exception {
        TestCertificates other = TestCertificates.selfSigned("dns:sepm.other.example", null, 30);
        WireMockServer server = https(other);
        try {
            SSLException e = assertThrows(SSLException.class, () -> CertificateCheck.handshake("localhost",
                    server.httpsPort(), TIMEOUT, trust("sepm.tls-certificate", other.pem().toString())));
            assertTrue(e.getMessage().contains("is not for localhost"), e.getMessage());
            assertTrue(e.getMessage().contains("sepm.other.example"), e.getMessage());
            assertTrue(e.getMessage().contains("sepm.base-url"), e.getMessage());
        } finally {
            server.stop();
        }
    }

    @Test
    void aMissingPemFileOrTwoTrustSettingsAreRefusedByName() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> trust("sepm.tls-certificate", "/nonexistent/sepm.pem"));
        assertTrue(missing.getMessage().startsWith("sepm.tls-certificate: cannot read"), missing.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> trust("sepm.tls-certificate", "a.pem", "sepm.truststore", "b.p12"));
        assertTrue(both.getMessage().contains("both set"), both.getMessage());
    }
}
