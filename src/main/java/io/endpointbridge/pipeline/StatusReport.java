package io.endpointbridge.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.polling.RunTracker;

/**
 * The status document: every polled source's state and last runs, the per-source pipeline counts, and what waits in
 * the disk spool.
 */
public class StatusReport {

    private final RunTracker runs;
    private final PipelineCounters counters;
    private final DiskSpool spool;

    public StatusReport(RunTracker runs, PipelineCounters counters, DiskSpool spool) {
        this.runs = runs;
        this.counters = counters;
        this.spool = spool;
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
        return status.toPrettyString();
    }
}
