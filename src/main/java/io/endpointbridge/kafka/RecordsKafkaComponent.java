package io.endpointbridge.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.KafkaProducer;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.PropertiesHelper;

/**
 * camel-kafka's component as the {@code kafka:} of every route, whose producers are {@link RecordBatchProducer}s.
 * Endpoints are configured exactly as camel-kafka configures them (this is its {@code createEndpoint}); only the
 * producer they create differs. The annotation names it as camel-kafka's is named, so that Camel binds the
 * {@code camel.component.kafka.*} options and endpoint parameters with camel-kafka's own configurers.
 */
@org.apache.camel.spi.annotations.Component("kafka")
public final class RecordsKafkaComponent extends KafkaComponent {

    @Override
    protected KafkaEndpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (ObjectHelper.isEmpty(remaining)) {
            throw new IllegalArgumentException("Topic must be configured on endpoint using syntax kafka:topic");
        }
        Map<String, Object> additional = PropertiesHelper.extractProperties(parameters, "additionalProperties.");
        KafkaEndpoint endpoint = new Endpoint(uri, this);
        endpoint.setConfiguration(getConfiguration().copy());
        setProperties(endpoint, parameters);
        if (endpoint.getConfiguration().getSslContextParameters() == null) {
            endpoint.getConfiguration().setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        if (!additional.isEmpty()) {
            Map<String, Object> bound = new HashMap<>();
            PropertyBindingSupport.bindProperties(getCamelContext(), bound, additional);
            endpoint.getConfiguration().getAdditionalProperties().putAll(bound);
        }
        if (endpoint.getConfiguration().getTopic() == null) {
            endpoint.getConfiguration().setTopic(remaining);
        }
        return endpoint;
    }

    private static final class Endpoint extends KafkaEndpoint {

        Endpoint(String uri, KafkaComponent component) {
            super(uri, component);
        }

        @Override
        protected KafkaProducer createProducer(KafkaEndpoint endpoint) {
            return new RecordBatchProducer(endpoint);
        }
    }
}
