package io.endpointbridge.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A {@link TransformMap} compiled for flat records (the syslog path): the same rules give the same JSON bytes as
 * {@code JsonBytes.of(map.apply(...))}, written straight from the source values with a streaming generator. Each
 * source name is routed once to the rules that read it (remembered per name: a source sends the same few hundred
 * names), so a record costs one lookup per field instead of one per rule candidate, and no tree is built.
 * {@code SepFlatTransformTest} holds the two paths to identical bytes.
 */
public final class FlatTransform {

    private static final JsonFactory JSON = JsonBytes.FACTORY;
    private static final SerializedString EXTRA = new SerializedString("extra");
    private static final int ROUTE_CACHE_LIMIT = 10_000;

    /**
     * A source name's readers: slots of the from-lists that name it, pattern rules it matches; its extra name; whether
     * a rule that reads it converts (so that, left in extra, it is a value a converter refused).
     */
    private record Route(int[] fromSlots, int[] patternRules, boolean metadata, SerializedString extraName,
                         boolean converted) {
    }

    /** One object of the output in rule order; a member with {@code group >= 0} opens that nested object. */
    private record Level(int[] rules, SerializedString[] names, int[] groups, Level[] nested, SerializedString[] nestedNames) {
    }

    /**
     * A mapped record: its JSON and the value each rule gave (by rule index; null when it gave none): a String for a
     * text taken as it is, else a JSON node.
     */
    public record Mapped(byte[] json, Object[] values) {

        /** The text of a target's value, or null. */
        public String text(int target) {
            Object value = values[target];
            return value == null ? null : value instanceof String text ? text : ((JsonNode) value).asText();
        }
    }

