package io.endpointbridge.faults;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Malformed variants of real inputs, reproducible from a seed: what a fuzz run feeds the listeners and mappers. */
final class Mutations {

    private final Random random;
    private final List<byte[]> seeds;

    Mutations(long seed, List<byte[]> seeds) {
        this.random = new Random(seed);
        this.seeds = seeds;
    }

    /** One mutated syslog message (any bytes, possibly larger than syslog.max-message-bytes). */
    byte[] next() {
        byte[] seed = seeds.get(random.nextInt(seeds.size()));
        return switch (random.nextInt(10)) {
            case 0 -> randomBytes(1 + random.nextInt(2000));
            case 1 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 2 -> random.nextInt(20) == 0 ? huge(seed) : flip(seed, 1 + random.nextInt(10));
            case 3 -> insert(seed, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE});
            case 4 -> insert(seed, new byte[] {0, 0, 0});
            case 5 -> replaceAll(seed, random.nextBoolean() ? (byte) ',' : (byte) ':', random.nextBoolean() ? (byte) ';' : (byte) ',');
            case 6 -> concat(("<" + random.nextInt(100_000) + ">").getBytes(StandardCharsets.US_ASCII),
                    Arrays.copyOfRange(seed, Math.min(seed.length, 4), seed.length));
            // many columns: the same key again and again, or a long run of empty positional ones
            case 7 -> concat(seed, (random.nextBoolean() ? ",K: v".repeat(random.nextInt(2000)) : ",".repeat(random.nextInt(10_000)))
                    .getBytes(StandardCharsets.US_ASCII));
            // a valid line padded to just under a datagram's 64 KiB: once a megabyte of JSON that stopped publishing
            case 9 -> random.nextInt(10) == 0 ? concat(seed, ",".repeat(65_000 - seed.length).getBytes(StandardCharsets.US_ASCII))
                    : flip(seed, 1 + random.nextInt(50));
            case 8 -> insert(seed, ("\"" + "'".repeat(random.nextInt(5)) + "\"\"").getBytes(StandardCharsets.US_ASCII));
            default -> flip(seed, 1 + random.nextInt(50));
        };
    }

    /** A JSON document with values of the wrong type, truncations, garbage and deep nesting. */
    String json(String seed) {
        return switch (random.nextInt(8)) {
            case 0 -> seed.substring(0, random.nextInt(seed.length() + 1));
            case 1 -> seed.replaceAll("\"[^\"]{1,40}\"(?=[,}\\]])", random.nextBoolean() ? "12345678901234567890123" : "{\"x\":[1,2]}");
            case 2 -> seed.replaceAll(":\\s*\\d+", random.nextBoolean() ? ":\"not a number\"" : ":[]");
            case 3 -> seed.replace("[", random.nextBoolean() ? "{" : "[[");
            case 4 -> new String(randomBytes(1 + random.nextInt(500)), StandardCharsets.ISO_8859_1);
            case 5 -> seed.replaceAll("\"[^\"]{1,40}\"(?=[,}\\]])", "null");
            case 6 -> "[".repeat(random.nextInt(3000)) + seed;
            default -> new String(flip(seed.getBytes(StandardCharsets.UTF_8), 1 + random.nextInt(20)), StandardCharsets.UTF_8);
        };
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] huge(byte[] seed) {
        byte[] big = new byte[70_000 + random.nextInt(10_000)];
        Arrays.fill(big, (byte) 'A');
        return concat(seed, big);
    }

    private byte[] flip(byte[] seed, int count) {
        byte[] out = seed.clone();
        for (int i = 0; i < count && out.length > 0; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    private byte[] insert(byte[] seed, byte[] bytes) {
        int at = random.nextInt(seed.length + 1);
        return concat(concat(Arrays.copyOf(seed, at), bytes), Arrays.copyOfRange(seed, at, seed.length));
    }

    private static byte[] replaceAll(byte[] seed, byte from, byte to) {
        byte[] out = seed.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == from) {
                out[i] = to;
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
