package io.endpointbridge.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.endpointbridge.RunningBridge;
import io.endpointbridge.TestPorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The topics are created and checked until they are right (issue 14, item 3): an app started before its broker
 * creates them, the state table compacted, once the broker is up; a state topic the broker auto-created without
 * compaction is set to compact; a partition count other than kafka.topics.partitions is named in the status.
 */
class KafkaTopicsTest {

    static final String STATE = "security.assets.state.v1";

    @Test
    void anAppStartedBeforeItsBrokerCreatesTheTopicsOnceTheBrokerIsUp() throws Exception {
        int port = TestPorts.free();
        Path data = Files.createTempDirectory("topics-late-broker");
        try (RunningBridge bridge = new RunningBridge(properties(port, Map.of()))) {
            KafkaTopics topics = topics(bridge);
            assertFalse(topics.problems().isEmpty(), "no broker yet: the problem is named");
            assertTrue(topics.problems().get(0).startsWith("Kafka did not answer"), topics.problems().toString());
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker("127.0.0.1", port, TestPorts.free(), data.toFile(), 1);
            broker.start();
            try {
                assertTrue(await(() -> topics.problems().isEmpty()), topics.problems().toString());
                try (Admin admin = admin(port)) {
                    assertEquals("compact", cleanupPolicy(admin, STATE));
                    assertTrue(admin.listTopics().names().get().containsAll(List.of("security.events.sep.v1",
                            "security.events.sep.v1.dlq", "security.assets.host.v1", "security.connector.runs.v1")));
                }
            } finally {
                broker.stop();
            }
        }
    }

    @Test
    void aStateTopicWithoutCompactionIsCompactedAndAnotherPartitionCountIsNamed() throws Exception {
        int port = TestPorts.free();
        Path data = Files.createTempDirectory("topics-wrong");
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker("127.0.0.1", port, TestPorts.free(), data.toFile(), 1);
        broker.start();
        try {
            try (Admin admin = admin(port)) {
                // what a producer's first write does on a broker with auto-creation: the broker's defaults
                admin.createTopics(List.of(new NewTopic(STATE, Optional.of(1), Optional.empty())
                        .configs(Map.of("cleanup.policy", "delete")))).all().get(30, TimeUnit.SECONDS);
            }
            try (RunningBridge bridge = new RunningBridge(properties(port, Map.of("kafka.topics.partitions", "2")))) {
                KafkaTopics topics = topics(bridge);
                try (Admin admin = admin(port)) {
                    assertTrue(await(() -> "compact".equals(cleanupPolicy(admin, STATE))), "compacted");
                }
                assertTrue(topics.problems().contains(STATE + " has 1 partitions, kafka.topics.partitions says 2 "
                        + "(left as it is: fewer cannot be, more would move keys between partitions)"), topics.problems().toString());
                String status = bridge.context().getRegistry().lookupByNameAndType("statusReport",
                        io.endpointbridge.ops.StatusReport.class).json();
                assertTrue(status.contains(STATE + " has 1 partitions"), status);
            }
        } finally {
            broker.stop();
        }
    }

    private static Properties properties(int brokerPort, Map<String, String> extra) {
        Properties p = new Properties();
        p.put("kafka.bootstrap-servers", "127.0.0.1:" + brokerPort);
        p.put("kafka.topics.check-interval", "1s");
        p.put("camel.component.kafka.max-block-ms", "2000");
        p.put("camel.component.kafka.delivery-timeout-ms", "3000");
        p.put("camel.component.kafka.request-timeout-ms", "1000");
        p.putAll(extra);
        return p;
    }

    private static KafkaTopics topics(RunningBridge bridge) {
        return bridge.context().getRegistry().lookupByNameAndType("kafkaTopics", KafkaTopics.class);
    }

    private static Admin admin(int port) {
        return Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + port));
    }

    private static String cleanupPolicy(Admin admin, String topic) {
        try {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            return config.get("cleanup.policy").value();
        } catch (Exception e) {
            return "unknown: " + e.getMessage();
        }
    }

    private static boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
