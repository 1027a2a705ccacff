package io.endpointbridge.mapping;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One flat input record for {@link FlatTransform}: text values under unique names, in input order (what the syslog
 * parsers produce). The caller keeps names unique; a null value is not added.
 */
public final class FlatRecord {

    private String[] names;
    private String[] values;
    private int size;
    /** Values at this index and after are known to be Latin-1 text (written without a look at each character). */
    private int latin1From = Integer.MAX_VALUE;

    public FlatRecord(int capacity) {
        names = new String[Math.max(capacity, 4)];
        values = new String[names.length];
    }

    public FlatRecord add(String name, String value) {
        if (value == null) {
            return this;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    public FlatRecord addAll(FlatRecord other) {
        for (int i = 0; i < other.size; i++) {
            add(other.names[i], other.values[i]);
        }
        return this;
    }

    /**
     * Declares the values added from now on Latin-1 text, no character above U+00FF: the caller knows it (the columns of
     * a line that has none). {@link FlatTransform} then copies them into the JSON without encoding each character.
     */
    public FlatRecord latin1FromHere() {
        latin1From = Math.min(latin1From, size);
        return this;
    }

    public boolean isLatin1(int i) {
        return i >= latin1From;
    }

    public int size() {
        return size;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The value under {@code name}; null when there is none. */
    public String value(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** The record as the generic {@link TransformMap#apply} reads it. */
    public SourceRecord asSource() {
        Map<String, String> map = new LinkedHashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            map.put(names[i], values[i]);
        }
        return SourceRecord.of(map);
    }
}
