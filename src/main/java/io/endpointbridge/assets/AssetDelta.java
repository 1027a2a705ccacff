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

    /**
     * An asset's record as published, less the change type a run gives it, and its fingerprint: one serialization.
     * {@code json} is {@code JsonBytes.of(record)}; the fingerprint is {@link #fingerprint(ObjectNode)}'s.
     */
    public record Fingerprinted(byte[] json, long fingerprint) {

        /**
         * The record (the one {@code json} was written from) with {@code changeType} put in: where ObjectNode.put puts
         * it, at the end when the map did not write one itself.
         */
        public byte[] withChangeType(ObjectNode record, String changeType) {
            if (record.has("changeType")) {
                return JsonBytes.of(record.put("changeType", changeType));
            }
            byte[] field = (",\"changeType\":\"" + changeType + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] out = java.util.Arrays.copyOf(json, json.length - 1 + field.length);
            System.arraycopy(field, 0, out, json.length - 1, field.length);
            return out;
        }
    }

    public static Fingerprinted fingerprinted(ObjectNode record) {
        MessageDigest sha256 = sha256();
        byte[] json = JsonBytes.of(record, VOLATILE, sha256);
        return new Fingerprinted(json, ByteBuffer.wrap(sha256.digest()).getLong());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** The record as UTF-8 JSON without its volatile fields: what the fingerprint is taken of. */
    public static byte[] stableJson(ObjectNode record) {
        return JsonBytes.of(record, VOLATILE);
    }

    /** 64 bits of SHA-256 over {@link #stableJson}. */
    public static long fingerprint(byte[] stableJson) {
        return ByteBuffer.wrap(sha256().digest(stableJson)).getLong();
    }

    public static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    public static long parseHex(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }
}
