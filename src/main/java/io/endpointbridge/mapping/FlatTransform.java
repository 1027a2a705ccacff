package io.endpointbridge.mapping;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A {@link TransformMap} compiled for flat records (the syslog path): the same rules give the same JSON bytes as
 * {@code JsonBytes.of(map.apply(...))}, written straight from the source values ({@link JsonByteWriter}). Each
 * source name is routed once to the rules that read it (remembered per name: a source sends the same few hundred
 * names), so a record costs one lookup per field instead of one per rule candidate, and no tree is built.
 * {@code SepFlatTransformTest} holds the two paths to identical bytes.
 */
public final class FlatTransform {

    private static final byte[] EXTRA_FIRST = ascii("\"extra\":{");
    private static final byte[] EXTRA = ascii(",\"extra\":{");
    private static final byte[] END_EXTRA = ascii("}}");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final int ROUTE_CACHE_LIMIT = 10_000;

    /**
     * A source name's readers: slots of the from-lists that name it, pattern rules it matches; its extra name; whether
     * a rule that reads it converts (so that, left in extra, it is a value a converter refused).
     */
    private record Route(int[] fromSlots, int[] patternRules, boolean metadata, byte[] extraName,
                         boolean converted) {
    }

    /** One object of the output in rule order; a member with {@code group >= 0} opens that nested object. */
    private record Level(int[] rules, byte[][] names, int[] groups, Level[] nested, byte[][] nestedNames) {
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
    /** Per rule: whether it takes its field's text as it is (no converter, value map or missing values). */
    private final boolean[] asIs;
    private final byte[][] constants;
    /** Each rule's target path, split at its dots, and each part as a JSON member name ({@code ,"part":}). */
    private final List<String[]> paths = new ArrayList<>();
    private final List<byte[][]> pathNames = new ArrayList<>();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    FlatTransform(TransformMap map) {
        this.rules = map.rules();
        this.mapName = map.name();
        int n = rules.size();
        slotBase = new int[n];
        patternIndex = new int[n];
        asIs = new boolean[n];
        constants = new byte[n][];
        int slot = 0;
        int patterns = 0;
        for (int r = 0; r < n; r++) {
            TransformMap.FieldRule rule = rules.get(r);
            if (rule.each() != null || !rule.join().isEmpty() || rule.list()) {
                throw new IllegalArgumentException("map " + map.name() + " uses each, join or list ('" + rule.target()
                        + "'): only maps of JSON sources do, not those of flat records");
            }
            slotBase[r] = slot;
            slot += rule.from().size();
            patternIndex[r] = rule.fromPattern() == null ? -1 : patterns++;
            asIs[r] = rule.converter() == null && rule.valueMap() == null && rule.missing().isEmpty();
            if (rule.constant() != null) {
                constants[r] = JsonBytes.of(rule.constant());
            }
            String[] path = rule.target().split("\\.");
            paths.add(path);
            pathNames.add(Arrays.stream(path).map(JsonByteWriter::memberName).toArray(byte[][]::new));
        }
        slots = slot;
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
        int[] live = shape.liveRules();
        Object[] values = new Object[rules.size()];
        boolean[] latin1 = new boolean[values.length];
        boolean[] consumed = new boolean[source.size()];
        for (int i = 0; i < live.length; i++) {
            int r = live[i];
            TransformMap.FieldRule rule = rules.get(r);
            Object value;
            if (rule.constant() != null) {
                value = rule.constant();
            } else if (patternIndex[r] >= 0) {
                value = patternValue(rule, patternIndex[r], source, fieldRoutes, consumed, zone);
            } else {
                value = fromValue(r, shape.ruleFields()[i], source, consumed, zone, latin1);
            }
            if (value == null && rule.required()) {
                throw TransformMap.missing(rule);
            }
            values[r] = value;
        }
        return new Mapped(write(source, values, latin1, shape.output(), fieldRoutes, consumed), values);
    }

