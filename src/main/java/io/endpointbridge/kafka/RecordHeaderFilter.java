package io.endpointbridge.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaHeaderFilterStrategy;

/**
 * camel-kafka's header filter (Camel's own headers and the {@code kafka.*} control headers stay out of records) with a
 * shortcut: a header whose first letter starts none of the filtered prefixes ({@code Camel}, {@code camel},
 * {@code org.apache.camel.}, {@code kafka.}) is kept without the prefix checks, which camel-kafka runs for every
 * header of every record (~3 % of the CPU per syslog event). Our header names are exact, so no lower-case copy of
 * each name is compared either.
 */
public final class RecordHeaderFilter extends KafkaHeaderFilterStrategy {

    public RecordHeaderFilter() {
        setLowerCase(false);
    }

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        if (value != null && name != null && !name.isEmpty()) {
            char first = name.charAt(0);
            if (first != 'C' && first != 'c' && first != 'o' && first != 'k') {
                return false;
            }
        }
        return super.applyFilterToCamelHeaders(name, value, exchange);
    }
}
