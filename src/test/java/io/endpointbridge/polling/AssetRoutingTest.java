package io.endpointbridge.polling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.mapping.InvalidMappingException;
import io.endpointbridge.mapping.TransformMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing and filtering as data in a source's map: `topic` sends its assets (and their tombstones) to their own
 * topic, `drop` rules on target fields leave assets out, counted as filtered in the run record and, when they were
 * published before, deleted at the run's end. Over real HTTP (WireMock) into a real broker.
 */
public class AssetRoutingTest {

    static final String TOPIC = "security.assets.ses.v1";
    public static final String RULES = """

            topic: security.assets.ses.v1
            drop:
              - { field: operatingSystemName, in: [Windows XP], reason: decommissioned, tracked elsewhere }
            """;

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    static RunningBridge bridge;

    /** A copy of mappings/ whose SES devices map has {@link #RULES}. */
    public static Path routedMappings() throws java.io.IOException {
        return Golden.mappingsWith("ses-devices.yaml", map -> map + RULES);
    }

    @BeforeAll
    static void start() throws Exception {
        Path mappings = routedMappings();
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        p.put("mappings.dir", mappings.toString());
        p.put("ses.base-url", ses.baseUrl());
        p.put("ses.client-id", "client");
        p.put("ses.client-secret", "secret");
        // two devices: deleting one is half the inventory, which the default valve (0.2) would hold back
        p.put("assets.max-delete-fraction", "1");
        bridge = new RunningBridge(p);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    public static String page(String... systems) {
        ObjectNode page = Golden.JSON.createObjectNode();
        page.put("total", systems.length);
        ArrayNode devices = page.putArray("devices");
        for (int i = 0; i < systems.length; i++) {
            devices.addObject().put("id", "dev-" + i).put("name", "HOST-" + i).putObject("os").put("name", systems[i]);
        }
        return page.toString();
    }

    static Run pull(String page) {
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(okJson(page)));
        bridge.context().createProducerTemplate().sendBody("direct:ses-devices-pull", null);
        return bridge.context().getRegistry().lookupByNameAndType("runTracker", RunTracker.class).runs("ses-devices").get(0);
    }

    @Test
    void aMapsTopicAndDropRulesRouteItsAssetsAndADroppedOneIsDeleted() throws Exception {
        Run first = pull(page("Windows 11", "Windows XP", "Windows 10"));
        assertEquals(Run.State.PROCESSED, first.state(), first.toJson().toString());
        assertEquals(1, first.toJson().get("filtered").asInt(), first.toJson().toString());
        assertEquals(2, first.toJson().get("published").asInt(), first.toJson().toString());
        List<ConsumerRecord<String, String>> routed = bridge.consume(TOPIC,
                r -> r.value() != null && r.value().contains(first.runId()), 3, Duration.ofSeconds(10));
        assertEquals(List.of("SES:dev-0", "SES:dev-2"), routed.stream().map(ConsumerRecord::key).sorted().toList());
        assertEquals(0, bridge.consume("security.assets.host.v1", r -> r.value() != null && r.value().contains(first.runId()),
                1, Duration.ofSeconds(3)).size(), "none on the assets topic");

        // dev-2 is decommissioned: dropped now, so the asset published before is deleted on the source's topic
        Run second = pull(page("Windows 11", "Windows XP", "Windows XP"));
        assertEquals(Run.State.PROCESSED, second.state(), second.toJson().toString());
        assertEquals(2, second.toJson().get("filtered").asInt(), second.toJson().toString());
        assertEquals(1, second.toJson().get("deleted").asInt(), second.toJson().toString());
        List<ConsumerRecord<String, String>> tombstones = bridge.consume(TOPIC,
                r -> r.value() == null && r.key().equals("SES:dev-2"), 1, Duration.ofSeconds(10));
        assertEquals(1, tombstones.size(), "the tombstone goes where the asset went");
        JsonNode run = second.toJson();
        Golden.assertValid(Golden.schema(Path.of("schemas/connector-run.v1.json")), run, "run record");
    }

    @Test
    void aDropRuleOnAFieldTheMapHasNotIsRefusedWhenTheMapLoads() throws Exception {
        Path map = Files.createTempFile("ses-devices", ".yaml");
        Files.writeString(map, Files.readString(Path.of("mappings/ses-devices.yaml"))
                + "\ndrop:\n  - { field: osName, in: [x], reason: y }\n");
        InvalidMappingException refused = assertThrows(InvalidMappingException.class, () -> TransformMap.load(map, key -> null));
        assertTrue(refused.getMessage().contains("'osName' is none of the map's target fields"), refused.getMessage());
    }
}
