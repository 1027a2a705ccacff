package io.endpointbridge.ops;

import java.time.Duration;
import java.util.Map;

import io.endpointbridge.publish.DiskSpool;
import io.endpointbridge.core.ReadinessCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness: DOWN while the disk spool has held records for {@code spool.stall-alert} without Kafka acknowledging any
 * of them, so a stuck replay is seen (by the orchestrator, the load balancer and a person) instead of filling the
 * disk behind a healthy face. It comes back UP by itself as soon as a segment is acknowledged.
 */
public class SpoolReadiness extends ReadinessCheck {

    private final DiskSpool spool;
    private final Duration stallAlert;

    public SpoolReadiness(DiskSpool spool, Duration stallAlert) {
        super("spool");
        this.spool = spool;
        this.stallAlert = stallAlert;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Duration stalled = spool.stalledFor();
        builder.detail("records", spool.records()).detail("stalledSeconds", stalled.toSeconds());
        if (stalled.compareTo(stallAlert) >= 0) {
            builder.message("the disk spool has not moved for " + stalled.toSeconds() + " s (spool.stall-alert "
                    + stallAlert.toSeconds() + " s): Kafka does not take its records").down();
        } else {
            builder.up();
        }
    }
}
