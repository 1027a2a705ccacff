package io.endpointbridge.assets;

/**
 * The assets of a source known before a run, as the state topic has them: a 64-bit hash of each asset's key and its
 * fingerprint, in two {@code long[]} (open addressing, linear probing, at most three quarters full), and one bit per
 * slot for "this run has seen it". About 22 bytes an asset where a {@code HashMap<String, Long>} took about 150: a
 * delta run over 1,000,000 assets no longer needs the keys themselves; the few it must delete are read back from the
 * state topic by their hash ({@code AssetStateStore#keysOf}). Not thread-safe: its owner synchronizes.
 */
public final class KnownAssets {

    /** 0 marks a free slot, so the key hash 0 is stored as this one (a 1-in-2^64 merge, as any 64-bit hash has). */
    private static final long ZERO_STANDS_IN = 0x9E3779B97F4A7C15L;

    private long[] keys;
    private long[] fingerprints;
    private long[] seen;
    private int size;

    /** Room for about {@code expected} assets without growing (the state topic's record count is a good guess). */
    public KnownAssets(long expected) {
        int capacity = 1024;
        while (capacity < (1 << 30) && capacity * 3L / 4 < expected) {
            capacity <<= 1;
        }
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        fingerprints = new long[capacity];
        seen = new long[(capacity + 63) / 64];
    }

    public int size() {
        return size;
    }

    /** The asset's latest fingerprint (a later record of the same key replaces it). */
    public void put(long keyHash, long fingerprint) {
        long key = keyHash == 0 ? ZERO_STANDS_IN : keyHash;
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        int slot = find(key);
        if (keys[slot] == 0) {
            keys[slot] = key;
            size++;
        }
        fingerprints[slot] = fingerprint;
    }

    /** A tombstone: the asset is gone (backward-shift deletion keeps every other key reachable). */
    public void remove(long keyHash) {
        long key = keyHash == 0 ? ZERO_STANDS_IN : keyHash;
        int mask = keys.length - 1;
        int slot = find(key);
        if (keys[slot] == 0) {
            return;
        }
        size--;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (keys[next] != 0) {
            int home = home(keys[next], mask);
            // the entry at next may move into the hole when its home is not in (hole, next]
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                keys[hole] = keys[next];
                fingerprints[hole] = fingerprints[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keys[hole] = 0;
        fingerprints[hole] = 0;
    }

    /** The slot holding the key, or -1 when it is not known. */
    public int slotOf(long keyHash) {
        int slot = find(keyHash == 0 ? ZERO_STANDS_IN : keyHash);
        return keys[slot] == 0 ? -1 : slot;
    }

    public long fingerprint(int slot) {
        return fingerprints[slot];
    }

    /** Marks the slot's asset as seen by this run; false when it was marked already (a repeat). */
    public boolean markSeen(int slot) {
        long bit = 1L << (slot & 63);
        boolean first = (seen[slot >>> 6] & bit) == 0;
        seen[slot >>> 6] |= bit;
        return first;
    }

    /** The key hashes of the known assets this run has not seen: what may be gone. */
    public LongHashSet unseen() {
        LongHashSet unseen = new LongHashSet();
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0 && (seen[slot >>> 6] & (1L << (slot & 63))) == 0) {
                unseen.add(keys[slot] == ZERO_STANDS_IN ? 0 : keys[slot]);
            }
        }
        return unseen;
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int slot = home(key, mask);
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int home(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) ((h ^ (h >>> 32)) & mask);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldFingerprints = fingerprints;
        allocate(keys.length * 2);
        for (int slot = 0; slot < oldKeys.length; slot++) {
            if (oldKeys[slot] != 0) {
                int to = find(oldKeys[slot]);
                keys[to] = oldKeys[slot];
                fingerprints[to] = oldFingerprints[slot];
            }
        }
    }
}
