package io.endpointbridge;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.RecordBudget;
import io.endpointbridge.core.Settings;
import io.endpointbridge.core.SettingsCheck;
import io.endpointbridge.kafka.AssetStateStore;
import io.endpointbridge.kafka.CheckpointStore;
import io.endpointbridge.kafka.KafkaReadiness;
import io.endpointbridge.kafka.KafkaSetup;
import io.endpointbridge.kafka.KafkaTopics;
import io.endpointbridge.kafka.SeenIds;
import io.endpointbridge.kafka.ProducerErrors;
import io.endpointbridge.mapping.MappingReloader;
import io.endpointbridge.mapping.RecordTypes;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.mapping.Reloadable;
import io.endpointbridge.ops.BridgeMetrics;
import io.endpointbridge.ops.HttpAuth;
import io.endpointbridge.ops.RoutesReadiness;
import io.endpointbridge.ops.RunHistory;
import io.endpointbridge.kafka.TopicReader;
import io.endpointbridge.ops.SpoolReadiness;
import io.endpointbridge.ops.StatusReport;
import io.endpointbridge.polling.ApiClient;
import io.endpointbridge.polling.AssetPoller;
import io.endpointbridge.polling.PageBatch;
import io.endpointbridge.polling.Paging;
import io.endpointbridge.polling.RunFailures;
import io.endpointbridge.polling.RunTracker;
import io.endpointbridge.polling.ScheduleWindow;
import io.endpointbridge.polling.TokenProvider;
import io.endpointbridge.polling.ApiCalls;
import io.endpointbridge.polling.CommandTarget;
import io.endpointbridge.polling.ListedSource;
import io.endpointbridge.polling.RecordPoller;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.publish.DiskSpool;
import io.endpointbridge.publish.InFlightLimit;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.publish.SyslogDelivery;
import io.endpointbridge.sep.SepEventNormalizer;
import io.endpointbridge.sep.SepSyslogProcessor;
import io.endpointbridge.sources.PolledSource;
import io.endpointbridge.sources.Sources;
import io.endpointbridge.polling.RecordSource;
import io.endpointbridge.syslog.PartialLineBudget;
import io.endpointbridge.syslog.SyslogDatagramDecoder;
import io.endpointbridge.syslog.SyslogFrameBatcher;
import io.endpointbridge.syslog.SyslogStreamDecoder;
import io.endpointbridge.syslog.TcpConnectionLimits;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.ThreadPoolProfile;

/**
 * Wires what the route files refer to by name: Kafka (embedded or external), the syslog frame decoders, the SEP
 * normalizer with its transform map, the dead-letter builder and the counters. Loading the transform maps here means
 * an invalid map stops start-up with the file and entry in the message.
 */
public class BridgeConfiguration implements CamelConfiguration {

