package io.endpointbridge.assets;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The primitive state against a HashMap doing the same: puts, tombstones (backward shift), growth, seen marks. */
class KnownAssetsTest {

    @Test
    void behavesLikeAMapThroughPutsRemovesAndGrowth() {
        Random random = new Random(7);
        // 3,751 slots: not a power of two, and grown by the 5,000 keys
        KnownAssets known = new KnownAssets(3000);
        Map<Long, Long> reference = new HashMap<>();
        // few distinct keys with clustered low bits, so probes collide and removals shift entries back
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextInt(5000) * 1024L + (i % 3 == 0 ? 0 : 1);
            if (random.nextInt(4) == 0) {
                known.remove(key);
                reference.remove(key);
            } else {
                long fingerprint = random.nextLong();
                known.put(key, fingerprint);
                reference.put(key, fingerprint);
            }
        }
        assertEquals(reference.size(), known.size());
        reference.forEach((key, fingerprint) -> {
            int slot = known.slotOf(key);
            assertTrue(slot >= 0, "key " + key);
            assertEquals(fingerprint, known.fingerprint(slot));
        });
        assertEquals(-1, known.slotOf(999_999_999L));

        // a run sees half of them: the other half is unseen, and a second sighting is a repeat
        int seen = 0;
        for (long key : reference.keySet()) {
            if (key % 2 == 0) {
                assertTrue(known.markSeen(known.slotOf(key)));
                assertFalse(known.markSeen(known.slotOf(key)));
                seen++;
            }
        }
        LongHashSet unseen = known.unseen();
        assertEquals(reference.size() - seen, unseen.size());
        reference.keySet().forEach(key -> assertEquals(key % 2 != 0, unseen.contains(key)));
    }

    @Test
    void aTableSizedForTheWholeTopicIsCompactedToItsSourceKeepingEveryEntry() {
        KnownAssets known = new KnownAssets(1_000_000);
        for (long key = 1; key <= 500; key++) {
            known.put(key * 7919, key);
        }
        KnownAssets compact = known.compacted();
        assertTrue(compact != known, "1,250,001 slots for 500 assets are given back");
        assertEquals(500, compact.size());
        for (long key = 1; key <= 500; key++) {
            assertEquals(key, compact.fingerprint(compact.slotOf(key * 7919)));
        }
        assertTrue(compact.compacted() == compact, "a right-sized table stays as it is");
    }

    @Test
    void theKeyHashZeroIsAKeyLikeAnyOther() {
        KnownAssets known = new KnownAssets(0);
        known.put(0, 42);
        assertEquals(42, known.fingerprint(known.slotOf(0)));
        assertTrue(known.unseen().contains(0));
        known.remove(0);
        assertEquals(-1, known.slotOf(0));
        assertEquals(0, known.size());
    }
}
