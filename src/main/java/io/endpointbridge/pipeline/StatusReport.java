package io.endpointbridge.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.polling.RunTracker;

/** The status document: every polled source's state and last runs, and the per-source pipeline counts. */
public class StatusReport {

    private final RunTracker runs;
    private final PipelineCounters counters;

    public StatusReport(RunTracker runs, PipelineCounters counters) {
        this.runs = runs;
        this.counters = counters;
    }

    public String json() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.set("sources", runs.status());
        ObjectNode counts = status.putObject("counts");
        counters.snapshot().forEach(counts::put);
        return status.toPrettyString();
    }
}