    /**
     * Pollers run on the leader only (the schedule routes consume through camel-master); the syslog listeners do not
     * take part: every instance receives. {@code cluster.type=file} (default): a file lock, so instances on one host,
     * or sharing a volume, elect one. {@code cluster.type=kubernetes}: a coordination.k8s.io Lease in the pod's
     * namespace, among the pods labelled {@code cluster.kubernetes.labels}.
     */
    public static CamelClusterService leaderElection(Settings settings) {
        String id = settings.get("cluster.id", "endpoint-bridge-" + ProcessHandle.current().pid());
        if (settings.get("cluster.type", "file").equals("kubernetes")) {
            // the namespace goes to the client too: the lock configuration's own is not always passed on (Camel 4.18)
            KubernetesConfiguration client = new KubernetesConfiguration();
            settings.optional("cluster.kubernetes.master-url").ifPresent(client::setMasterUrl);
            settings.optional("cluster.kubernetes.namespace").ifPresent(client::setNamespace);
            KubernetesClusterService cluster = new KubernetesClusterService(client);
            cluster.setId(id);
            cluster.setLeaseResourceType(LeaseResourceType.Lease);
            cluster.setKubernetesResourceName(settings.get("cluster.kubernetes.lease-name", "endpoint-bridge-leader"));
            settings.optional("cluster.kubernetes.namespace").ifPresent(cluster::setKubernetesNamespace);
            settings.optional("cluster.kubernetes.pod-name").ifPresent(cluster::setPodName);
            java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
            for (String label : settings.get("cluster.kubernetes.labels", "app=endpoint-bridge").split(",")) {
                String[] kv = label.trim().split("=", 2);
                labels.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
            cluster.setClusterLabels(labels);
            cluster.setLeaseDurationMillis(settings.getLong("cluster.kubernetes.lease-duration-ms", 15000));
            cluster.setRenewDeadlineMillis(settings.getLong("cluster.kubernetes.renew-deadline-ms", 10000));
            cluster.setRetryPeriodMillis(settings.getLong("cluster.kubernetes.retry-period-ms", 2000));
            return cluster;
        }
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(id);
        cluster.setRoot(settings.path("cluster.file.root", "data/cluster").toString());
        cluster.setAcquireLockDelay(settings.getInt("cluster.file.acquire-lock-delay-ms", 1000), TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(settings.getInt("cluster.file.acquire-lock-interval-ms", 10000), TimeUnit.MILLISECONDS);
        return cluster;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        SettingsCheck.require(settings, Sources.settingsScope());

        // the maps first: an invalid one stops start-up before anything listens or a broker starts
        Path mappings = settings.path("mappings.dir", "mappings");
        Reloadable<SepEventNormalizer> normalizer = Reloadable.load(List.of(mappings.resolve(SepEventNormalizer.MAPPING_FILE),
                mappings.resolve(SepEventNormalizer.LOG_TYPES_FILE)), () -> SepEventNormalizer.fromSettings(settings, Clock.systemUTC()));
        Map<PolledSource, Reloadable<AssetPageMapper>> sourceMaps = new LinkedHashMap<>();
        for (PolledSource source : Sources.POLLED) {
            sourceMaps.put(source, Reloadable.load(List.of(mappings.resolve(source.mappingFile())),
                    () -> source.mapper(settings)));
        }
        Map<RecordSource, Reloadable<TransformMap>> recordMaps = new LinkedHashMap<>();
        for (RecordSource source : Sources.recordSources()) {
            recordMaps.put(source, Reloadable.load(List.of(mappings.resolve(source.mappingFile())),
                    () -> source.map(settings)));
        }
        List<Reloadable<?>> maps = new ArrayList<>(List.of(normalizer));
        maps.addAll(sourceMaps.values());
        maps.addAll(recordMaps.values());
        registry.bind("mappingReloader", new MappingReloader(maps));
        SepSyslogProcessor sepSyslog = new SepSyslogProcessor(normalizer,
                settings.get("kafka.topic.events", "security.events.sep.v1"), RecordBudget.from(settings),
                settings.mappingThreads());
        registry.bind("sepSyslogNormalizer", sepSyslog);
        // the routes' transformDataType steps: where frames and pages become records of the published schemas
        RecordTypes.register(context, SepSyslogProcessor.SCHEMA_VERSION, message -> sepSyslog.awaitNormalized(message.getExchange()));
        // each source's poller, by source name (filled below, where the pollers are made)
        Map<String, AssetPoller> pollers = new HashMap<>();
        RecordTypes.register(context, AssetPageMapper.SCHEMA_VERSION, message -> pollers.get(
                message.getExchange().getProperty(PipelineCounters.SOURCE_PROPERTY, String.class)).mapSlice(message.getExchange()));
        registry.bind("assetPageBatch", new PageBatch.Gather());
        // the asset-pull split's workers: a slice per thread in hand and one waiting each, or the route's thread maps
        // it, so that a page of 50,000 assets is never all trees at once
        ThreadPoolProfile mapping = new ThreadPoolProfileBuilder("asset-mapping").poolSize(settings.mappingThreads())
                .maxPoolSize(settings.mappingThreads()).maxQueueSize(settings.mappingThreads())
                .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build();
        registry.bind("assetMapping", context.getExecutorServiceManager().newThreadPool(this, "asset-mapping", mapping));

        int maxMessageBytes = settings.getInt("syslog.max-message-bytes", 65536);
        SyslogStreamDecoder streamDecoder = new SyslogStreamDecoder();
        streamDecoder.setMaxMessageBytes(maxMessageBytes);
        PartialLineBudget partialLines = new PartialLineBudget(settings.getLong("syslog.tcp.max-partial-bytes", 64L << 20));
        streamDecoder.setPartialLineBudget(partialLines);
        TcpConnectionLimits tcpLimits = TcpConnectionLimits.within(TcpConnectionLimits.descriptorLimit(),
                settings.getInt("syslog.tcp.max-connections", 2000),
                settings.getDuration("syslog.tcp.idle-timeout", "10m").toMillis());
        registry.bind("syslogTcpLimits", tcpLimits);
        SyslogDatagramDecoder datagramDecoder = new SyslogDatagramDecoder();
        datagramDecoder.setMaxMessageBytes(maxMessageBytes);
        registry.bind("syslogStreamDecoder", streamDecoder);
        SyslogStreamDecoder tlsDecoder = (SyslogStreamDecoder) streamDecoder.newChannelHandler();
        tlsDecoder.setTransport("tls");
        registry.bind("syslogTlsStreamDecoder", tlsDecoder);
        registry.bind("syslogDatagramDecoder", datagramDecoder);
        registry.bind("syslogFrameBatcher", new SyslogFrameBatcher(settings.getInt("syslog.max-batch", 1000)));

        RunTracker runs = new RunTracker(Clock.systemUTC());
        registry.bind("runTracker", runs);
        registry.bind("runFailures", new RunFailures(runs));
        Supplier<Properties> kafkaClient =
                () -> KafkaSetup.clientProperties(context.getComponent("kafka", KafkaComponent.class).getConfiguration());
        AssetStateStore state = new AssetStateStore(settings.get("kafka.topic.asset-state", "security.assets.state.v1"),
                kafkaClient);
        List<BridgeMetrics.ApiMeters> apiMeters = new ArrayList<>();
        for (PolledSource source : Sources.POLLED) {
            ScheduleWindow.validate(settings, source.prefix(), Clock.systemUTC());
            runs.register(source.name(), settings.getBoolean(source.prefix() + ".enabled", false));
            // bound by PolledSourcesConfiguration, which runs first
            Paging paging = registry.lookupByNameAndType(source.pagingBean(), Paging.class);
            AssetPoller poller = new AssetPoller(source.name(), runs, paging, sourceMaps.get(source),
                    AssetPoller.Delivery.from(settings, source.keyPrefix()), state, Clock.systemUTC(), settings.mappingThreads());
            registry.bind(source.pollerBean(), poller);
            pollers.put(source.name(), poller);
            apiMeters.add(new BridgeMetrics.ApiMeters(source.name(),
                    registry.lookupByNameAndType(ApiClient.beanName(source.prefix()), ApiClient.class),
                    registry.lookupByNameAndType(TokenProvider.beanName(source.prefix()), TokenProvider.class)));
        }

        // the tables kept in Kafka, read whole: the checkpoints, the command targets' state
        TopicReader tables = new TopicReader(kafkaClient, java.time.Duration.ofSeconds(10));
        CheckpointStore checkpoints = new CheckpointStore(settings.get("kafka.topic.checkpoints",
                "security.connector.checkpoints.v1"), tables);
        Map<String, String> sourceTopics = new LinkedHashMap<>();
        Map<String, Map<String, RecordTypes.Step>> recordSteps = new HashMap<>();
        for (RecordSource source : Sources.recordSources()) {
            // a stream enabled without its stream, or with its fallback too, was refused by the settings check above
            runs.register(source.name(), settings.getBoolean(source.prefix() + ".enabled", false));
            RecordPoller poller = RecordPoller.of(source, settings, runs, recordMaps.get(source), checkpoints,
                    Clock.systemUTC());
            registry.bind(source.pollerBean(), poller);
            recordSteps.computeIfAbsent(source.schema(), schema -> new HashMap<>())
                    .put(source.name(), message -> poller.mapRecords(message.getExchange()));
            sourceTopics.put(source.topicProperty(), source.defaultTopic());
        }
        // a listed source's seen ids: Camel's Kafka idempotent repository over the compacted seen topic, which each
        // instance reads at start and follows while it runs (started by the routes that use it)
        for (ListedSource source : Sources.LISTED) {
            registry.bind(source.seenBean(), new SeenIds(settings.get("kafka.topic.seen", "security.connector.seen.v1"),
                    kafkaClient, settings.getInt(source.prefix() + ".seen-cache-size", 100_000)));
            source.beans(settings).forEach(registry::bind);
        }
        // the routes' transformDataType steps: a page's or stream answer's records become records of the source's
        // schema, by the source of the exchange (the event stream and its search fallback share ses-event.v1)
        recordSteps.forEach((schema, bySource) -> RecordTypes.register(context, schema, message -> bySource.get(
                message.getExchange().getProperty(PipelineCounters.SOURCE_PROPERTY, String.class)).apply(message)));

        registry.bind("deadLetters", new DeadLetters());
        registry.bind("producerErrors", new ProducerErrors());
        PipelineCounters counters = new PipelineCounters();
        registry.bind("pipelineCounters", counters);
        DiskSpool spool = new DiskSpool(settings.path("spool.dir", "data/spool"),
                settings.getLong("spool.max-bytes", 1L << 30), settings.getLong("spool.segment-bytes", 16L << 20));
        registry.bind("syslogDelivery", new SyslogDelivery(spool,
                new InFlightLimit(settings.getInt("pipeline.max-in-flight", 20000)), counters,
                settings.get("kafka.topic.events", "security.events.sep.v1"), settings.getInt("spool.tcp-wait-ms", 2000)));
        BridgeMetrics.bindWhenStarted(context, counters, spool, runs, List.of(SepEventNormalizer.SOURCE), apiMeters,
                Sources.recordSources().stream().map(RecordSource::name).toList(),
                // the transform maps by name (the event stream and its search share ses-events)
                java.util.stream.Stream.concat(java.util.stream.Stream.of(SepEventNormalizer.MAPPING_FILE),
                        Sources.names().stream().map(Sources::mappingFile)).map(file -> file.replaceFirst("\\.yaml$", ""))
                        .distinct().toList(),
                settings.getInt("syslog.udp.port", 5514), tcpLimits, partialLines);

        Optional<String> authToken = settings.optional("http.auth-token");
        if (authToken.isPresent()) {
            List<Integer> ports = new java.util.ArrayList<>();
            if (settings.getBoolean("camel.server.enabled", true)) {
                ports.add(settings.getInt("camel.server.port", 8080));
            }
            if (settings.getBoolean("camel.management.enabled", true)) {
                ports.add(settings.getInt("camel.management.port", 8081));
            }
            HttpAuth.install(context, authToken.get(), ports);
        }

        // the command targets (SEPM response actions): their beans, topics and state tables
        Map<String, String> tableTopics = new LinkedHashMap<>();
        for (CommandTarget target : Sources.TARGETS) {
            target.beans(settings, new ApiCalls(context), tables, Clock.systemUTC()).forEach(registry::bind);
            sourceTopics.putAll(target.topics());
            tableTopics.putAll(target.tables());
        }
        KafkaTopics topics = KafkaSetup.configure(context, settings, sourceTopics, tableTopics);
        RunHistory history = new RunHistory(new TopicReader(kafkaClient, java.time.Duration.ofSeconds(5)), settings.get("kafka.topic.runs",
                "security.connector.runs.v1"), 5);
        registry.bind("statusReport", new StatusReport(runs, history, counters, spool, tcpLimits, partialLines, topics,
                settings.getInt("syslog.udp.port", 5514)));
        context.addService(leaderElection(settings));
        KafkaReadiness readiness = new KafkaReadiness(kafkaClient);
        readiness.setCamelContext(context);
        SpoolReadiness spoolReadiness = new SpoolReadiness(spool, settings.getDuration("spool.stall-alert", "5m"));
        spoolReadiness.setCamelContext(context);
        RoutesReadiness routesReadiness = new RoutesReadiness();
        routesReadiness.setCamelContext(context);
        context.getManagementStrategy().addEventNotifier(routesReadiness.startedRoutes());
        context.addStartupListener((camel, alreadyStarted) -> {
            var health = org.apache.camel.health.HealthCheckHelper.getHealthCheckRegistry(camel);
            if (health != null) {
                health.register(readiness);
                health.register(spoolReadiness);
                health.register(routesReadiness);
            }
        });
    }
}
