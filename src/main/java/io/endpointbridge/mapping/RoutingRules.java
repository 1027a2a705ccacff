package io.endpointbridge.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Routing as data, as a map or a log type states it: an optional {@code topic} (its records go there instead of the
 * route's topic) and {@code drop} rules (a field, the values that drop the record, ignoring case, and why). Checked
 * when the file loads.
 */
public final class RoutingRules {

    /** A Kafka topic name: what the broker accepts. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private record Drop(String field, Set<String> values, String reason) {
    }

    public static final RoutingRules NONE = new RoutingRules(null, List.of());

    private final String topic;
    private final List<Drop> drops;

    private RoutingRules(String topic, List<Drop> drops) {
        this.topic = topic;
        this.drops = drops;
    }

    /**
     * The rules under {@code node} ({@code topic}, {@code drop}); {@code fieldKey} is what a rule names its field with
     * ({@code column} in the SEP log types, {@code field} in a map), {@code where} the entry named in errors.
     */
    public static RoutingRules read(Path file, String where, JsonNode node, String fieldKey) {
        String topic = node.path("topic").asText(null);
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            throw new InvalidMappingException(file, where + ".topic",
                    "'" + topic + "' is not a Kafka topic name (letters, digits, '.', '_', '-'; at most 249)");
        }
        List<Drop> drops = new ArrayList<>();
        for (JsonNode drop : node.path("drop")) {
            String field = drop.path(fieldKey).asText("");
            List<String> values = MappingFiles.strings(drop.path("in"));
            String reason = drop.path("reason").asText("");
            if (field.isBlank() || values.isEmpty() || reason.isBlank()) {
                throw new InvalidMappingException(file, where + ".drop",
                        "each rule needs a " + fieldKey + ", the values it drops ('in') and a reason");
            }
            drops.add(new Drop(field, values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet()), reason));
        }
        return topic == null && drops.isEmpty() ? NONE : new RoutingRules(topic, List.copyOf(drops));
    }

    /** The topic its records go to; null: the route's. */
    public String topic() {
        return topic;
    }

    /** The fields its drop rules read. */
    public List<String> fields() {
        return drops.stream().map(Drop::field).toList();
    }

    /** Why a record whose fields {@code value} reads is dropped; null when it is published. */
    public String dropReason(Function<String, String> value) {
        for (Drop drop : drops) {
            String actual = value.apply(drop.field());
            if (actual != null && drop.values().contains(actual.trim().toLowerCase(Locale.ROOT))) {
                return drop.reason();
            }
        }
        return null;
    }
}
