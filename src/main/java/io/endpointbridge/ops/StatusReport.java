package io.endpointbridge.ops;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.kafka.KafkaTopics;
import io.endpointbridge.polling.RunTracker;
import io.endpointbridge.publish.DiskSpool;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.syslog.PartialLineBudget;
import io.endpointbridge.syslog.TcpConnectionLimits;

/**
 * The status document: every polled source's state and last runs (from the runs topic), the per-source pipeline counts, what waits in
 * the disk spool, the syslog UDP drops (the kernel's beside our queue's), the TCP connections with what they hold, and
 * what is wrong with the Kafka topics.
 */
public class StatusReport {

    private final RunTracker runs;
    private final PipelineCounters counters;
    private final DiskSpool spool;
    private final TcpConnectionLimits tcp;
    private final PartialLineBudget partialLines;
    private final KafkaTopics topics;
    private final RunHistory history;
    private final int udpPort;

    public StatusReport(RunTracker runs, RunHistory history, PipelineCounters counters, DiskSpool spool,
                        TcpConnectionLimits tcp, PartialLineBudget partialLines, KafkaTopics topics, int udpPort) {
        this.udpPort = udpPort;
        this.topics = topics;
        this.history = history;
        this.runs = runs;
        this.counters = counters;
        this.spool = spool;
        this.tcp = tcp;
        this.partialLines = partialLines;
    }

    public String json() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        ObjectNode sources = runs.status();
        lastRunsFromTheTopic(sources);
        status.set("sources", sources);
        ObjectNode counts = status.putObject("counts");
        counters.snapshot().forEach(counts::put);
        ObjectNode spooled = status.putObject("spool");
        spooled.put("records", spool.records());
        spooled.put("bytes", spool.bytes());
        spooled.put("maxBytes", spool.maxBytes());
        spooled.put("stalledSeconds", spool.stalledFor().toSeconds());
        // values a map's converter refused, kept raw in extra (an address that is neither IPv4 nor IPv6), by source name
        ObjectNode unconverted = status.putObject("unconvertedValues");
        io.endpointbridge.mapping.UnconvertedValues.snapshot().forEach((map, names) -> {
            ObjectNode byName = unconverted.putObject(map);
            names.forEach(byName::put);
        });
        // UDP loses in two places: the kernel (the socket's receive buffer full) and our normalize queue (counted)
        ObjectNode udp = status.putObject("udp");
        udp.put("port", udpPort);
        udp.put("kernelDrops", io.endpointbridge.syslog.UdpSocketDrops.read(udpPort));
        udp.put("queueDrops", counters.get(io.endpointbridge.sep.SepEventNormalizer.SOURCE, "dropped"));
        ObjectNode connections = status.putObject("tcp");
        connections.put("open", tcp.open());
        connections.put("maxConnections", tcp.maxConnections());
        connections.put("refused", tcp.refused());
        connections.put("idleClosed", tcp.idleClosed());
        connections.put("partialBytes", partialLines.held());
        connections.put("partialDropped", partialLines.dropped());
        // what is still wrong with the topics the routes use; empty once they are all there and right
        topics.problems().forEach(status.putArray("topicProblems")::add);
        return status.toPrettyString();
    }

    /**
     * Each source's {@code lastRuns} as the runs topic has them (other processes' runs too); while the topic cannot be
     * read, this process's own, with {@code lastRunsFrom} saying so.
     */
    private void lastRunsFromTheTopic(ObjectNode sources) {
        Map<String, List<JsonNode>> fromTopic;
        try {
            fromTopic = history.lastRuns();
        } catch (RuntimeException e) {
            sources.properties().forEach(source -> ((ObjectNode) source.getValue()).put("lastRunsFrom",
                    "this process only: " + history.topic() + " is not readable (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        fromTopic.forEach((source, last) -> {
            ObjectNode node = sources.has(source) ? (ObjectNode) sources.get(source) : sources.putObject(source);
            ArrayNode list = node.putArray("lastRuns");
            last.forEach(list::add);
            node.put("lastRunsFrom", history.topic());
        });
    }
}
