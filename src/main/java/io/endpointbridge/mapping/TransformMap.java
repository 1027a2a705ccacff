package io.endpointbridge.mapping;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.RejectedInputException;

/**
 * A transform map: the data file under {@code mappings/} that says which source value becomes which target field.
 * One engine serves the routes, the {@code map} preview command and the golden tests.
 *
 * <p>Each entry of {@code fields} names a target (dots nest objects) and one source of its value:
 * <ul>
 *   <li>{@code from}: a source name or a list of them; the first that has a non-empty value wins</li>
 *   <li>{@code fromPattern}: a regular expression; every matching name's value, in order, as a list</li>
 *   <li>{@code value}: a constant</li>
 *   <li>{@code property}: a configuration property, read once at load</li>
 * </ul>
 * and optionally {@code valueMap} (a table under {@code valueMaps}; values it does not list pass unchanged),
 * {@code convert} ({@code asIs} (the value whatever its shape: an object or list kept whole), {@code time}, {@code instant} (ISO 8601, epoch seconds or milliseconds, as UTC), {@code integer}, {@code epochSeconds}, {@code epochMillis}, {@code boolean},
 * {@code ipv4} / {@code ipv6} (only addresses of that family), {@code mac} (08:00:27:E6:E5:59), {@code uuid} (only
 * 8-4-4-4-12 hex), {@code windowsBias} (a bias in minutes, UTC = local + bias, as the UTC offset -08:00)),
 * {@code mebibytes} (bytes as MiB), {@code definitionsDate} (a SEP definitions version 200611002 as its day
 * 2020-06-11), {@code fqdn} (only a name of three labels or more, lower case)),
 * {@code join} (several sources put together with {@code separator}, only when all have a value),
 * {@code list} (a single value as a list of one, for list fields), {@code missing} (source values that mean "no value", such as a serial number {@code "0"}: the field is not set and
 * its source stays in {@code extra}), {@code distinct} (a list without repeats) and {@code required}.
 * For JSON sources a name is a path ({@code os.name}, {@code adapters[].addr}); a path through a list gives a list. A value that does not
 * convert is not set and its source stays in {@code extra}: nothing is dropped. Every source name no field consumed
 * is copied into the {@code extra} object (names starting with {@code @} are parser metadata and are not).
 */
public final class TransformMap {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern TARGET = Pattern.compile("[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*");
    private static final String EXTRA = "extra";
    private static final String AS_IS = "asIs";

    record FieldRule(String target, List<String> from, Pattern fromPattern, JsonNode constant, String converter,
                     Map<String, String> valueMap, boolean required, String each, List<FieldRule> eachFields,
                     Map<String, Boolean> patternMatches, Set<String> missing, boolean distinct, List<String> join,
                     String separator, boolean list) {

        /** Whether a source name matches fromPattern; remembered, since the same few key names recur in every record. */
        boolean matches(String name) {
            Boolean known = patternMatches.get(name);
            if (known == null) {
                known = fromPattern.matcher(name).matches();
                if (patternMatches.size() < PATTERN_CACHE_LIMIT) {
                    patternMatches.put(name, known);
                }
            }
            return known;
        }
    }

    private static final int PATTERN_CACHE_LIMIT = 10_000;

    private final String name;
    private final String targetSchema;
    private final List<FieldRule> rules;
    private final RoutingRules routing;

    /** Top-level source names a converting rule reads: left in extra, such a value is one its converter refused. */
    private final Set<String> refusedNames;

    private TransformMap(String name, String targetSchema, List<FieldRule> rules, RoutingRules routing) {
        this.name = name;
        this.targetSchema = targetSchema;
        this.rules = rules;
        this.routing = routing;
        Set<String> converted = new HashSet<>();
        for (FieldRule rule : rules) {
            if (refusable(rule)) {
                rule.from().stream().filter(from -> from.indexOf('.') < 0 && from.indexOf('[') < 0).forEach(converted::add);
            }
        }
        this.refusedNames = Set.copyOf(converted);
    }

