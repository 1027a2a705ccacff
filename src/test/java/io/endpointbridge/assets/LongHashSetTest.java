package io.endpointbridge.assets;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LongHashSetTest {

    @Test
    void agreesWithAHashSetThroughGrowthZeroAndRepeats() {
        LongHashSet set = new LongHashSet();
        Set<Long> reference = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            // a narrow range half the time, so repeats are common
            long value = i % 2 == 0 ? random.nextInt(50_000) : random.nextLong();
            assertEquals(reference.add(value), set.add(value), "value " + value);
        }
        assertEquals(reference.size(), set.size());
        assertTrue(set.add(Long.MIN_VALUE) == reference.add(Long.MIN_VALUE));
        assertEquals(reference.add(0L), set.add(0L));
        assertFalse(set.add(0L), "0 is a value like any other");
    }
}
