package io.endpointbridge.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.BridgeProcess;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.TestPorts;
import io.endpointbridge.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app killed with SIGKILL under syslog load and in the middle of an SES full pull, then restarted on the same
 * data: what is lost is at most the in-flight window (pipeline.max-in-flight messages read but not yet acknowledged,
 * plus what sat unread in the kernel's socket buffers), nothing sent after the restart is lost, and the interrupted
 * run never shows Processed.
 */
class KillAndRestartTest {

    static final int PER_SECOND = 5000;
    static final int MAX_IN_FLIGHT = 5000;

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void aKilledAppLosesAtMostTheInFlightWindowAndItsRunNeverShowsProcessed() throws Exception {
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(aResponse().withFixedDelay(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"total\":100000,\"devices\":[{\"id\":\"d1\",\"name\":\"PC-1\"}]}")));
        Path data = Files.createTempDirectory("kill");
        int kafkaPort = TestPorts.free();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker("127.0.0.1", kafkaPort, TestPorts.free(),
                data.resolve("broker").toFile(), 3);
        broker.start();
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        env.put("SYSLOG_ENABLED", "true");
        env.put("SYSLOG_TCP_PORT", String.valueOf(TestPorts.free()));
        env.put("HTTP_PORT", String.valueOf(TestPorts.free()));
        env.put("PIPELINE_MAX_IN_FLIGHT", String.valueOf(MAX_IN_FLIGHT));
        env.put("SES_ENABLED", "true");
        env.put("SES_BASE_URL", ses.baseUrl());
        env.put("SES_CLIENT_ID", "id");
        env.put("SES_CLIENT_SECRET", "secret");
        env.put("SES_PAGE_SIZE", "1");
        env.put("SES_SCHEDULE_CRON", "0/2 * * * * ?");
        try {
            long firstSent;
            long queuedLines;
            try (BridgeProcess app = BridgeProcess.start("kill-1", data, env)) {
                assertTrue(app.awaitUp(60_000) && app.awaitSyslog(30_000), "the app started");
                SequencedSender sender = new SequencedSender("tcp", app.syslogPort, PER_SECOND).start();
                assertTrue(BridgeProcess.await(() -> String.valueOf(app.get("/status")).contains("\"Processing\""), 30_000),
                        "an SES run is in progress");
                Thread.sleep(3_000);
                long queuedBytes = KernelSocketQueues.bytes(app.syslogPort);
                app.kill();
                sender.stop();
                firstSent = sender.sent();
                queuedLines = queuedBytes / SequencedSender.line("tcp", 0).length + 1;
                assertTrue(sender.failure() != null || firstSent > 0, "the sender was cut off by the kill");
            }
            long secondSent;
            try (BridgeProcess app = BridgeProcess.start("kill-2", data, env)) {
                assertTrue(app.awaitUp(60_000) && app.awaitSyslog(30_000), "the app restarted on the same data");
                SequencedSender sender = new SequencedSender("tcp", app.syslogPort, PER_SECOND, firstSent).start();
                Thread.sleep(5_000);
                sender.close();
                secondSent = sender.sent();
                List<ConsumerRecord<String, String>> events = consume(kafkaPort, "security.events.sep.v1",
                        firstSent + secondSent - MAX_IN_FLIGHT - queuedLines);
                BitSet seen = new BitSet();
                events.forEach(r -> {
                    long n = SequencedSender.sequence("tcp", r.value());
                    if (n >= 0) {
                        seen.set((int) n);
                    }
                });
                long lostBeforeKill = firstSent - seen.get(0, (int) firstSent).cardinality();
                long lostAfterRestart = secondSent - seen.get((int) firstSent, (int) (firstSent + secondSent)).cardinality();
                long bound = MAX_IN_FLIGHT + queuedLines + PER_SECOND / 5;
                System.out.printf("kill: %d lines sent before SIGKILL, %d lost (bound %d: in-flight %d + %d queued in "
                                + "kernel socket buffers + 0.2 s of sending); %d sent after the restart, %d lost%n",
                        firstSent, lostBeforeKill, bound, MAX_IN_FLIGHT, queuedLines, secondSent, lostAfterRestart);
                assertTrue(lostBeforeKill <= bound, "lost at most the in-flight window: " + lostBeforeKill);
                assertEquals(0, lostAfterRestart, "nothing sent after the restart is lost");

                List<JsonNode> runs = new ArrayList<>();
                for (ConsumerRecord<String, String> r : consume(kafkaPort, "security.connector.runs.v1", 1)) {
                    runs.add(Golden.JSON.readTree(r.value()));
                }
                Set<String> interrupted = runs.stream().filter(r -> r.path("state").asText().equals("Processing"))
                        .map(r -> r.path("runId").asText()).collect(Collectors.toSet());
                Set<String> finished = runs.stream().filter(r -> r.path("state").asText().equals("Processed"))
                        .map(r -> r.path("runId").asText()).collect(Collectors.toSet());
                assertFalse(interrupted.isEmpty(), "the killed run had announced Processing");
                interrupted.retainAll(finished);
                assertTrue(interrupted.isEmpty(), "an interrupted run never shows Processed: " + interrupted);
            }
        } finally {
            broker.stop();
        }
    }

    static List<ConsumerRecord<String, String>> consume(int kafkaPort, String topic, long atLeast) {
        return RunningBridge.drain("127.0.0.1:" + kafkaPort, List.of(topic), atLeast);
    }
}
