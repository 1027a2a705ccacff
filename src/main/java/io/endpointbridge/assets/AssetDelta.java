package io.endpointbridge.assets;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.mapping.JsonBytes;

/**
 * One run's view of what changed since the last complete picture of a source: each asset's fingerprint is compared
 * with the one kept in the state topic; what the run did not see is a deletion candidate once it ends Processed.
 */
public final class AssetDelta {

    /** REPEATED: this run classified the key before (a page repeated a row); the first one counts. */
    public enum Change { CREATED, UPDATED, UNCHANGED, REPEATED }

    /** Fields that differ on every run without the asset changing. */
    private static final Set<String> VOLATILE = Set.of("runId", "observedAt", "changeType");

    /**
     * The assets known before the run, by key, with their fingerprint; one this run has seen holds {@link #SEEN}
     * instead (its entry is reused: no memory per known asset), so what still holds a fingerprint at the end is gone.
     */
    private final Map<String, Long> known;
    /** The mark of a known asset this run has seen: compared by identity, never a fingerprint. */
    @SuppressWarnings("removal")
    private static final Long SEEN = new Long(0);
    /** 64 bits of SHA-256 of each new key this run has seen, so that a repeat is not taken for another new asset. */
    private final LongHashSet seenNew = new LongHashSet();

    /** @param previous the state before the run; this delta takes it over (and marks in it what the run sees) */
    public AssetDelta(Map<String, Long> previous) {
        this.known = previous;
    }

    /** How many assets were known before the run (seen ones are marked, not removed, and new ones not added). */
    public synchronized int previousSize() {
        return known.size();
    }

    /** Thread-safe: the assets of one page are classified by several threads. */
    public synchronized Change classify(String key, long fingerprint) {
        Long before = known.get(key);
        if (before == SEEN) {
            return Change.REPEATED;
        }
        if (before != null) {
            known.put(key, SEEN);
            return before == fingerprint ? Change.UNCHANGED : Change.UPDATED;
        }
        return seenNew.add(fingerprint(key.getBytes(StandardCharsets.UTF_8))) ? Change.CREATED : Change.REPEATED;
    }

    /** Keys known before that this run did not see. */
    public synchronized List<String> unseen() {
        List<String> gone = new ArrayList<>();
        known.forEach((key, fingerprint) -> {
            if (fingerprint != SEEN) {
                gone.add(key);
            }
        });
        return gone;
    }

    /** 64 bits of SHA-256 over the record without its volatile fields (field order is the map's, so stable). */
    public static long fingerprint(ObjectNode record) {
        return fingerprint(stableJson(record));
    }

    /** The record as UTF-8 JSON without its volatile fields: what the fingerprint is taken of. */
    public static byte[] stableJson(ObjectNode record) {
        return JsonBytes.of(record, VOLATILE);
    }

    /** 64 bits of SHA-256 over {@link #stableJson}. */
    public static long fingerprint(byte[] stableJson) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(stableJson);
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    public static long parseHex(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }
}
