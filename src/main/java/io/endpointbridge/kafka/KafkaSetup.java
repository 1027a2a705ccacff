package io.endpointbridge.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.endpointbridge.core.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the Kafka component at the cluster: the one in {@code kafka.bootstrap-servers}, or, when that is empty, an
 * embedded broker started here; creates the topics the routes use. Security is camel-kafka's own
 * {@code camel.component.kafka.*} keys, bound by Camel to the component and read back for our own clients.
 */
public final class KafkaSetup {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSetup.class);
    public static final List<String> TOPIC_PROPERTIES = List.of("kafka.topic.events", "kafka.topic.assets", "kafka.topic.runs");

    private KafkaSetup() {
    }

    /** Returns the topics it checks ({@code kafkaTopics}, for the {@code kafka-topics} route and the status). */
    /**
     * @param sourceTopics the topic properties and default names of the registered sources beyond the fixed ones
     *                     ({@code kafka.topic.incidents}), each created with its .dlq
     */
    public static KafkaTopics configure(CamelContext context, Settings settings, Map<String, String> sourceTopics,
                                        Map<String, String> tableTopics) throws Exception {
        String bootstrap = settings.get("kafka.bootstrap-servers", "");
        String embeddedHost = settings.get("kafka.embedded.host", "127.0.0.1");
        int embeddedPort = settings.getInt("kafka.embedded.port", 9092);
        if (bootstrap.isBlank() && listening(embeddedHost, embeddedPort)) {
            // e.g. `sync` next to a running `run`: share its embedded broker rather than fail to bind
            bootstrap = embeddedHost + ":" + embeddedPort;
            LOG.info("A broker already listens on {}; using it instead of starting an embedded one", bootstrap);
        } else if (bootstrap.isBlank()) {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                    embeddedHost,
                    embeddedPort,
                    settings.getInt("kafka.embedded.controller-port", 9093),
                    settings.path("kafka.embedded.data-dir", "data/kafka").toFile(),
                    settings.getInt("kafka.embedded.partitions", 3));
            // started now so that it is up before any route; Camel stops it after the routes
            context.addService(broker, true, true);
            broker.start();
            bootstrap = broker.bootstrapServers();
        }
        if (context.hasComponent("kafka") == null) {
            context.addComponent("kafka", new RecordsKafkaComponent());
        }
        KafkaConfiguration kafka = context.getComponent("kafka", KafkaComponent.class).getConfiguration();
        KafkaTopics topics = topics(kafka, settings, sourceTopics, tableTopics);
        context.getRegistry().bind("kafkaTopics", topics);
        kafka.setBrokers(bootstrap);
        kafka.setHeaderFilterStrategy(new RecordHeaderFilter());
        LOG.info("Kafka bootstrap servers: {}", bootstrap);
        // camel.component.kafka.* are bound to the component after this point: check what the producers will get
        context.addStartupListener(new org.apache.camel.StartupListener() {
            @Override
            public void onCamelContextStarting(CamelContext camel, boolean alreadyStarted) {
                ProducerGuarantees.checkAndLog(kafka);
                // here, not before: the admin client needs the security settings bound above; the kafka-topics
                // route tries again while the broker is away or a topic is wrong
                if (settings.getBoolean("kafka.topics.create", true)) {
                    topics.ensure();
                }
            }

            @Override
            public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
            }
        });
        return topics;
    }

    /** The topics the routes use: each with its .dlq, the state table compacted, the changes topic. */
    private static KafkaTopics topics(KafkaConfiguration kafka, Settings settings, Map<String, String> sourceTopics,
                                      Map<String, String> tableTopics) {
        List<KafkaTopics.Wanted> wanted = new ArrayList<>();
        List<String> topicNames = new ArrayList<>();
        TOPIC_PROPERTIES.forEach(property -> topicNames.add(settings.get(property, null)));
        sourceTopics.forEach((property, name) -> topicNames.add(settings.get(property, name)));
        for (String topic : topicNames) {
            wanted.add(new KafkaTopics.Wanted(topic, false));
            wanted.add(new KafkaTopics.Wanted(topic + ".dlq", false));
        }
        // the command targets' state: compaction keeps the last record per key
        tableTopics.forEach((property, name) -> wanted.add(new KafkaTopics.Wanted(settings.get(property, name), true)));
        // where the windowed sources stand: compaction keeps the last checkpoint per source
        wanted.add(new KafkaTopics.Wanted(settings.get("kafka.topic.checkpoints", "security.connector.checkpoints.v1"), true));
        // what the listed sources published (their seen ids): compaction keeps one record per id
        wanted.add(new KafkaTopics.Wanted(settings.get("kafka.topic.seen", "security.connector.seen.v1"), true));
        // the asset state is a table: compaction keeps the last fingerprint per asset
        wanted.add(new KafkaTopics.Wanted(settings.get("kafka.topic.asset-state", "security.assets.state.v1"), true));
        wanted.add(new KafkaTopics.Wanted(settings.get("kafka.topic.asset-changes", "security.assets.changes.v1"), false));
        return new KafkaTopics(() -> clientProperties(kafka),
                wanted, settings.optional("kafka.topics.partitions").map(Integer::parseInt),
                settings.optional("kafka.topics.replication-factor").map(Short::parseShort));
    }

    /** Bootstrap servers and the security settings, for the Kafka clients we create ourselves (admin, state reader). */
    public static java.util.Properties clientProperties(KafkaConfiguration kafka) {
        java.util.Properties properties = kafka.createProducerProperties();
        properties.keySet().removeIf(key -> !isAdminProperty(key.toString()));
        properties.put("bootstrap.servers", kafka.getBrokers());
        return properties;
    }

    private static boolean listening(String host, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 500);
            return true;
        } catch (java.io.IOException nothingThere) {
            return false;
        }
    }

    private static boolean isAdminProperty(String key) {
        return key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.");
    }

}