    private final List<TransformMap.FieldRule> rules;
    private final String mapName;
    private final int[] slotBase;
    private final int slots;
    private final int[] patternIndex;
    private final SerializableString[] constants;
    private final Level top;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    FlatTransform(TransformMap map) {
        this.rules = map.rules();
        this.mapName = map.name();
        int n = rules.size();
        slotBase = new int[n];
        patternIndex = new int[n];
        constants = new SerializableString[n];
        int slot = 0;
        int patterns = 0;
        List<String[]> paths = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            TransformMap.FieldRule rule = rules.get(r);
            if (rule.each() != null || !rule.join().isEmpty() || rule.list()) {
                throw new IllegalArgumentException("map " + map.name() + " uses each, join or list ('" + rule.target()
                        + "'): only maps of JSON sources do, not those of flat records");
            }
            slotBase[r] = slot;
            slot += rule.from().size();
            patternIndex[r] = rule.fromPattern() == null ? -1 : patterns++;
            if (rule.constant() != null) {
                constants[r] = new SerializedString(new String(JsonBytes.of(rule.constant()), StandardCharsets.UTF_8));
            }
            paths.add(rule.target().split("\\."));
        }
        slots = slot;
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        top = level(all, paths, 0);
    }

    public int indexOf(String target) {
        for (int r = 0; r < rules.size(); r++) {
            if (rules.get(r).target().equals(target)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no target " + target);
    }

    /** Maps one record; throws {@link io.endpointbridge.core.RejectedInputException} as {@code apply} does. */
    public Mapped map(FlatRecord source, ZoneId zone) {
        Shape shape = shape(source);
        Route[] fieldRoutes = shape.routes();
        int[] candidates = shape.candidates();
        Object[] values = new Object[rules.size()];
        boolean[] consumed = new boolean[source.size()];
        for (int r = 0; r < values.length; r++) {
            TransformMap.FieldRule rule = rules.get(r);
            Object value;
            if (rule.constant() != null) {
                value = rule.constant();
            } else if (patternIndex[r] >= 0) {
                value = patternValue(rule, patternIndex[r], source, fieldRoutes, consumed, zone);
            } else {
                value = fromValue(rule, source, candidates, slotBase[r], consumed, zone);
            }
            if (value == null && rule.required()) {
                throw TransformMap.missing(rule);
            }
            values[r] = value;
        }
        return new Mapped(write(source, values, fieldRoutes, consumed), values);
    }

    /**
     * The routes of a record's fields and, per from-slot, the field that fills it: the same for every record with the
     * same names in the same order (a SEP log type's lines, mostly), so worked out once per such shape.
     */
    private record Shape(String[] names, Route[] routes, int[] candidates) {

        boolean fits(FlatRecord source) {
            if (source.size() != names.length) {
                return false;
            }
            for (int f = 0; f < names.length; f++) {
                String name = source.name(f);
                if (name != names[f] && !name.equals(names[f])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Shape[] shapes = new Shape[512];

    private Shape shape(FlatRecord source) {
        int n = source.size();
        int hash = n;
        for (int f = 0; f < n; f++) {
            hash = 31 * hash + source.name(f).hashCode();
        }
        int slot = (hash ^ (hash >>> 16)) & (shapes.length - 1);
        Shape shape = shapes[slot];
        if (shape != null && shape.fits(source)) {
            return shape;
        }
        String[] names = new String[n];
        Route[] fieldRoutes = new Route[n];
        int[] candidates = new int[slots];
        Arrays.fill(candidates, -1);
        for (int f = 0; f < n; f++) {
            names[f] = source.name(f);
            fieldRoutes[f] = route(names[f]);
            for (int s : fieldRoutes[f].fromSlots()) {
                candidates[s] = f;
            }
        }
        shape = new Shape(names, fieldRoutes, candidates);
        shapes[slot] = shape;
        return shape;
    }

    private static Object fromValue(TransformMap.FieldRule rule, FlatRecord source, int[] candidates, int base,
                                    boolean[] consumed, ZoneId zone) {
        for (int p = 0; p < rule.from().size(); p++) {
            int f = candidates[base + p];
            if (f < 0 || source.value(f).isEmpty()) {
                continue;
            }
            Object converted = convert(rule, source.value(f), zone);
            if (converted != null) {
                consumed[f] = true;
                return converted instanceof JsonNode node && node.isMissingNode() ? null : converted;
            }
        }
        return null;
    }

    /** {@link TransformMap#convert}, a text kept as the String it is (no node to write it from). */
    private static Object convert(TransformMap.FieldRule rule, String raw, ZoneId zone) {
        if (rule.converter() == null && rule.valueMap() == null && rule.missing().isEmpty()) {
            return raw;
        }
        return TransformMap.convert(rule, raw, zone);
    }

    /** Every field the rule's pattern matches, in source order. */
    private static JsonNode patternValue(TransformMap.FieldRule rule, int pattern, FlatRecord source, Route[] fieldRoutes,
                                         boolean[] consumed, ZoneId zone) {
        ArrayNode list = null;
        for (int f = 0; f < fieldRoutes.length; f++) {
            if (!matches(fieldRoutes[f], pattern)) {
                continue;
            }
            JsonNode converted = TransformMap.convert(rule, source.value(f), zone);
            if (converted != null) {
                if (list == null) {
                    list = JsonNodeFactory.instance.arrayNode();
                }
                list.add(converted);
                consumed[f] = true;
            }
        }
        return list;
    }

    private static boolean matches(Route route, int pattern) {
        for (int p : route.patternRules()) {
            if (p == pattern) {
                return true;
            }
        }
        return false;
    }

    private byte[] write(FlatRecord source, Object[] values, Route[] fieldRoutes, boolean[] consumed) {
        // recycled buffers, as ObjectWriter.writeValueAsBytes uses them: only the finished record is a new array
        BufferRecycler buffers = JSON._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(buffers); JsonGenerator gen = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            writeLevel(gen, top, values);
            gen.writeFieldName(EXTRA);
            gen.writeStartObject();
            for (int f = 0; f < fieldRoutes.length; f++) {
                if (!consumed[f] && !fieldRoutes[f].metadata()) {
                    gen.writeFieldName(fieldRoutes[f].extraName());
                    gen.writeString(source.value(f));
                    if (fieldRoutes[f].converted() && !source.value(f).isEmpty()) {
                        UnconvertedValues.count(mapName, source.name(f));
                    }
                }
            }
            gen.writeEndObject();
            gen.writeEndObject();
            gen.close();
            return out.getClearAndRelease();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        } finally {
            buffers.releaseToPool();
        }
    }

    /** Members in rule order; a nested object is written where its first member with a value is, as a tree would. */
    private void writeLevel(JsonGenerator gen, Level level, Object[] values) throws IOException {
        boolean[] opened = level.nested().length == 0 ? null : new boolean[level.nested().length];
        for (int m = 0; m < level.rules().length; m++) {
            int r = level.rules()[m];
            if (values[r] == null) {
                continue;
            }
            int group = level.groups()[m];
            if (group < 0) {
                gen.writeFieldName(level.names()[m]);
                writeValue(gen, r, values[r]);
            } else if (!opened[group]) {
                opened[group] = true;
                gen.writeFieldName(level.nestedNames()[group]);
                gen.writeStartObject();
                writeLevel(gen, level.nested()[group], values);
                gen.writeEndObject();
            }
        }
    }

    private void writeValue(JsonGenerator gen, int rule, Object value) throws IOException {
        if (value instanceof String text) {
            gen.writeString(text);
        } else if (constants[rule] != null && value == rules.get(rule).constant()) {
            gen.writeRawValue(constants[rule]);
        } else {
            writeNode(gen, (JsonNode) value);
        }
    }

    private static void writeNode(JsonGenerator gen, JsonNode value) throws IOException {
        if (value.isTextual()) {
            gen.writeString(value.textValue());
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            gen.writeNumber(value.longValue());
        } else if (value.isBoolean()) {
            gen.writeBoolean(value.booleanValue());
        } else if (value.isArray()) {
            gen.writeStartArray();
            for (JsonNode item : value) {
                writeNode(gen, item);
            }
            gen.writeEndArray();
        } else {
            gen.writeRawValue(new String(JsonBytes.of(value), StandardCharsets.UTF_8));
        }
    }

    private Route route(String name) {
        Route route = routes.get(name);
        if (route == null) {
            route = newRoute(name);
            if (routes.size() < ROUTE_CACHE_LIMIT) {
                routes.put(name, route);
            }
        }
        return route;
    }

    private Route newRoute(String name) {
        List<Integer> slotsOfName = new ArrayList<>();
        List<Integer> patterns = new ArrayList<>();
        boolean converted = false;
        for (int r = 0; r < rules.size(); r++) {
            TransformMap.FieldRule rule = rules.get(r);
            if (rule.constant() != null) {
                continue;
            }
            if (patternIndex[r] >= 0) {
                if (rule.matches(name)) {
                    patterns.add(patternIndex[r]);
                }
                continue;
            }
            int position = rule.from().indexOf(name);
            if (position >= 0) {
                slotsOfName.add(slotBase[r] + position);
                converted |= TransformMap.refusable(rule);
            }
        }
        return new Route(slotsOfName.stream().mapToInt(Integer::intValue).toArray(),
                patterns.stream().mapToInt(Integer::intValue).toArray(), name.startsWith("@"), new SerializedString(name),
                converted);
    }

    /** The output object at {@code depth} for the given rules: leaves in place, nested objects opened by first member. */
    private static Level level(int[] members, List<String[]> paths, int depth) {
        int[] groups = new int[members.length];
        SerializedString[] names = new SerializedString[members.length];
        Map<String, List<Integer>> nestedMembers = new LinkedHashMap<>();
        for (int m = 0; m < members.length; m++) {
            String[] path = paths.get(members[m]);
            names[m] = new SerializedString(path[depth]);
            if (path.length == depth + 1) {
                groups[m] = -1;
            } else {
                List<Integer> group = nestedMembers.computeIfAbsent(path[depth], k -> new ArrayList<>());
                groups[m] = List.copyOf(nestedMembers.keySet()).indexOf(path[depth]);
                group.add(members[m]);
            }
        }
        Level[] nested = new Level[nestedMembers.size()];
        SerializedString[] nestedNames = new SerializedString[nested.length];
        int g = 0;
        for (Map.Entry<String, List<Integer>> group : nestedMembers.entrySet()) {
            nestedNames[g] = new SerializedString(group.getKey());
            nested[g++] = level(group.getValue().stream().mapToInt(Integer::intValue).toArray(), paths, depth + 1);
        }
        return new Level(members, names, groups, nested, nestedNames);
    }
}
