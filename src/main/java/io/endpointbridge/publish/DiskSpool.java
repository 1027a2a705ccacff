package io.endpointbridge.publish;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.kafka.RecordMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka records that could not be sent yet, on disk in arrival order: segment files of JSON lines ({@code
 * 00000000000000000042.spool}), appended to and flushed to the OS with every batch, so they survive the process
 * being killed (not a power cut: no fsync per batch). The oldest segment is read back whole, sent, and removed once
 * Kafka acknowledged it; records of a segment that was partly sent before a failure are sent again (at least once:
 * the eventId tells duplicates). Bounded by {@code spool.max-bytes}: {@link #append} refuses a batch that does not
 * fit. Thread-safe.
 */
public class DiskSpool {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSpool.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".spool";

    /** A segment read back: its records ready for a Kafka batch, and how many of them were events and rejects. */
    public record Segment(Path file, long bytes, List<Message> records, Map<String, long[]> outcomes) {
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private long bytes;
    private long records;
    private long nextSequence;
    private Path current;
    private long currentBytes;
    private OutputStream out;
    /** The segment handed out for replay and not yet removed: one replay at a time keeps the order. */
    private Path replaying;
    /** When the spool last moved: became non-empty, or had a segment acknowledged (System.nanoTime). */
    private long lastProgressNanos = System.nanoTime();


    public DiskSpool(Path dir, long maxBytes, long segmentBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        try {
            Files.createDirectories(dir);
            for (Path segment : segments()) {
                bytes += Files.size(segment);
                try (Stream<String> lines = Files.lines(segment)) {
                    records += lines.count();
                }
                nextSequence = Math.max(nextSequence, sequence(segment) + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spool.dir " + dir + " cannot be used: " + e.getMessage(), e);
        }
        if (records > 0) {
            LOG.info("Spool {} holds {} records ({} bytes) from before the restart: they are sent first", dir, records, bytes);
        }
    }

    public synchronized boolean isEmpty() {
        return records == 0;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized long records() {
        return records;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** How long the spool has held records without one segment being acknowledged; zero when it is empty. */
    public synchronized java.time.Duration stalledFor() {
        return records == 0 ? java.time.Duration.ZERO : java.time.Duration.ofNanos(System.nanoTime() - lastProgressNanos);
    }

    /**
     * Appends the batch (Kafka messages with their key, topic and headers) for {@code source}; false, writing nothing,
     * when it would take the spool past its maximum.
     */
    public synchronized boolean append(String source, List<Message> batch, String defaultTopic) throws IOException {
        ByteArrayLines lines = new ByteArrayLines();
        for (Message record : batch) {
            lines.add(line(source, record, defaultTopic));
        }
        if (bytes + lines.size() > maxBytes) {
            return false;
        }
        if (out == null || currentBytes >= segmentBytes) {
            roll();
            current = dir.resolve(String.format("%020d%s", nextSequence++, SUFFIX));
            out = new BufferedOutputStream(Files.newOutputStream(current, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16);
            currentBytes = 0;
        }
        if (records == 0) {
            lastProgressNanos = System.nanoTime();
        }
        lines.writeTo(out);
        out.flush();
        currentBytes += lines.size();
        bytes += lines.size();
        records += batch.size();
        return true;
    }

    /**
     * The oldest segment, read back; null when the spool is empty. The segment being written is closed first. A line
     * that cannot be read back (cut short by a crash) becomes a dead-letter record on {@code deadLetterTopic}.
     */
    public synchronized Segment oldest(CamelContext context, String deadLetterTopic) throws IOException {
        List<Path> segments = segments();
        if (segments.isEmpty()) {
            return null;
        }
        Path oldest = segments.get(0);
        if (oldest.equals(replaying)) {
            throw new IllegalStateException("spool segment " + oldest.getFileName() + " is being replayed already");
        }
        replaying = oldest;
        if (oldest.equals(current)) {
            roll();
        }
        List<Message> batch = new ArrayList<>();
        Map<String, long[]> outcomes = new java.util.TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(oldest, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                try {
                    batch.add(record(context, line, outcomes));
                } catch (JsonProcessingException e) {
                    LOG.warn("Unreadable line in spool segment {}: sent to {}", oldest.getFileName(), deadLetterTopic);
                    batch.add(unreadable(context, line, deadLetterTopic, outcomes));
                }
            }
        }
        return new Segment(oldest, Files.size(oldest), batch, outcomes);
    }

    /** Removes a segment Kafka has acknowledged. */
    public synchronized void remove(Segment segment) throws IOException {
        Files.deleteIfExists(segment.file());
        replaying = null;
        lastProgressNanos = System.nanoTime();
        bytes = Math.max(0, bytes - segment.bytes());
        records = Math.max(0, records - segment.records().size());
    }

    /** The replay of the segment handed out last failed: it stays, first in line for the next attempt. */
    public synchronized void replayFailed() {
        replaying = null;
    }

    public synchronized void close() throws IOException {
        roll();
    }

    private void roll() throws IOException {
        if (out != null) {
            out.close();
            out = null;
            current = null;
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    private static long sequence(Path segment) {
        String name = segment.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static byte[] line(String source, Message record, String defaultTopic) throws JsonProcessingException {
        ObjectNode line = JSON.createObjectNode();
        line.put("source", source);
        String topic = record.getHeader(KafkaConstants.OVERRIDE_TOPIC, String.class);
        line.put("topic", topic == null ? defaultTopic : topic);
        line.put("deadLetter", KafkaRecords.isDeadLetter(record));
        line.put("key", record.getHeader(KafkaConstants.KEY, String.class));
        Long timestamp = record.getHeader(KafkaConstants.OVERRIDE_TIMESTAMP, Long.class);
        if (timestamp != null) {
            line.put("timestamp", timestamp);
        }
        ObjectNode headers = line.putObject("headers");
        record.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("kafka.") && !name.startsWith("Camel") && value != null) {
                headers.put(name, String.valueOf(value));
            }
        });
        Object body = record.getBody();
        line.put("value", body instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(body));
        return JSON.writeValueAsBytes(line);
    }

    private static Message record(CamelContext context, String text, Map<String, long[]> outcomes)
            throws JsonProcessingException {
        JsonNode line = JSON.readTree(text);
        Message record = new RecordMessage(context);
        line.path("headers").fields().forEachRemaining(h -> record.setHeader(h.getKey(), h.getValue().asText()));
        record.setHeader(KafkaConstants.OVERRIDE_TOPIC, line.path("topic").asText());
        if (!line.path("key").isNull() && line.has("key")) {
            record.setHeader(KafkaConstants.KEY, line.path("key").asText());
        }
        if (line.has("timestamp")) {
            record.setHeader(KafkaConstants.OVERRIDE_TIMESTAMP, line.path("timestamp").asLong());
        }
        record.setBody(line.path("value").asText().getBytes(StandardCharsets.UTF_8));
        long[] counts = outcomes.computeIfAbsent(line.path("source").asText("unknown"), s -> new long[2]);
        counts[line.path("deadLetter").asBoolean() ? 1 : 0]++;
        return record;
    }

    private static Message unreadable(CamelContext context, String line, String topic, Map<String, long[]> outcomes) {
        byte[] raw = line.getBytes(StandardCharsets.UTF_8);
        outcomes.computeIfAbsent("spool", s -> new long[2])[1]++;
        return KafkaRecords.deadLetter(context, topic, "spool", null, DeadLetters.record("spool",
                "unreadable spool line (cut short by a crash?)", raw, java.time.Instant.now()).toString()
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The lines of one batch, sized before anything is written. */
    private static final class ByteArrayLines {
        private final List<byte[]> lines = new ArrayList<>();
        private long size;

        void add(byte[] line) {
            lines.add(line);
            size += line.length + 1;
        }

        long size() {
            return size;
        }

        void writeTo(OutputStream out) throws IOException {
            for (byte[] line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
    }
}
