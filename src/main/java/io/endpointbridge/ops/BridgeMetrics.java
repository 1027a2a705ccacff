package io.endpointbridge.ops;

import java.util.List;

import io.endpointbridge.polling.ApiClient;
import io.endpointbridge.polling.Run;
import io.endpointbridge.polling.RunTracker;
import io.endpointbridge.polling.TokenProvider;
import io.endpointbridge.publish.DiskSpool;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.syslog.PartialLineBudget;
import io.endpointbridge.syslog.TcpConnectionLimits;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's own meters, next to Camel's route metrics on {@code /observe/metrics}: per-source message
 * outcomes, each polled source's state and last run, and its API requests, 429s and token fetches. They read the
 * counters and the run tracker, so there is no second bookkeeping.
 */
public final class BridgeMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeMetrics.class);
    private static final List<String> OUTCOMES = List.of("received", "published", "rejected", "filtered", "spooled", "dropped", "failed");

    /** A polled source's API client and token provider, for its request meters. */
    public record ApiMeters(String name, ApiClient http, TokenProvider tokens) {
    }

    private BridgeMetrics() {
    }

    /** Registers the meters once Camel (and its Micrometer registry) has started; nothing when metrics are off. */
    public static void bindWhenStarted(CamelContext context, PipelineCounters counters, DiskSpool spool, RunTracker runs,
                                       List<String> messageSources, List<ApiMeters> polled, List<String> recordSources,
                                       List<String> maps, int udpPort,
                                       TcpConnectionLimits tcp, PartialLineBudget partialLines) throws Exception {
        context.addStartupListener((camel, alreadyStarted) -> {
            MeterRegistry registry = camel.getRegistry().findSingleByType(MeterRegistry.class);
            if (registry == null) {
                LOG.debug("No Micrometer registry (camel.metrics.enabled=false): application meters not bound");
                return;
            }
            for (String map : maps) {
                FunctionCounter.builder("endpoint_bridge_unconverted_values", map, io.endpointbridge.mapping.UnconvertedValues::total)
                        .description("Values the map's converters refused, kept as they came in extra (status: by name)")
                        .tag("map", map).register(registry);
            }
            for (String source : messageSources) {
                for (String outcome : OUTCOMES) {
                    FunctionCounter.builder("endpoint_bridge_messages", counters, c -> c.get(source, outcome))
                            .description("Messages per source and outcome (received = published + rejected + filtered + dropped + failed + spool + in flight)")
                            .tags("source", source, "outcome", outcome).register(registry);
                }
            }
            Gauge.builder("endpoint_bridge_spool_bytes", spool, DiskSpool::bytes)
                    .description("Bytes in the disk spool waiting for Kafka (bounded by spool.max-bytes)").register(registry);
            Gauge.builder("endpoint_bridge_spool_records", spool, DiskSpool::records)
                    .description("Records in the disk spool waiting for Kafka").register(registry);
            Gauge.builder("endpoint_bridge_spool_stalled_seconds", spool, s -> s.stalledFor().toMillis() / 1000.0)
                    .description("How long the disk spool has held records without Kafka acknowledging any (0 when empty); "
                            + "readiness is DOWN past spool.stall-alert").register(registry);
            Gauge.builder("endpoint_bridge_tcp_connections", tcp, TcpConnectionLimits::open)
                    .description("Open syslog TCP/TLS connections (at most syslog.tcp.max-connections)").register(registry);
            FunctionCounter.builder("endpoint_bridge_tcp_connections_refused", tcp, TcpConnectionLimits::refused)
                    .description("Connections closed at once: syslog.tcp.max-connections were open").register(registry);
            FunctionCounter.builder("endpoint_bridge_tcp_connections_idle_closed", tcp, TcpConnectionLimits::idleClosed)
                    .description("Connections closed after syslog.tcp.idle-timeout without data").register(registry);
            Gauge.builder("endpoint_bridge_tcp_partial_bytes", partialLines, PartialLineBudget::held)
                    .description("Bytes of unfinished messages the TCP connections hold (at most syslog.tcp.max-partial-bytes)")
                    .register(registry);
            FunctionCounter.builder("endpoint_bridge_tcp_partial_dropped", partialLines, PartialLineBudget::dropped)
                    .description("Unfinished messages dropped (dead-lettered, connection closed) to keep within the budget")
                    .register(registry);
            Gauge.builder("endpoint_bridge_udp_kernel_drops", () -> io.endpointbridge.syslog.UdpSocketDrops.read(udpPort))
                    .description("Datagrams the kernel dropped on the syslog UDP socket (receive buffer full); -1 if unknown")
                    .tag("port", String.valueOf(udpPort)).register(registry);
            List<String> runSources = new java.util.ArrayList<>(polled.stream().map(ApiMeters::name).toList());
            runSources.addAll(recordSources);
            for (String name : runSources) {
                runMeters(registry, runs, name);
            }
            for (String name : recordSources) {
                FunctionCounter.builder("endpoint_bridge_possible_gaps", runs, r -> r.possibleGaps(name))
                        .description("Data the API no longer held when a run got to it (checkpoint older than the "
                                + "retention, expired stream position); the run record says which")
                        .tag("source", name).register(registry);
            }
            for (ApiMeters source : polled) {
                String name = source.name();
                FunctionCounter.builder("endpoint_bridge_api_requests", source.http(), ApiClient::requests)
                        .tag("source", name).register(registry);
                FunctionCounter.builder("endpoint_bridge_api_rate_limited", source.http(), ApiClient::throttled)
                        .description("429 answers").tag("source", name).register(registry);
                FunctionCounter.builder("endpoint_bridge_token_fetches", source.tokens(), TokenProvider::fetches)
                        .tag("source", name).register(registry);
            }
        });
    }

    private static void runMeters(MeterRegistry registry, RunTracker runs, String name) {
        Gauge.builder("endpoint_bridge_run_state", runs, r -> r.state(name).ordinal())
                .description("0 Registered, 1 Scheduled, 2 Processing, 3 Processed, 4 Failed")
                .tag("source", name).register(registry);
        Gauge.builder("endpoint_bridge_run_progress_ratio", runs, r -> r.currentProgress(name))
                .description("Share of the announced inventory the current run has read (NaN when idle)")
                .tag("source", name).register(registry);
        Gauge.builder("endpoint_bridge_last_run_published", runs, r -> lastRun(r, name, "published"))
                .tag("source", name).register(registry);
        Gauge.builder("endpoint_bridge_last_run_rejected", runs, r -> lastRun(r, name, "rejected"))
                .tag("source", name).register(registry);
        Gauge.builder("endpoint_bridge_last_run_duration_seconds", runs, r -> lastRun(r, name, "durationMs") / 1000)
                .tag("source", name).register(registry);
    }

    private static double lastRun(RunTracker runs, String source, String field) {
        List<Run> last = runs.runs(source);
        return last.isEmpty() ? Double.NaN : last.get(0).toJson().path(field).asDouble(Double.NaN);
    }
}
