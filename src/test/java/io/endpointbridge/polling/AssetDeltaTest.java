package io.endpointbridge.polling;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.TestPorts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deltas over full pulls, on a real broker with the SES simulator: the first run publishes everything, the next only
 * what changed plus deletions; a failed run deletes nothing; the safety valve holds; the state survives a restart.
 */
class AssetDeltaTest {

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static ObjectNode device(int n, String name) {
        ObjectNode d = Golden.JSON.createObjectNode();
        d.put("id", "dev-" + n);
        d.put("name", name);
        d.putObject("hw").put("serial", "SN" + n);
        return d;
    }

    /** Serves these devices, 1000 a page; with failAtOffset >= 0 that page answers 503. */
    static void serve(List<ObjectNode> devices, int failAtOffset) {
        serve(devices, failAtOffset, -1);
    }

    /** As above; with emptyAtOffset >= 0 that page holds no devices although the total announces them. */
    static void serve(List<ObjectNode> devices, int failAtOffset, int emptyAtOffset) {
        ses.resetAll();
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));
        for (int offset = 0; offset < Math.max(1, devices.size()); offset += 1000) {
            ObjectNode page = Golden.JSON.createObjectNode();
            page.put("total", devices.size());
            page.putArray("devices").addAll(offset == emptyAtOffset ? List.of()
                    : devices.subList(offset, Math.min(devices.size(), offset + 1000)));
            ses.stubFor(get(urlPathEqualTo("/v1/devices")).withQueryParam("offset", equalTo(String.valueOf(offset)))
                    .willReturn(offset == failAtOffset ? aResponse().withStatus(503) : okJson(page.toString())));
        }
    }

    static Run pull(RunningBridge bridge) {
        bridge.context().createProducerTemplate().sendBody("direct:ses-devices-pull", null);
        return bridge.context().getRegistry().lookupByNameAndType("runTracker", RunTracker.class).runs("ses-devices").get(0);
    }

    static List<ConsumerRecord<String, String>> ofRun(RunningBridge bridge, String topic, Run run, int expected) {
        return bridge.consume(topic, r -> r.headers().lastHeader("runId") != null
                && new String(r.headers().lastHeader("runId").value(), StandardCharsets.UTF_8).equals(run.runId())
                || r.value() != null && r.value().contains(run.runId()), expected, Duration.ofSeconds(expected == 0 ? 4 : 30));
    }

    @Test
    void onlyChangesAndDeletionsArePublishedAndTheStateSurvivesARestart() throws Exception {
        Path data = Files.createTempDirectory("delta");
        int kafkaPort = TestPorts.free();
        int controllerPort = TestPorts.free();
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        p.put("ses.base-url", ses.baseUrl());
        p.put("ses.client-id", "id");
        p.put("ses.client-secret", "secret");
        p.put("ses.max-retries", "0");
        List<ObjectNode> inventory = new ArrayList<>(IntStream.range(0, 2345).mapToObj(n -> device(n, "HOST-" + n)).toList());

        try (RunningBridge bridge = new RunningBridge(p, data, kafkaPort, controllerPort)) {
            serve(inventory, -1);
            Run first = pull(bridge);
            assertEquals(Run.State.PROCESSED, first.state());
            assertEquals(2345, ofRun(bridge, "security.assets.host.v1", first, 2345).size());
            assertEquals(2345, first.toJson().get("created").asInt());

            IntStream.range(0, 10).forEach(n -> inventory.set(n * 100, device(n * 100, "RENAMED-" + n)));
            IntStream.range(0, 7).forEach(n -> inventory.remove(inventory.size() - 1));
            IntStream.range(0, 5).forEach(n -> inventory.add(device(9000 + n, "NEW-" + n)));
            serve(inventory, -1);
            Run second = pull(bridge);
            JsonNode record = second.toJson();
            assertEquals(Run.State.PROCESSED, second.state(), record.toString());
            List<ConsumerRecord<String, String>> published = ofRun(bridge, "security.assets.host.v1", second, 22);
            List<ConsumerRecord<String, String>> changed = published.stream().filter(r -> r.value() != null).toList();
            List<ConsumerRecord<String, String>> tombstones = published.stream().filter(r -> r.value() == null).toList();
            assertEquals(15, changed.size(), "10 changed + 5 added");
            assertEquals(10, changed.stream().filter(r -> r.value().contains("\"changeType\":\"updated\"")).count());
            assertEquals(5, changed.stream().filter(r -> r.value().contains("\"changeType\":\"created\"")).count());
            assertEquals(7, tombstones.size());
            assertTrue(tombstones.stream().allMatch(r -> r.key().matches("SES:dev-23(38|39|4[0-4])")), "the removed devices");
            List<ConsumerRecord<String, String>> deletions = ofRun(bridge, "security.assets.changes.v1", second, 7);
            assertEquals(7, deletions.size());
            assertEquals("deleted", Golden.JSON.readTree(deletions.get(0).value()).get("changeType").asText());
            Golden.assertValid(Golden.schema(Path.of("schemas/asset-change.v1.json")),
                    Golden.JSON.readTree(deletions.get(0).value()), "a deletion record");
            Golden.assertValid(Golden.schema(Path.of("schemas/connector-run.v1.json")), record, "a run record");
            Golden.assertValid(Golden.schema(Path.of("schemas/host-asset.v1.json")),
                    Golden.JSON.readTree(changed.get(0).value()), "a published asset");
            assertEquals(List.of(5, 10, 2328, 7), List.of(record.get("created").asInt(), record.get("updated").asInt(),
                    record.get("unchanged").asInt(), record.get("deleted").asInt()));
            assertTrue(record.get("complete").asBoolean(), "a delta run that read everything is complete: " + record);

            // the API announces 2,343 devices but its page at offset 2,000 comes back empty: a short pull
            serve(inventory, -1, 2000);
            Run shortPull = pull(bridge);
            JsonNode shortRecord = shortPull.toJson();
            assertEquals(Run.State.FAILED, shortPull.state(), shortRecord.toString());
            assertTrue(shortRecord.get("reason").asText().contains("announced 2343 assets but paging ended after 2000"),
                    shortRecord.toString());
            assertEquals(0, shortRecord.get("deleted").asInt());
            assertEquals(0, ofRun(bridge, "security.assets.changes.v1", shortPull, 0).size(), "a short pull deletes nothing");
            assertEquals(0, ofRun(bridge, "security.assets.host.v1", shortPull, 0).stream()
                    .filter(r -> r.value() == null).count(), "no tombstone");

            List<ObjectNode> shrunk = new ArrayList<>(inventory.subList(0, 2000));
            serve(shrunk, 1000);
            Run failed = pull(bridge);
            assertEquals(Run.State.FAILED, failed.state());
            assertEquals(0, failed.toJson().get("deleted").asInt());
            assertEquals(0, ofRun(bridge, "security.assets.changes.v1", failed, 0).size(), "a failed run deletes nothing");

            serve(new ArrayList<>(inventory.subList(0, 1000)), -1);
            Run valve = pull(bridge);
            assertEquals(Run.State.PROCESSED, valve.state());
            assertEquals(0, valve.toJson().get("deleted").asInt());
            assertTrue(valve.toJson().get("warning").asText().startsWith("safety valve: this run would delete 1343 of 2343"),
                    valve.toJson().toString());
        }

        try (RunningBridge restarted = new RunningBridge(p, data, kafkaPort, controllerPort)) {
            serve(inventory, -1);
            Run afterRestart = pull(restarted);
            JsonNode record = afterRestart.toJson();
            assertEquals(Run.State.PROCESSED, afterRestart.state());
            assertEquals(2343, record.get("unchanged").asInt(), record.toString());
            assertEquals(0, record.get("published").asInt());
        }
    }
}
