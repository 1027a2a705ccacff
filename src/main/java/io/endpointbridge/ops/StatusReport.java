package io.endpointbridge.ops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.kafka.KafkaTopics;
import io.endpointbridge.polling.RunTracker;
import io.endpointbridge.publish.DiskSpool;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.syslog.PartialLineBudget;
import io.endpointbridge.syslog.TcpConnectionLimits;

/**
 * The status document: every polled source's state and last runs, the per-source pipeline counts, what waits in
 * the disk spool, the syslog TCP connections with what they hold, and what is wrong with the Kafka topics.
 */
public class StatusReport {

    private final RunTracker runs;
    private final PipelineCounters counters;
    private final DiskSpool spool;
    private final TcpConnectionLimits tcp;
    private final PartialLineBudget partialLines;
    private final KafkaTopics topics;

    public StatusReport(RunTracker runs, PipelineCounters counters, DiskSpool spool, TcpConnectionLimits tcp,
                        PartialLineBudget partialLines, KafkaTopics topics) {
        this.topics = topics;
        this.runs = runs;
        this.counters = counters;
        this.spool = spool;
        this.tcp = tcp;
        this.partialLines = partialLines;
    }

    public String json() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.set("sources", runs.status());
        ObjectNode counts = status.putObject("counts");
        counters.snapshot().forEach(counts::put);
        ObjectNode spooled = status.putObject("spool");
        spooled.put("records", spool.records());
        spooled.put("bytes", spool.bytes());
        spooled.put("maxBytes", spool.maxBytes());
        spooled.put("stalledSeconds", spool.stalledFor().toSeconds());
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
}
