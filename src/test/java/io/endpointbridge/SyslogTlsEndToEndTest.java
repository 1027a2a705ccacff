package io.endpointbridge;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The optional RFC 5425 listener: octet-counted syslog over a real TLS connection to Kafka. */
class SyslogTlsEndToEndTest {

    @Test
    void octetCountedSyslogOverTlsIsPublished() throws Exception {
        Path dir = Files.createTempDirectory("tls");
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "syslog", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "test-secret", "-keypass", "test-secret").inheritIO().start();
        assertEquals(0, keytool.waitFor());
        int tlsPort = TestPorts.free();
        Properties p = new Properties();
        p.put("syslog.tls.enabled", "true");
        p.put("syslog.tls.port", String.valueOf(tlsPort));
        p.put("syslog.tls.keystore", keystore.toString());
        p.put("syslog.tls.keystore-password", "test-secret");
        try (RunningBridge bridge = new RunningBridge(p)) {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustTheTestCertificate()}, null);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
                OutputStream out = socket.getOutputStream();
                for (String host : List.of("TLS-1", "TLS-2")) {
                    byte[] msg = ("<54>1 2024-09-13T08:34:00Z sepm01 SymantecServer - - - " + host
                            + ",Category: 2,LiveUpdate Manager,Event Description: over tls,Event time: 2024-09-11 02:40:35")
                            .getBytes(StandardCharsets.UTF_8);
                    out.write((msg.length + " ").getBytes(StandardCharsets.US_ASCII));
                    out.write(msg);
                }
                out.flush();
                List<ConsumerRecord<String, String>> records = bridge.consume("security.events.sep.v1", 2, Duration.ofSeconds(30));
                assertEquals(List.of("TLS-1", "TLS-2"), records.stream().map(ConsumerRecord::key).sorted().toList());
                JsonNode event = Golden.JSON.readTree(records.get(0).value());
                assertEquals("tls", event.get("syslog").get("transport").asText());
            }
        }
    }

    /** The test's self-signed server certificate; never used outside this test. */
    static final class TrustTheTestCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            assertEquals("CN=localhost", chain[0].getSubjectX500Principal().getName());
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
