package io.endpointbridge.sources;

import java.util.List;
import java.util.Properties;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.endpointbridge.RunningBridge;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the SES incident and event tests share: the bridge's SES settings, the checkpoints topic, the simulators' base. */
public final class SesSimulation {

    public static final String CHECKPOINTS = "security.connector.checkpoints.v1";

    private SesSimulation() {
    }

    /** A simulated API as a WireMock response transformer, applied to the stubs that name it. */
    public abstract static class SimulatedApi implements ResponseDefinitionTransformerV2 {

        @Override
        public boolean applyGlobally() {
            return false;
        }

        protected static ResponseDefinition answer(int status, String contentType, String body) {
            ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition().withStatus(status);
            if (contentType != null) {
                answer.withHeader("Content-Type", contentType);
            }
            return body == null ? answer.build() : answer.withBody(body).build();
        }
    }

    /** A WireMock SES on a free HTTP port, answering through the simulated API. */
    public static com.github.tomakehurst.wiremock.junit5.WireMockExtension http(SimulatedApi api) {
        return com.github.tomakehurst.wiremock.junit5.WireMockExtension.newInstance().options(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort().extensions(api)).build();
    }

    /** The bridge against an SES simulator: no syslog, test credentials, quick retries. */
    public static Properties bridgeProperties(String baseUrl) {
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        p.put("ses.base-url", baseUrl);
        p.put("ses.client-id", "client");
        p.put("ses.client-secret", "secret");
        p.put("ses.max-retries", "3");
        p.put("ses.backoff-initial-ms", "20");
        p.put("ses.backoff-max-ms", "100");
        return p;
    }

    /** Writes a source's checkpoint record (null: a tombstone, so the next run starts from nothing). */
    public static void writeCheckpoint(RunningBridge bridge, String source, String value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bridge.bootstrap());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(CHECKPOINTS, source, value)).get();
        }
    }

    /** The source's last checkpoint record on the topic; null when it has none. */
    public static String lastCheckpoint(RunningBridge bridge, String source) {
        String last = null;
        for (ConsumerRecord<String, String> r : RunningBridge.drain(bridge.bootstrap(), List.of(CHECKPOINTS), 1)) {
            if (source.equals(r.key())) {
                last = r.value();
            }
        }
        return last;
    }
}
