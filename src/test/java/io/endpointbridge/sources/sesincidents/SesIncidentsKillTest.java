package io.endpointbridge.sources.sesincidents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.BridgeProcess;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.TestPorts;
import io.endpointbridge.sources.SesSimulation;
import io.endpointbridge.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application killed (SIGKILL) in the middle of an incident window, after some of its pages were published and
 * before the window's checkpoint: the checkpoint has not moved, so the restarted application reads the window again
 * and every incident arrives.
 */
class SesIncidentsKillTest {

    static final SesIncidentsSimulator SES = new SesIncidentsSimulator();

    @RegisterExtension
    static WireMockExtension ses = SesSimulation.http(SES);

    @Test
    void aKillInsideAWindowLosesNothingOnRestart() throws Exception {
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"tok\",\"expires_in\":3600}")));
        ses.stubFor(post("/v1/incidents").willReturn(aResponse().withTransformers(SesIncidentsSimulator.NAME)));
        Instant now = Instant.now();
        for (int i = 0; i < 60; i++) {
            SES.change(SesIncidentsPullTest.uid(i), 8075 + i % 3, now.minus(Duration.ofMinutes(60 - i)), true);
        }
        SES.pageDelayMs = 2000;
        Path data = Files.createTempDirectory("incidents-kill");
        int kafkaPort = TestPorts.free();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker("127.0.0.1", kafkaPort, TestPorts.free(),
                data.resolve("broker").toFile(), 3);
        broker.start();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SES_BASE_URL", ses.baseUrl());
        env.put("SES_CLIENT_ID", "id");
        env.put("SES_CLIENT_SECRET", "secret");
        env.put("SES_INCIDENTS_ENABLED", "true");
        env.put("SES_INCIDENTS_PAGE_SIZE", "5");
        env.put("SES_INCIDENTS_SCHEDULE_CRON", "0/2 * * * * ?");
        try {
            try (BridgeProcess app = BridgeProcess.start("incidents-kill-1", data, env)) {
                assertTrue(BridgeProcess.await(() -> incidents(bootstrap, 5).size() >= 5, 90_000),
                        "the first pages were published: " + app.output());
                app.kill();
            }
            int beforeRestart = incidents(bootstrap, 10).size();
            assertTrue(checkpoints(bootstrap).isEmpty(), "killed inside its window, the run wrote no checkpoint");
            assertTrue(beforeRestart < 60, "the kill came before the window was read: " + beforeRestart);

            SES.pageDelayMs = 0;
            try (BridgeProcess app = BridgeProcess.start("incidents-kill-2", data, env)) {
                assertTrue(BridgeProcess.await(() -> !checkpoints(bootstrap).isEmpty(), 90_000),
                        "the restarted application finished the window: " + app.output());
                List<ConsumerRecord<String, String>> all = incidents(bootstrap, 60);
                Set<String> keys = new HashSet<>();
                all.forEach(r -> keys.add(r.key()));
                assertEquals(60, keys.size(), "every incident arrived");
                System.out.printf("incidents kill test: %d records published before SIGKILL, %d in all after the restart "
                        + "(%d published twice: the window read again from the unmoved checkpoint)%n", beforeRestart,
                        all.size(), all.size() - 60);
            }
        } finally {
            broker.stop();
        }
    }

    static List<ConsumerRecord<String, String>> incidents(String bootstrap, int atLeast) {
        return RunningBridge.drain(bootstrap, List.of("security.incidents.ses.v1"), atLeast);
    }

    static List<ConsumerRecord<String, String>> checkpoints(String bootstrap) {
        return RunningBridge.drain(bootstrap, List.of("security.connector.checkpoints.v1"), 0).stream()
                .filter(r -> "ses-incidents".equals(r.key()) && r.value() != null).toList();
    }
}
