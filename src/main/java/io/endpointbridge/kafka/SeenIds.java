package io.endpointbridge.kafka;

import java.util.Properties;
import java.util.function.Supplier;

import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;

/**
 * Camel's Kafka idempotent repository over the seen topic, connected at its first use rather than when its route
 * starts: reading the topic needs the broker, and the application starts, validates and waits out a broker outage
 * without one (and an instance that is not the leader never reads it). A first use that cannot reach Kafka fails
 * that exchange (a run: Failed, tried again at the next one). The client settings (bootstrap servers, security) are
 * the bridge's, read then: the embedded broker's address is known only once the context runs.
 */
public final class SeenIds extends KafkaIdempotentRepository {

    private final Supplier<Properties> client;
    private boolean connected;

    public SeenIds(String topic, Supplier<Properties> client, int cacheSize) {
        this.client = client;
        setTopic(topic);
        setMaxCacheSize(cacheSize);
    }

    @Override
    protected void doStart() {
        // connected at first use
    }

    private synchronized void connect() {
        if (!connected) {
            setProducerConfig(client.get());
            setConsumerConfig(client.get());
            try {
                super.doStart();
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the seen topic " + getTopic() + ": " + e.getMessage(), e);
            }
            connected = true;
        }
    }

    @Override
    public boolean add(String key) {
        connect();
        return super.add(key);
    }

    @Override
    public boolean contains(String key) {
        connect();
        return super.contains(key);
    }

    @Override
    public boolean remove(String key) {
        connect();
        return super.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        connect();
        return super.confirm(key);
    }

    @Override
    public void clear() {
        connect();
        super.clear();
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (connected) {
            super.doStop();
            connected = false;
        }
    }
}