    /**
     * The routes of a record's fields; the rules that can give a value (constants, rules a field of the shape feeds,
     * required rules, which must fail when none does), in rule order, and for each the fields that feed it, in the order
     * of its from-list; and the output objects of those rules: the same for every record with the same names in the
     * same order (a SEP log type's lines, mostly), so worked out once per such shape. A SEP line feeds about a third of
     * the map's rules.
     */
    private record Shape(int hash, String[] names, Route[] routes, int[] liveRules, int[][] ruleFields, Level output) {

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

    /** Two places per shape (a shape that shares one with another frequent shape still finds the other). */
    private final Shape[] shapes = new Shape[2048];

    private Shape shape(FlatRecord source) {
        int n = source.size();
        int hash = n;
        for (int f = 0; f < n; f++) {
            hash = 31 * hash + source.name(f).hashCode();
        }
        int first = firstPlace(hash);
        Shape shape = shapes[first];
        if (shape != null && shape.fits(source)) {
            return shape;
        }
        Shape other = shapes[secondPlace(hash)];
        if (other != null && other.fits(source)) {
            return other;
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
        int[] live = liveRules(fieldRoutes, candidates);
        int[][] ruleFields = new int[live.length][];
        for (int i = 0; i < live.length; i++) {
            int r = live[i];
            ruleFields[i] = Arrays.stream(candidates, slotBase[r], slotBase[r] + rules.get(r).from().size())
                    .filter(f -> f >= 0).toArray();
        }
        Shape made = new Shape(hash, names, fieldRoutes, live, ruleFields, level(live, 0));
        // the new shape takes its first place; the one it displaces moves to its own second place
        if (shape != null) {
            shapes[secondPlace(shape.hash())] = shape;
        }
        shapes[first] = made;
        return made;
    }

    private int firstPlace(int hash) {
        return (hash ^ (hash >>> 16)) & (shapes.length - 1);
    }

    private int secondPlace(int hash) {
        return (firstPlace(hash) + 1 + ((hash >>> 11) & 63)) & (shapes.length - 1);
    }

    private int[] liveRules(Route[] fieldRoutes, int[] candidates) {
        boolean[] patternsFed = new boolean[patternIndex.length];
        for (Route route : fieldRoutes) {
            for (int pattern : route.patternRules()) {
                patternsFed[pattern] = true;
            }
        }
        int[] live = new int[rules.size()];
        int n = 0;
        for (int r = 0; r < rules.size(); r++) {
            TransformMap.FieldRule rule = rules.get(r);
            boolean fed = patternIndex[r] >= 0 && patternsFed[patternIndex[r]];
            for (int p = 0; p < rule.from().size() && !fed; p++) {
                fed = candidates[slotBase[r] + p] >= 0;
            }
            if (fed || rule.constant() != null || rule.required()) {
                live[n++] = r;
            }
        }
        return Arrays.copyOf(live, n);
    }

    /**
     * The rule's value from the first of its fields that gives one; {@code latin1[r]} says whether it is that field's
     * Latin-1 text, taken as it is.
     */
    private Object fromValue(int r, int[] fields, FlatRecord source, boolean[] consumed, ZoneId zone, boolean[] latin1) {
        for (int f : fields) {
            String raw = source.value(f);
            if (raw.isEmpty()) {
                continue;
            }
            if (asIs[r]) {
                consumed[f] = true;
                latin1[r] = source.isLatin1(f);
                return raw;
            }
            JsonNode converted = TransformMap.convert(rules.get(r), raw, zone);
            if (converted != null) {
                consumed[f] = true;
                return converted.isMissingNode() ? null : converted;
            }
        }
        return null;
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

    private byte[] write(FlatRecord source, Object[] values, boolean[] latin1, Level output, Route[] fieldRoutes,
                         boolean[] consumed) {
        JsonByteWriter out = JsonByteWriter.get();
        out.raw((byte) '{');
        boolean first = writeLevel(out, output, values, latin1);
        out.raw(first ? EXTRA_FIRST : EXTRA);
        first = true;
        for (int f = 0; f < fieldRoutes.length; f++) {
            if (!consumed[f] && !fieldRoutes[f].metadata()) {
                out.member(fieldRoutes[f].extraName(), first);
                first = false;
                out.string(source.value(f), source.isLatin1(f));
                if (fieldRoutes[f].converted() && !source.value(f).isEmpty()) {
                    UnconvertedValues.count(mapName, source.name(f));
                }
            }
        }
        out.raw(END_EXTRA);
        return out.toByteArray();
    }

    /**
     * Members in rule order; a nested object is written where its first member with a value is, as a tree would.
     * Returns whether nothing was written (the next member then needs no comma).
     */
    private boolean writeLevel(JsonByteWriter out, Level level, Object[] values, boolean[] latin1) {
        boolean[] opened = level.nested().length == 0 ? null : new boolean[level.nested().length];
        boolean first = true;
        for (int m = 0; m < level.rules().length; m++) {
            int r = level.rules()[m];
            if (values[r] == null) {
                continue;
            }
            int group = level.groups()[m];
            if (group >= 0 && opened[group]) {
                continue;
            }
            if (group < 0) {
                out.member(level.names()[m], first);
                writeValue(out, r, values[r], latin1[r]);
            } else {
                opened[group] = true;
                out.member(level.nestedNames()[group], first);
                out.raw((byte) '{');
                writeLevel(out, level.nested()[group], values, latin1);
                out.raw((byte) '}');
            }
            first = false;
        }
        return first;
    }

    private void writeValue(JsonByteWriter out, int rule, Object value, boolean latin1) {
        if (value instanceof String text) {
            out.string(text, latin1);
        } else if (constants[rule] != null && value == rules.get(rule).constant()) {
            out.raw(constants[rule]);
        } else {
            writeNode(out, (JsonNode) value);
        }
    }

    private static void writeNode(JsonByteWriter out, JsonNode value) {
        if (value instanceof TextNode text) {
            out.string(text.textValue());
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            out.number(value.longValue());
        } else if (value.isBoolean()) {
            out.raw(value.booleanValue() ? TRUE : FALSE);
        } else if (value.isArray()) {
            out.raw((byte) '[');
            boolean first = true;
            for (JsonNode item : value) {
                if (!first) {
                    out.raw((byte) ',');
                }
                first = false;
                writeNode(out, item);
            }
            out.raw((byte) ']');
        } else {
            out.raw(JsonBytes.of(value));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
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
                patterns.stream().mapToInt(Integer::intValue).toArray(), name.startsWith("@"), JsonByteWriter.memberName(name),
                converted);
    }

    /** The output object at {@code depth} for the given rules: leaves in place, nested objects opened by first member. */
    private Level level(int[] members, int depth) {
        int[] groups = new int[members.length];
        byte[][] names = new byte[members.length][];
        Map<String, List<Integer>> nestedMembers = new LinkedHashMap<>();
        Map<String, Integer> groupIndex = new HashMap<>();
        for (int m = 0; m < members.length; m++) {
            String[] path = paths.get(members[m]);
            names[m] = pathNames.get(members[m])[depth];
            if (path.length == depth + 1) {
                groups[m] = -1;
            } else {
                nestedMembers.computeIfAbsent(path[depth], k -> new ArrayList<>()).add(members[m]);
                groups[m] = groupIndex.computeIfAbsent(path[depth], k -> groupIndex.size());
            }
        }
        Level[] nested = new Level[nestedMembers.size()];
        byte[][] nestedNames = new byte[nested.length][];
        int g = 0;
        for (Map.Entry<String, List<Integer>> group : nestedMembers.entrySet()) {
            nestedNames[g] = pathNames.get(group.getValue().get(0))[depth];
            nested[g++] = level(group.getValue().stream().mapToInt(Integer::intValue).toArray(), depth + 1);
        }
        return new Level(members, names, groups, nested, nestedNames);
    }
}
