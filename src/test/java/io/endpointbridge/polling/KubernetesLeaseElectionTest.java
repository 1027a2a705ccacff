package io.endpointbridge.polling;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import io.endpointbridge.BridgeConfiguration;
import io.endpointbridge.core.Settings;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cluster.type=kubernetes: two instances (pods) elect one poller through a coordination.k8s.io Lease on a
 * Kubernetes API server (fabric8's, in CRUD mode, over real HTTP); when the leader's pod goes away the other takes
 * over.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesLeaseElectionTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    static final String NAMESPACE = "security";

    @Test
    void twoPodsElectOnePollerAndTheOtherTakesOver() throws Exception {
        client.pods().inNamespace(NAMESPACE).resource(runningPod("bridge-a")).create();
        client.pods().inNamespace(NAMESPACE).resource(runningPod("bridge-b")).create();
        AtomicInteger pollsA = new AtomicInteger();
        AtomicInteger pollsB = new AtomicInteger();
        CamelContext a = instance("bridge-a", pollsA);
        CamelContext b = instance("bridge-b", pollsB);
        try {
            awaitAtLeast(() -> pollsA.get() + pollsB.get(), 5, 30_000);
            boolean aLeads = pollsA.get() > 0;
            AtomicInteger leader = aLeads ? pollsA : pollsB;
            AtomicInteger standby = aLeads ? pollsB : pollsA;
            Thread.sleep(1_000);
            assertTrue(leader.get() >= 5, "the leader polls: " + leader.get());
            assertEquals(0, standby.get(), "the standby does not");
            assertTrue(client.leases().inNamespace(NAMESPACE).list().getItems().stream()
                    .anyMatch(l -> l.getSpec().getHolderIdentity().equals(aLeads ? "bridge-a" : "bridge-b")),
                    "the Lease names the leader");

            // the leader's pod goes away (killed, evicted): the other pod takes over once the lease lapses
            (aLeads ? a : b).stop();
            client.pods().inNamespace(NAMESPACE).withName(aLeads ? "bridge-a" : "bridge-b").delete();
            awaitAtLeast(standby::get, 3, 30_000);
            assertTrue(standby.get() >= 3, "the standby took over: " + standby.get());
        } finally {
            a.stop();
            b.stop();
        }
    }

    static CamelContext instance(String pod, AtomicInteger polls) throws Exception {
        CamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.put("cluster.type", "kubernetes");
        p.put("cluster.id", pod);
        p.put("cluster.kubernetes.master-url", client.getMasterUrl().toString());
        p.put("cluster.kubernetes.namespace", NAMESPACE);
        p.put("cluster.kubernetes.pod-name", pod);
        p.put("cluster.kubernetes.lease-duration-ms", "2000");
        p.put("cluster.kubernetes.renew-deadline-ms", "1500");
        p.put("cluster.kubernetes.retry-period-ms", "300");
        context.getPropertiesComponent().setInitialProperties(p);
        context.addService(BridgeConfiguration.leaderElection(new Settings(context.getPropertiesComponent())));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:pollers:timer:poll?period=100").process(exchange -> polls.incrementAndGet());
            }
        });
        context.start();
        return context;
    }

    static Pod runningPod(String name) {
        return new PodBuilder()
                .withNewMetadata().withName(name).addToLabels("app", "endpoint-bridge").endMetadata()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("endpoint-bridge").withReady(true)
                .withNewState().withNewRunning().endRunning().endState().endContainerStatus()
                .endStatus().build();
    }

    static void awaitAtLeast(java.util.function.IntSupplier value, int atLeast, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (value.getAsInt() < atLeast && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }
}
