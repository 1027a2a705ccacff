package io.endpointbridge.assets;

/**
 * The assets of a source known before a run, as the state topic has them: a 64-bit hash of each asset's key and its
 * fingerprint, in two {@code long[]} (open addressing, linear probing, sized to the state topic's record count at
 * most four fifths full, any size, not a power of two), and one bit per slot for "this run has seen it". About 20
 * bytes an asset where a {@code HashMap<String, Long>} took about 150 (10,000,000 assets: 200 MB): a
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
        allocate((int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024, expected * 5 / 4 + 1)));
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        fingerprints = new long[capacity];
        seen = new long[(capacity + 63) / 64];
    }

    public int size() {
        return size;
    }

    /**
     * This table, or a right-sized copy when it was sized for far more (the state topic holds every source's assets:
     * a small source's table sized to the whole topic would hold a large one's room for the whole run).
     */
    public KnownAssets compacted() {
        long needed = Math.max(1024, size * 5L / 4 + 1);
        if (keys.length <= needed * 2) {
            return this;
        }
        KnownAssets compact = new KnownAssets(size);
        compact.insertAll(keys, fingerprints);
        compact.size = size;
        return compact;
    }

    /** The asset's latest fingerprint (a later record of the same key replaces it). */
    public void put(long keyHash, long fingerprint) {
        long key = keyHash == 0 ? ZERO_STANDS_IN : keyHash;
        if ((size + 1) * 5L > keys.length * 4L) {
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
        int capacity = keys.length;
        int slot = find(key);
        if (keys[slot] == 0) {
            return;
        }
        size--;
        int hole = slot;
        int next = after(hole);
        while (keys[next] != 0) {
            int home = home(keys[next], capacity);
            // the entry at next may move into the hole when its home is not in (hole, next]
            if (Math.floorMod(next - home, capacity) >= Math.floorMod(next - hole, capacity)) {
                keys[hole] = keys[next];
                fingerprints[hole] = fingerprints[next];
                hole = next;
            }
            next = after(next);
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
        int slot = home(key, keys.length);
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = after(slot);
        }
        return slot;
    }

    private int after(int slot) {
        return slot + 1 == keys.length ? 0 : slot + 1;
    }

    /** The key's first slot: its mixed bits scaled to the capacity (Lemire's multiply-shift, no division). */
    private static int home(long key, int capacity) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (((h ^ (h >>> 32)) & 0xFFFFFFFFL) * capacity >>> 32);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldFingerprints = fingerprints;
        allocate(keys.length * 2);
        insertAll(oldKeys, oldFingerprints);
    }

    /** Another table's entries into this one (distinct keys; the caller keeps the size). */
    private void insertAll(long[] fromKeys, long[] fromFingerprints) {
        for (int slot = 0; slot < fromKeys.length; slot++) {
            if (fromKeys[slot] != 0) {
                int to = find(fromKeys[slot]);
                keys[to] = fromKeys[slot];
                fingerprints[to] = fromFingerprints[slot];
            }
        }
    }
}
