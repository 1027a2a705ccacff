package io.endpointbridge.kafka;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The compacted checkpoints topic ({@code security.connector.checkpoints.v1}): the last record under a source's name
 * is where it stands. Read at the start of every run, so that whichever replica leads next goes on from there; written
 * by the routes (a record keyed by the source).
 */
public final class CheckpointStore {

    private final String topic;
    private final TopicReader reader;

    public CheckpointStore(String topic, TopicReader reader) {
        this.topic = topic;
        this.reader = reader;
    }

    public String topic() {
        return topic;
    }

    /** The source's last checkpoint record (JSON text); empty when it has none or the last one is a tombstone. */
    public Optional<String> read(String source) {
        AtomicReference<String> last = new AtomicReference<>();
        reader.readAll(topic, (key, value) -> {
            if (source.equals(key)) {
                last.set(value);
            }
        });
        return Optional.ofNullable(last.get());
    }
}
