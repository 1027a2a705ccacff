package io.endpointbridge.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.endpointbridge.core.ReadinessCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.kafka.clients.admin.Admin;

/**
 * Readiness: DOWN while the Kafka cluster does not answer, so a load balancer sends syslog elsewhere and an
 * orchestrator does not count the instance as serving. Liveness is not affected: the process is fine and will
 * deliver when the cluster is back.
 */
public class KafkaReadiness extends ReadinessCheck {

    private final Supplier<Properties> clientProperties;
    private Admin admin;

    public KafkaReadiness(Supplier<Properties> clientProperties) {
        super("kafka");
        this.clientProperties = clientProperties;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            int nodes = admin().describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            builder.detail("brokers", nodes).up();
        } catch (Exception e) {
            builder.message("Kafka cluster does not answer: " + e.getClass().getSimpleName()).down();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties properties = clientProperties.get();
            properties.put("request.timeout.ms", "3000");
            properties.put("default.api.timeout.ms", "3000");
            properties.put("reconnect.backoff.max.ms", "1000");
            admin = Admin.create(properties);
        }
        return admin;
    }
}