    /** Its optional topic and drop rules (on target fields); {@link RoutingRules#NONE} when it states none. */
    public RoutingRules routing() {
        return routing;
    }

    public String name() {
        return name;
    }

    public String targetSchema() {
        return targetSchema;
    }

    List<FieldRule> rules() {
        return rules;
    }

    /** The map compiled for flat records: the same rules and the same JSON, written without a tree. */
    public FlatTransform forFlatRecords() {
        return new FlatTransform(this);
    }

    /**
     * Whether a value the rule reads and does not take is one its converter refused: it converts, the conversion is
     * not lossy (those keep their source in extra on purpose), and it names no "missing" markers (kept on purpose).
     */
    static boolean refusable(FieldRule rule) {
        return rule.converter() != null && !rule.converter().equals(AS_IS)
                && !ValueConverters.LOSSY.contains(rule.converter()) && rule.missing().isEmpty();
    }

    /** Every source name the map reads ({@code from} and {@code join}, nested {@code each} fields included). */
    public Set<String> sourceNames() {
        Set<String> names = new HashSet<>();
        collectSources(rules, names);
        return names;
    }

    private static void collectSources(List<FieldRule> rules, Set<String> names) {
        for (FieldRule rule : rules) {
            names.addAll(rule.from());
            names.addAll(rule.join());
            if (rule.eachFields() != null) {
                collectSources(rule.eachFields(), names);
            }
        }
    }

    /** Target field names in map order (dotted for nested fields). */
    public List<String> targets() {
        return rules.stream().map(FieldRule::target).toList();
    }

    /**
     * Loads and validates a map. {@code properties} resolves {@code property:} entries (null when unset); an
     * invalid map fails here, at start-up, with the file and entry in the message.
     */
    public static TransformMap load(Path file, Function<String, String> properties) throws IOException {
        JsonNode root = MappingFiles.readYaml(file);
        String name = MappingFiles.requiredText(file, root, "source");
        String target = MappingFiles.requiredText(file, root, "target");
        Map<String, Map<String, String>> valueMaps = new LinkedHashMap<>();
        root.path("valueMaps").fields().forEachRemaining(e -> {
            Map<String, String> table = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(v -> table.put(v.getKey(), v.getValue().asText()));
            valueMaps.put(e.getKey(), table);
        });
        List<FieldRule> rules = rules(file, "fields", root.path("fields"), valueMaps, properties);
        RoutingRules routing = RoutingRules.read(file, "map", root, "field");
        for (String field : routing.fields()) {
            if (rules.stream().noneMatch(rule -> rule.target().equals(field))) {
                throw new InvalidMappingException(file, "map.drop", "'" + field + "' is none of the map's target fields");
            }
        }
        return new TransformMap(name, target, List.copyOf(rules), routing);
    }

