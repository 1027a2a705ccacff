package io.endpointbridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The application as shipped (application.properties, routes/, mappings/ of this checkout) booted in the test JVM
 * with its embedded KRaft broker and listeners on free loopback ports.
 */
public final class RunningBridge implements AutoCloseable {

    public final int kafkaPort;
    public final int syslogPort = TestPorts.free();
    public final int httpPort = TestPorts.free();
    public final int managementPort = TestPorts.free();
    private final Main main;
    private final Properties extra;
    private final Path data;
    private final int controllerPort;
    private final Path home;

    public RunningBridge(Properties extra) throws Exception {
        this(extra, Files.createTempDirectory("endpoint-bridge-test"), TestPorts.free(), TestPorts.free());
    }

    /** A bridge on a given data directory and broker ports, so a test can restart it on the same state. */
    public RunningBridge(Properties extra, Path data, int kafkaPort, int controllerPort) throws Exception {
        this(extra, data, kafkaPort, controllerPort, Path.of("."));
    }

    /** A bridge of another installation directory (a copy of this checkout's files a test may edit). */
    public RunningBridge(Properties extra, Path data, int kafkaPort, int controllerPort, Path home) throws Exception {
        this.kafkaPort = kafkaPort;
        this.extra = extra;
        this.data = data;
        this.controllerPort = controllerPort;
        this.home = home;
        Properties p = new Properties();
        p.put("kafka.embedded.port", String.valueOf(kafkaPort));
        p.put("kafka.embedded.controller-port", String.valueOf(controllerPort));
        p.put("kafka.embedded.data-dir", data.resolve("kafka").toString());
        p.put("spool.dir", data.resolve("spool").toString());
        // its own leader lock, tried every second: Camel's file lock view first waits for the next multiple of the
        // interval, and the production 10 s made scheduled runs start up to 11 s late in tests
        p.put("cluster.file.root", data.resolve("cluster").toString());
        p.put("cluster.file.acquire-lock-interval-ms", "1000");
        p.put("syslog.bind-address", "127.0.0.1");
        p.put("camel.server.port", String.valueOf(httpPort));
        p.put("camel.management.port", String.valueOf(managementPort));
        p.put("syslog.udp.port", String.valueOf(syslogPort));
        p.put("syslog.tcp.port", String.valueOf(syslogPort));
        p.putAll(extra);
        main = BridgeApplication.create(home, p);
        main.start();
        if (main.getCamelContext() == null || !main.getCamelContext().isStarted()) {
            throw new IllegalStateException("the application did not start");
        }
    }

    /** This application stopped and a new one started on the same data and broker ports: a restart. */
    public RunningBridge restarted() throws Exception {
        close();
        return new RunningBridge(extra, data, kafkaPort, controllerPort, home);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Reads a topic from the beginning until {@code count} records arrived or the timeout passed. */
    public List<ConsumerRecord<String, String>> consume(String topic, int count, Duration timeout) {
        return consume(topic, record -> true, count, timeout);
    }

    /** Reads a topic from the beginning until {@code count} records match or the timeout passed. */
    public List<ConsumerRecord<String, String>> consume(String topic, java.util.function.Predicate<ConsumerRecord<String, String>> match,
                                                        int count, Duration timeout) {
        Properties c = consumerProperties(bootstrap(), "test");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        out.add(r);
                    }
                });
            }
        }
        return out;
    }

    /** A String consumer in a group of its own, reading from the beginning. */
    private static Properties consumerProperties(String bootstrap, String groupPrefix) {
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", groupPrefix + "-" + UUID.randomUUID());
        c.put("auto.offset.reset", "earliest");
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        return c;
    }

    /**
     * Reads topics from the beginning until at least {@code atLeast} records arrived and then nothing more for a
     * second and a half (or 60 s passed): everything there is, for tests that count what is missing.
     */
    public static List<ConsumerRecord<String, String>> drain(String bootstrap, List<String> topics, long atLeast) {
        Properties c = consumerProperties(bootstrap, "drain");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int quietPolls = 0;
            while (System.nanoTime() < deadline && (out.size() < atLeast || quietPolls < 3)) {
                int before = out.size();
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
                quietPolls = out.size() == before ? quietPolls + 1 : 0;
            }
        }
        return out;
    }

    @Override
    public void close() {
        main.stop();
    }

    /** One full pull of a polled source now ({@code direct:<source>-pull}), and the run it made. */
    public io.endpointbridge.polling.Run pull(String source) {
        context().createProducerTemplate().sendBody("direct:" + source + "-pull", null);
        return context().getRegistry().lookupByNameAndType("runTracker", io.endpointbridge.polling.RunTracker.class)
                .runs(source).get(0);
    }

    /** The asset records of a run, waiting for as many as expected (or 3 s when none are). */
    public List<ConsumerRecord<String, String>> assetsOf(io.endpointbridge.polling.Run run, int expected) {
        return consume("security.assets.host.v1", r -> header(r, "runId").equals(run.runId()), expected,
                Duration.ofSeconds(expected == 0 ? 3 : 30));
    }

    /** A record's header as text, empty when it has none. */
    public static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
