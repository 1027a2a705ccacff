package io.endpointbridge.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics the routes use, created and checked until they are right: missing ones created (a table topic with
 * {@code cleanup.policy=compact}), a table topic that is not compacted (a broker that came up after us auto-created
 * it on first use) set to compact, and a partition count other than {@code kafka.topics.partitions} named (it cannot
 * be lowered, and raising it would move keys). The {@code kafka-topics} route calls {@link #ensure} at start and
 * again while the broker is away or a topic is wrong; {@link #problems} is in the status.
 */
public final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    /** A topic the routes use; a table topic keeps the last record per key. */
    public record Wanted(String name, boolean table) {
    }

    private final Supplier<Properties> client;
    private final List<Wanted> wanted;
    private final Optional<Integer> partitions;
    private final Optional<Short> replication;
    private volatile List<String> problems = List.of("not checked yet");
    private String lastWarning = "";

    public KafkaTopics(Supplier<Properties> client, List<Wanted> wanted, Optional<Integer> partitions,
                       Optional<Short> replication) {
        this.client = client;
        this.wanted = List.copyOf(wanted);
        this.partitions = partitions;
        this.replication = replication;
    }

    /** What is still wrong (empty once every topic is there and right). */
    public List<String> problems() {
        return problems;
    }

    /** Creates and checks the topics; true once they are all right (later calls then do nothing). */
    public synchronized boolean ensure() {
        if (problems.isEmpty()) {
            return true;
        }
        Properties config = client.get();
        config.put("default.api.timeout.ms", "5000");
        config.put("request.timeout.ms", "4000");
        List<String> found = new ArrayList<>();
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            create(admin, existing, found);
            compact(admin, found);
            checkPartitions(admin, found);
        } catch (ExecutionException e) {
            found.add("Kafka did not answer (" + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage()
                    + "); the topics are created and checked when it does");
        } catch (Exception e) {
            found.add("Kafka did not answer (" + e.getClass().getSimpleName() + "); the topics are created and checked when it does");
        }
        problems = List.copyOf(found);
        if (found.isEmpty()) {
            LOG.info("Kafka topics present and right: {}", wanted.stream().map(Wanted::name).toList());
        } else if (!String.join("; ", found).equals(lastWarning)) {
            lastWarning = String.join("; ", found);
            LOG.warn("Kafka topics: {}", lastWarning);
        }
        return found.isEmpty();
    }

    private void create(Admin admin, Set<String> existing, List<String> found) throws InterruptedException {
        List<NewTopic> missing = new ArrayList<>();
        for (Wanted topic : wanted) {
            if (!existing.contains(topic.name())) {
                NewTopic create = new NewTopic(topic.name(), partitions, replication);
                missing.add(topic.table() ? create.configs(Map.of("cleanup.policy", "compact")) : create);
            }
        }
        for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
            try {
                result.getValue().get(10, TimeUnit.SECONDS);
                LOG.info("Created Kafka topic {}", result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    found.add("could not create " + result.getKey() + ": " + e.getCause().getMessage());
                }
            } catch (java.util.concurrent.TimeoutException e) {
                found.add("could not create " + result.getKey() + ": no answer in 10 s");
            }
        }
    }

    /** A table topic whose cleanup.policy lacks compact is set to compact (deleting old fingerprints loses deltas). */
    private void compact(Admin admin, List<String> found) throws Exception {
        List<ConfigResource> tables = wanted.stream().filter(Wanted::table)
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name())).toList();
        if (tables.isEmpty()) {
            return;
        }
        Map<ConfigResource, Config> configs = admin.describeConfigs(tables).all().get(10, TimeUnit.SECONDS);
        for (Map.Entry<ConfigResource, Config> topic : configs.entrySet()) {
            ConfigEntry policy = topic.getValue().get("cleanup.policy");
            String value = policy == null ? "" : policy.value();
            if (!value.contains("compact")) {
                try {
                    admin.incrementalAlterConfigs(Map.of(topic.getKey(), List.of(new AlterConfigOp(
                            new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SET))))
                            .all().get(10, TimeUnit.SECONDS);
                    LOG.warn("Kafka topic {} had cleanup.policy={} (created by the broker on first use?): set to compact, "
                            + "as the delta state needs", topic.getKey().name(), value);
                } catch (ExecutionException e) {
                    found.add(topic.getKey().name() + " has cleanup.policy=" + value + ", not compact, and could not be "
                            + "changed (" + e.getCause().getMessage() + "): kafka-configs --alter --entity-type topics "
                            + "--entity-name " + topic.getKey().name() + " --add-config cleanup.policy=compact");
                }
            }
        }
    }

    private void checkPartitions(Admin admin, List<String> found) throws Exception {
        if (partitions.isEmpty()) {
            return;
        }
        Collection<String> names = wanted.stream().map(Wanted::name).toList();
        Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        for (TopicDescription topic : topics.values()) {
            if (topic.partitions().size() != partitions.get()) {
                found.add(topic.name() + " has " + topic.partitions().size() + " partitions, kafka.topics.partitions says "
                        + partitions.get() + " (left as it is: fewer cannot be, more would move keys between partitions)");
            }
        }
    }
}
