package io.endpointbridge.polling;

import io.endpointbridge.publish.DeadLetters;
import org.apache.camel.Exchange;

/** The shared end of a failed pull, whatever the source: the run becomes Failed and its record goes to the runs topic. */
public class RunFailures {

    private final RunTracker tracker;

    public RunFailures(RunTracker tracker) {
        this.tracker = tracker;
    }

    /** Marks the exchange's run Failed with the reason; false when the failure came before a run started. */
    public boolean failed(Exchange exchange) {
        Run run = AssetPoller.run(exchange);
        if (run == null || run.state() != Run.State.PROCESSING) {
            return false;
        }
        tracker.failed(run, DeadLetters.reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
        return true;
    }

    public void runRecord(Exchange exchange) {
        AssetPoller.runRecord(exchange);
    }
}
