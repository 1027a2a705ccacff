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

    /** The assets known before the run (key hash, fingerprint); the run marks in it what it sees. */
    private final KnownAssets known;
    /** The key hashes of the new assets this run has seen, so that a repeat is not taken for another new asset. */
    private final LongHashSet seenNew = new LongHashSet();

    /** @param previous the state before the run; this delta takes it over (and marks in it what the run sees) */
    public AssetDelta(KnownAssets previous) {
        this.known = previous;
    }

    /** How many assets were known before the run. */
    public synchronized int previousSize() {
        return known.size();
    }

    /** Thread-safe: the assets of one page are classified by several threads. */
    public synchronized Change classify(String key, long fingerprint) {
        long keyHash = keyHash(key);
        int slot = known.slotOf(keyHash);
        if (slot >= 0) {
            if (!known.markSeen(slot)) {
                return Change.REPEATED;
            }
            return known.fingerprint(slot) == fingerprint ? Change.UNCHANGED : Change.UPDATED;
        }
        return seenNew.add(keyHash) ? Change.CREATED : Change.REPEATED;
    }

    /** The key hashes of the assets known before that this run did not see (their keys: the state topic has them). */
    public synchronized LongHashSet unseen() {
        return known.unseen();
    }

    /** 64 bits of SHA-256 of an asset's key: how the state knows it without keeping the key. */
    public static long keyHash(String key) {
        return fingerprint(key.getBytes(StandardCharsets.UTF_8));
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
