package io.endpointbridge.polling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.Golden;
import io.endpointbridge.TestPorts;
import io.endpointbridge.cli.EndpointBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two `run` processes on this machine sharing a lock directory: only the leader polls; when it is stopped, the
 * other takes over. (Separate processes: file locks are per process.)
 */
class LeaderElectionTest {

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    record Instance(Process process, int httpPort) {
        int runs() {
            try {
                HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/status")).build(), HttpResponse.BodyHandlers.ofString());
                return Golden.JSON.readTree(status.body()).at("/sources/ses-devices/lastRuns").size();
            } catch (Exception notUpYet) {
                return -1;
            }
        }
    }

    static Instance start(Path lockDir, String id) throws Exception {
        int httpPort = TestPorts.free();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dendpoint-bridge.home=" + Path.of(".").toAbsolutePath().normalize(), EndpointBridge.class.getName(), "run"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("SYSLOG_ENABLED", "false");
        env.put("SES_ENABLED", "true");
        env.put("SES_BASE_URL", ses.baseUrl());
        env.put("SES_CLIENT_ID", "id");
        env.put("SES_CLIENT_SECRET", "secret");
        env.put("SES_SCHEDULE_CRON", "0/1 * * * * ?");
        env.put("CLUSTER_ID", id);
        env.put("CLUSTER_FILE_ROOT", lockDir.toString());
        env.put("CLUSTER_FILE_ACQUIRE_LOCK_INTERVAL_MS", "500");
        env.put("KAFKA_EMBEDDED_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_CONTROLLER_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_DATA_DIR", Files.createTempDirectory("leader-" + id).toString());
        env.put("CAMEL_SERVER_HOST", "127.0.0.1");
        env.put("HTTP_PORT", String.valueOf(httpPort));
        env.put("CAMEL_MANAGEMENT_ENABLED", "false");
        builder.redirectErrorStream(true).redirectOutput(Files.createTempFile("leader-" + id, ".log").toFile());
        return new Instance(builder.start(), httpPort);
    }

    static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    @Test
    void onlyTheLeaderPollsAndTheOtherTakesOver() throws Exception {
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(okJson("{\"total\":1,\"devices\":[{\"id\":\"d1\"}]}")));
        Path lockDir = Files.createTempDirectory("cluster");
        Instance first = start(lockDir, "first");
        Instance second = start(lockDir, "second");
        try {
            waitFor(() -> first.runs() >= 0 && second.runs() >= 0 && first.runs() + second.runs() >= 3, 60_000);
            Instance leader = first.runs() > 0 ? first : second;
            Instance standby = leader == first ? second : first;
            assertTrue(leader.runs() >= 3, "the leader polls: " + leader.runs());
            assertEquals(0, standby.runs(), "the standby does not");
            leader.process().destroy();
            assertTrue(leader.process().waitFor(30, TimeUnit.SECONDS));
            waitFor(() -> standby.runs() >= 2, 30_000);
            assertTrue(standby.runs() >= 2, "the standby took over: " + standby.runs());
        } finally {
            first.process().destroyForcibly();
            second.process().destroyForcibly();
        }
    }
}
