package io.endpointbridge.mapping;

import java.util.Collection;
import java.util.Map;

/** What a transform map reads from: named values of one parsed input record. */
public interface SourceRecord {

    /** The value at {@code name}, or null. */
    Object get(String name);

    /** Every name that has a value, in input order (unconsumed ones land in the record's {@code extra}). */
    Collection<String> names();

    static SourceRecord of(Map<String, ?> values) {
        return new SourceRecord() {
            @Override
            public Object get(String name) {
                return values.get(name);
            }

            @Override
            public Collection<String> names() {
                return values.keySet();
            }
        };
    }
}
