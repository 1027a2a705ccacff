package io.endpointbridge.core;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A readiness check of ours ({@code /observe/health/ready}): DOWN sends syslog elsewhere and tells the orchestrator the
 * instance does not serve, but never restarts it (liveness is untouched; the process is fine and will catch up).
 */
public abstract class ReadinessCheck extends AbstractHealthCheck {

    protected ReadinessCheck(String id) {
        super("endpoint-bridge", id);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }
}
