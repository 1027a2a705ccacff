package io.endpointbridge.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.BridgeProcess;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.TestPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Distinctive secret values for every credential setting, APIs that fail authentication and even echo the submitted
 * credentials back in their error bodies: the secrets reach the APIs (checked) but never the logs, the status and
 * connection-test output, the run records or the dead-letter records.
 */
class SecretsNeverLeakTest {

    static final String SES_SECRET = "ses-S3CRET-9d2e";
    static final String CSAM_PASSWORD = "csam-S3CRET-4b1c";
    static final String TRUSTSTORE_PASSWORD = "kafka-S3CRET-77aa";
    static final String KEYSTORE_PASSWORD = "tls-S3CRET-1234";
    static final String HTTP_TOKEN = "http-S3CRET-6f0a";
    static final List<String> SECRETS = List.of(SES_SECRET, CSAM_PASSWORD, TRUSTSTORE_PASSWORD, KEYSTORE_PASSWORD, HTTP_TOKEN,
            Base64.getEncoder().encodeToString(("ses-client:" + SES_SECRET).getBytes()));

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void secretsNeverAppearInLogsStatusRunRecordsOrDeadLetters() throws Exception {
        // SES: a token, then devices answer 401 echoing the credentials; CSAM: /auth refuses, echoing the password
        api.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"tok\",\"expires_in\":3600}")));
        api.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"bad client ses-client:" + SES_SECRET + "\"}")));
        api.stubFor(post("/auth").willReturn(aResponse().withStatus(401)
                .withBody("Invalid credentials: username=csam-user password=" + CSAM_PASSWORD)));
        api.stubFor(post(urlPathEqualTo("/rest/2.0/search/am/asset")).willReturn(aResponse().withStatus(500)
                .withBody("{\"broken\": \"" + CSAM_PASSWORD)));

        Path data = Files.createTempDirectory("secrets");
        int kafkaPort = TestPorts.free();
        Map<String, String> env = new HashMap<>(Map.of(
                "SES_ENABLED", "true", "SES_BASE_URL", api.baseUrl(), "SES_CLIENT_ID", "ses-client",
                "SES_CLIENT_SECRET", SES_SECRET, "SES_SCHEDULE_CRON", "0/2 * * * * ?",
                "CSAM_ENABLED", "true", "CSAM_BASE_URL", api.baseUrl(), "CSAM_USERNAME", "csam-user",
                "CSAM_PASSWORD", CSAM_PASSWORD));
        env.put("CSAM_SCHEDULE_CRON", "1/2 * * * * ?");
        env.put("CAMEL_COMPONENT_KAFKA_SSL_TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD);
        env.put("SYSLOG_TLS_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
        env.put("HTTP_AUTH_TOKEN", HTTP_TOKEN);
        env.put("KAFKA_EMBEDDED_PORT", String.valueOf(kafkaPort));
        env.put("SES_MAX_RETRIES", "1");
        env.put("CSAM_MAX_RETRIES", "1");
        env.put("SES_BACKOFF_INITIAL_MS", "10");
        env.put("CSAM_BACKOFF_INITIAL_MS", "10");
        List<String> outputs = new ArrayList<>();
        try (BridgeProcess app = BridgeProcess.start("secrets", data, env)) {
            assertTrue(app.awaitUp(60_000), "the app started");
            assertTrue(BridgeProcess.await(() -> {
                String status = app.get("/status");
                return status != null && status.contains("\"Failed\"") && status.indexOf("\"Failed\"") != status.lastIndexOf("\"Failed\"");
            }, 60_000), "both sources ran and failed: " + app.get("/status"));
            outputs.add(app.get("/status"));
            outputs.add(app.get("/connection-test/ses"));
            outputs.add(app.get("/connection-test/csam"));
            for (String[] command : new String[][] {{"check-connection", "ses"}, {"check-connection", "csam"}, {"status"}}) {
                Map<String, String> cliEnv = new HashMap<>(env);
                cliEnv.put("HTTP_PORT", String.valueOf(app.httpPort));
                BridgeProcess cli = BridgeProcess.start("secrets-cli", data, cliEnv, command);
                assertTrue(cli.process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " ended");
                outputs.add(cli.output());
            }
            outputs.addAll(records(kafkaPort, "security.connector.runs.v1", "security.assets.host.v1.dlq",
                    "security.connector.runs.v1.dlq", "security.events.sep.v1.dlq"));
            assertTrue(app.stop(), "stopped on SIGTERM");
            outputs.add(app.output());
        }
        String all = String.join("\n", outputs);
        assertTrue(all.contains("Failed") && all.contains("authentication"), "the failures were reported: " + all.length());
        api.verify(postRequestedFor(urlPathEqualTo("/auth")).withRequestBody(containing(CSAM_PASSWORD)));
        api.verify(postRequestedFor(urlPathEqualTo("/v1/oauth2/tokens")).withHeader("Authorization", containing(SECRETS.get(5))));
        for (String secret : SECRETS) {
            int at = all.indexOf(secret);
            assertEquals(-1, at, "secret leaked: ..." + (at < 0 ? "" : all.substring(Math.max(0, at - 200), Math.min(all.length(), at + 50))));
        }
        assertFalse(all.isBlank());
    }

    static List<String> records(int kafkaPort, String... topics) {
        return RunningBridge.drain("127.0.0.1:" + kafkaPort, List.of(topics), 0).stream()
                .map(r -> r.key() + " " + r.value() + " " + r.headers()).toList();
    }
}
