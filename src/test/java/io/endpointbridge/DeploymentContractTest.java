package io.endpointbridge;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.endpointbridge.core.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/ cannot run here; this parses the compose file and the Kubernetes manifests (a syntax check) and keeps
 * their ports, environment variable names, probes and hardening in step with the application.
 */
class DeploymentContractTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static Properties defaults = new Properties();
    static Set<String> envNames = new HashSet<>();

    @BeforeAll
    static void properties() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("application.properties"))) {
            defaults.load(reader);
        }
        defaults.stringPropertyNames().forEach(key -> envNames.add(Settings.environmentName(key)));
    }

    static List<JsonNode> manifests() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).readValues(Path.of("deploy/kubernetes/endpoint-bridge.yaml").toFile())) {
            while (it.hasNext()) {
                docs.add((JsonNode) it.next());
            }
        }
        return docs;
    }

    static JsonNode kind(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @Test
    void kubernetesManifestsMatchTheApplication() throws IOException {
        List<JsonNode> docs = manifests();
        kind(docs, "ConfigMap", "endpoint-bridge").path("data").fieldNames()
                .forEachRemaining(name -> assertTrue(envNames.contains(name), "ConfigMap key " + name + " is no property"));
        kind(docs, "Secret", "endpoint-bridge").path("stringData").fieldNames()
                .forEachRemaining(name -> assertTrue(envNames.contains(name), "Secret key " + name + " is no property"));
        JsonNode container = kind(docs, "Deployment", "endpoint-bridge").at("/spec/template/spec/containers/0");
        Set<String> ports = new HashSet<>();
        container.path("ports").forEach(p -> ports.add(p.path("containerPort").asText() + "/" + p.path("protocol").asText()));
        assertEquals(Set.of(defaults.getProperty("syslog.udp.port") + "/UDP", defaults.getProperty("syslog.tcp.port") + "/TCP",
                defaults.getProperty("http.port") + "/TCP", defaults.getProperty("management.port") + "/TCP"), ports);
        assertEquals("/observe/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/observe/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("management", container.at("/readinessProbe/httpGet/port").asText());
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertEquals(10001, kind(docs, "Deployment", "endpoint-bridge").at("/spec/template/spec/securityContext/runAsUser").asInt());
        Set<String> mounts = new HashSet<>();
        container.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
        assertTrue(mounts.containsAll(Set.of("/opt/endpoint-bridge/data", "/tmp")), "writable data and tmp: " + mounts);
        assertTrue(Files.readString(Path.of("Dockerfile")).contains("-Dvertx.cacheDirBase=/tmp/"),
                "Vert.x's file cache goes to /tmp so the root file system can be read-only");
    }

    @Test
    void composeFileMatchesTheApplication() throws IOException {
        JsonNode bridge = YAML.readTree(Path.of("deploy/docker-compose.yml").toFile()).at("/services/endpoint-bridge");
        bridge.path("environment").fieldNames()
                .forEachRemaining(name -> assertTrue(envNames.contains(name), "compose variable " + name + " is no property"));
        List<String> ports = new ArrayList<>();
        bridge.path("ports").forEach(p -> ports.add(p.asText()));
        assertTrue(ports.contains(defaults.getProperty("syslog.udp.port") + ":" + defaults.getProperty("syslog.udp.port") + "/udp"));
        assertTrue(ports.contains(defaults.getProperty("management.port") + ":" + defaults.getProperty("management.port") + "/tcp"));
        assertTrue(bridge.path("read_only").asBoolean());
    }
}