    private static List<FieldRule> rules(Path file, String where, JsonNode fields, Map<String, Map<String, String>> valueMaps,
                                         Function<String, String> properties) {
        if (!fields.isObject() || fields.isEmpty()) {
            throw new InvalidMappingException(file, where, "must map target fields to their sources");
        }
        List<FieldRule> rules = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            rules.add(rule(file, where, entry.getKey(), entry.getValue(), valueMaps, properties));
        }
        Set<String> targets = new HashSet<>();
        rules.forEach(rule -> targets.add(rule.target()));
        for (String target : targets) {
            for (int dot = target.indexOf('.'); dot > 0; dot = target.indexOf('.', dot + 1)) {
                if (targets.contains(target.substring(0, dot))) {
                    throw new InvalidMappingException(file, where + "." + target, "'" + target.substring(0, dot)
                            + "' is a target of its own: a field holds a value or nested fields, not both");
                }
            }
        }
        return List.copyOf(rules);
    }

    private static FieldRule rule(Path file, String parent, String target, JsonNode spec, Map<String, Map<String, String>> valueMaps,
                                  Function<String, String> properties) {
        String where = parent + "." + target;
        if (!TARGET.matcher(target).matches() || target.equals(EXTRA)) {
            throw new InvalidMappingException(file, where, "target names are camelCase (dots nest), not '" + EXTRA + "'");
        }
        if (!spec.isObject()) {
            throw new InvalidMappingException(file, where, "must be a mapping such as { from: \"Source key\" }");
        }
        for (Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
            String option = names.next();
            if (!Set.of("from", "fromPattern", "value", "property", "convert", "valueMap", "required", "each", "fields",
                    "missing", "distinct", "join", "separator", "list")
                    .contains(option)) {
                throw new InvalidMappingException(file, where, "unknown option '" + option + "'");
            }
        }
        List<String> from = MappingFiles.strings(spec.path("from"));
        Pattern pattern = null;
        if (spec.has("fromPattern")) {
            try {
                pattern = Pattern.compile(spec.get("fromPattern").asText());
            } catch (PatternSyntaxException e) {
                throw new InvalidMappingException(file, where + ".fromPattern", e.getDescription());
            }
        }
        JsonNode constant = spec.get("value");
        if (spec.has("property")) {
            String value = properties.apply(spec.get("property").asText());
            constant = value == null || value.isBlank() ? null : JSON.textNode(value);
        }
        List<String> join = MappingFiles.strings(spec.path("join"));
        int sources = (from.isEmpty() ? 0 : 1) + (pattern == null ? 0 : 1) + (spec.has("value") ? 1 : 0)
                + (spec.has("property") ? 1 : 0) + (spec.has("each") ? 1 : 0) + (join.isEmpty() ? 0 : 1);
        if (sources != 1) {
            throw new InvalidMappingException(file, where, "needs exactly one of from, fromPattern, value, property, each, join");
        }
        if (spec.has("separator") && join.isEmpty()) {
            throw new InvalidMappingException(file, where + ".separator", "goes with join (the sources it puts together)");
        }
        if (spec.has("each") != spec.has("fields")) {
            throw new InvalidMappingException(file, where, "each (a list path) and fields (what each element maps to) go together");
        }
        if (spec.has("each")) {
            return new FieldRule(target, List.of(), null, null, null, null, spec.path("required").asBoolean(false),
                    spec.get("each").asText(), rules(file, where + ".fields", spec.get("fields"), valueMaps, properties),
                    Map.of(), Set.of(), false, List.of(), "", false);
        }
        String converter = spec.has("convert") ? spec.get("convert").asText() : null;
        if (converter != null && !ValueConverters.NAMES.contains(converter)) {
            throw new InvalidMappingException(file, where + ".convert", "unknown converter '" + converter
                    + "' (known: " + String.join(", ", ValueConverters.NAMES) + ")");
        }
        Map<String, String> valueMap = null;
        if (spec.has("valueMap")) {
            valueMap = valueMaps.get(spec.get("valueMap").asText());
            if (valueMap == null) {
                throw new InvalidMappingException(file, where + ".valueMap", "no valueMaps entry '"
                        + spec.get("valueMap").asText() + "'");
            }
        }
        boolean required = spec.path("required").asBoolean(false);
        if (required && spec.has("property") && constant == null) {
            throw new InvalidMappingException(file, where, "required property '" + spec.get("property").asText()
                    + "' is not set");
        }
        if (spec.has("missing") && !spec.get("missing").isArray()) {
            throw new InvalidMappingException(file, where + ".missing", "must be a list of the values that mean 'no value'");
        }
        return new FieldRule(target, from, pattern, constant, converter, valueMap, required, null, List.of(),
                new java.util.concurrent.ConcurrentHashMap<>(), Set.copyOf(MappingFiles.strings(spec.path("missing"))),
                spec.path("distinct").asBoolean(false), join, spec.path("separator").asText(""),
                spec.path("list").asBoolean(false));
    }

    /**
     * Maps one source record. Throws {@link RejectedInputException} when a required field has no usable value.
     *
     * @param zone the zone for source times that carry none
     */
    public ObjectNode apply(SourceRecord source, ZoneId zone) {
        Set<String> consumed = new HashSet<>(rules.size() * 2);
        ObjectNode out = mapFields(rules, source, zone, consumed);
        ObjectNode extra = JSON.objectNode();
        Map<String, List<String>> nestedByRoot = new HashMap<>();
        for (String path : consumed) {
            String root = root(path);
            if (root.length() != path.length()) {
                nestedByRoot.computeIfAbsent(root, r -> new ArrayList<>()).add(path);
            }
        }
        for (String name : source.names()) {
            if (consumed.contains(name) || name.startsWith("@")) {
                continue;
            }
            Object value = source.get(name);
            if (value == null) {
                continue;
            }
            List<String> nested = nestedByRoot.get(name);
            if (nested == null) {
                extra.set(name, value instanceof JsonNode node ? node : JSON.textNode(String.valueOf(value)));
                if (refusedNames.contains(name) && !(value instanceof JsonNode node && node.asText().isEmpty())) {
                    UnconvertedValues.count(this.name, name);
                }
            } else if (value instanceof JsonNode node && node.isContainerNode()) {
                // read in part: what no target read stays, where it was (extra.adapters[0].mask)
                JsonNode rest = ExtraValues.unread(name, node, nested);
                if (rest != null) {
                    extra.set(name, rest);
                }
            }
        }
        out.set(EXTRA, extra);
        return out;
    }

    /**
     * The first segment of a source path: {@code os} of {@code os.name}, {@code adapters} of {@code adapters[].addr}
     * (the parsed path's, remembered: this runs for every path a record's rules read).
     */
    private static String root(String path) {
        return JsonSourceRecord.segments(path)[0].field();
    }

    private static ObjectNode mapFields(List<FieldRule> rules, SourceRecord source, ZoneId zone, Set<String> consumed) {
        ObjectNode out = new ObjectNode(JSON, new java.util.LinkedHashMap<>(rules.size() * 2));
        for (FieldRule rule : rules) {
            JsonNode value = valueOf(rule, source, zone, consumed);
            if (value == null) {
                if (rule.required()) {
                    throw missing(rule);
                }
                continue;
            }
            set(out, rule.target(), value);
        }
        return out;
    }

    static RejectedInputException missing(FieldRule rule) {
        return new RejectedInputException("required field '" + rule.target() + "' has no value (from "
                + (rule.each() != null ? rule.each() : rule.from().isEmpty() ? rule.fromPattern() : rule.from()) + ")");
    }

    /** Each element of the list at {@code rule.each()} mapped by the nested fields: lists of objects stay lists. */
    private static JsonNode eachOf(FieldRule rule, SourceRecord source, ZoneId zone, Set<String> consumed) {
        Object list = source.get(rule.each());
        if (!(list instanceof ArrayNode elements)) {
            return null;
        }
        ArrayNode out = JSON.arrayNode();
        Set<String> elementConsumed = new HashSet<>();
        for (JsonNode element : elements) {
            if (element.isObject()) {
                ObjectNode mapped = mapFields(rule.eachFields(), new JsonSourceRecord(element, Map.of()), zone, elementConsumed);
                if (!mapped.isEmpty()) {
                    out.add(mapped);
                }
            }
        }
        if (out.isEmpty()) {
            return null;
        }
        // what the elements' fields read, as paths from the record: the rest of each element stays in extra
        String listPath = rule.each().endsWith("[]") ? rule.each() : rule.each() + "[]";
        elementConsumed.forEach(path -> consumed.add(listPath + "." + path));
        return out;
    }

    private static JsonNode valueOf(FieldRule rule, SourceRecord source, ZoneId zone, Set<String> consumed) {
        JsonNode value = sourceValue(rule, source, zone, consumed);
        if (rule.list() && value != null && !value.isArray()) {
            return JSON.arrayNode().add(value);
        }
        return value;
    }

    /** The sources' values put together with the separator; none unless every one has a value. */
    private static JsonNode joined(FieldRule rule, SourceRecord source, ZoneId zone, Set<String> consumed) {
        StringBuilder out = new StringBuilder();
        for (String name : rule.join()) {
            String part = text(source.get(name));
            if (part == null || part.isEmpty()) {
                return null;
            }
            out.append(out.isEmpty() ? "" : rule.separator()).append(part);
        }
        JsonNode converted = convert(rule, out.toString(), zone);
        if (converted != null) {
            consumed.addAll(rule.join());
        }
        return converted;
    }

    private static JsonNode sourceValue(FieldRule rule, SourceRecord source, ZoneId zone, Set<String> consumed) {
        if (!rule.join().isEmpty()) {
            return joined(rule, source, zone, consumed);
        }
        if (rule.each() != null) {
            return eachOf(rule, source, zone, consumed);
        }
        if (rule.constant() != null) {
            return rule.constant();
        }
        if (rule.fromPattern() != null) {
            ArrayNode list = JSON.arrayNode();
            for (String name : source.names()) {
                if (rule.matches(name)) {
                    JsonNode converted = convert(rule, text(source.get(name)), zone);
                    if (converted != null) {
                        list.add(converted);
                        consumed.add(name);
                    }
                }
            }
            return list.isEmpty() ? null : list;
        }
        if (AS_IS.equals(rule.converter())) {
            return asIs(rule, source, consumed);
        }
        for (String name : rule.from()) {
            Object value = source.get(name);
            if (value instanceof ArrayNode list) {
                ArrayNode converted = JSON.arrayNode();
                Set<JsonNode> added = rule.distinct() ? new HashSet<>() : null;
                list.forEach(item -> {
                    JsonNode one = convert(rule, text(item), zone);
                    if (one != null && !one.isMissingNode() && (added == null || added.add(one))) {
                        converted.add(one);
                    }
                });
                if (!converted.isEmpty()) {
                    consumeUnlessLossy(rule, name, consumed);
                    return converted;
                }
                continue;
            }
            String raw = text(value);
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            JsonNode converted = convert(rule, raw, zone);
            if (converted != null) {
                consumeUnlessLossy(rule, name, consumed);
                return converted.isMissingNode() ? null : converted;
            }
        }
        return null;
    }

    /** The first source value as it came, whatever its shape (an object, a list, a string holding JSON). */
    private static JsonNode asIs(FieldRule rule, SourceRecord source, Set<String> consumed) {
        for (String name : rule.from()) {
            Object value = source.get(name);
            if (value != null) {
                consumed.add(name);
                return value instanceof JsonNode node ? node : JSON.textNode(String.valueOf(value));
            }
        }
        return null;
    }

    /** A value a converter cut (bytes as MiB) stays in extra as it came; the others are read once converted. */
    private static void consumeUnlessLossy(FieldRule rule, String name, Set<String> consumed) {
        if (rule.converter() == null || !ValueConverters.LOSSY.contains(rule.converter())) {
            consumed.add(name);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof JsonNode node ? (node.isValueNode() ? node.asText() : node.toString()) : value.toString();
    }

    /**
     * The source value as the rule wants it: none for a value the map names as missing, through its value map, then its
     * converter ({@link ValueConverters}); MissingNode for a value that converts to "no value" (epoch 0), null for one
     * that does not convert.
     */
    static JsonNode convert(FieldRule rule, String raw, ZoneId zone) {
        // an immutable set hashes the value even when it is empty: asked only when there is something to find
        if (raw == null || !rule.missing().isEmpty() && rule.missing().contains(raw)) {
            return null;
        }
        String value = rule.valueMap() == null ? raw : rule.valueMap().getOrDefault(raw, raw);
        return rule.converter() == null ? JSON.textNode(value) : ValueConverters.convert(rule.converter(), value, zone);
    }

    private static void set(ObjectNode out, String target, JsonNode value) {
        if (target.indexOf('.') < 0) {
            out.set(target, value);
            return;
        }
        String[] path = TARGET_PATHS.computeIfAbsent(target, t -> t.split("\\."));
        ObjectNode object = out;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = object.get(path[i]);
            object = child instanceof ObjectNode nested ? nested : object.putObject(path[i]);
        }
        object.set(path[path.length - 1], value);
    }

    /** A nested target's steps ({@code identifiers.fqdn}), split once: the same String instances for every record. */
    private static final Map<String, String[]> TARGET_PATHS = new java.util.concurrent.ConcurrentHashMap<>();
}
