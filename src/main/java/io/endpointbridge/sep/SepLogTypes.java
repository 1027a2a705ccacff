package io.endpointbridge.sep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.mapping.FlatRecord;
import io.endpointbridge.mapping.InvalidMappingException;
import io.endpointbridge.mapping.MappingFiles;
import io.endpointbridge.mapping.RoutingRules;

/**
 * The SEP log-type catalog ({@code mappings/sep-log-types.yaml}): how a payload's type is recognised from the keys it
 * carries, and what its positional (unkeyed) columns are called. Turns split columns into one flat record keyed by
 * SEP key or positional name; nothing is left out (unnamed positional columns become {@code columnN}, repeated keys
 * {@code Key (2)}).
 */
public final class SepLogTypes {

    /** Positional columns after a key, by name; {@code text}: those that are free text, where a colon is text. */
    record PositionalRun(Set<String> after, List<String> names, Set<String> text) {
    }

    record LogType(String name, Set<String> allOf, Set<String> anyOf, Set<String> noneOf,
                   Set<String> positionalAfter, List<String> leading, List<PositionalRun> runs,
                   RoutingRules routing) {

        boolean matches(Set<String> keys, Set<String> keysFollowedByPositional) {
            return keys.containsAll(allOf)
                    && (anyOf.isEmpty() || containsAny(keys, anyOf))
                    && !containsAny(keys, noneOf)
                    && (positionalAfter.isEmpty() || containsAny(keysFollowedByPositional, positionalAfter));
        }

        private static boolean containsAny(Set<String> keys, Set<String> wanted) {
            for (String key : wanted) {
                if (keys.contains(key)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A payload after recognition: its log type and every column by a name of its own, in payload order; the topic
     * its type is routed to (null: the events topic), and why it is not published (null: it is).
     */
    public record SepRecord(String logType, FlatRecord fields, String topic, String dropReason) {
    }

    /** The name of a log dump's severity column (sep-syslog.yaml reads it into dvcSeverity). */
    static final String SEVERITY_WORD = "severityWord";

    private final List<LogType> types;
    private final Set<String> continuationKeys;
    /** Keys SEP writes (the catalog's and the map's): one of them is a key even where free text is expected. */
    private final Set<String> knownKeys;
    /** Words a log dump writes as a line's severity in a leading column of its own (lower case). */
    private final Set<String> severityWords;

    private SepLogTypes(List<LogType> types, Set<String> continuationKeys, Set<String> knownKeys,
                        Set<String> severityWords) {
        this.types = types;
        this.continuationKeys = continuationKeys;
        this.knownKeys = knownKeys;
        this.severityWords = severityWords;
    }

    /** The same catalog, also knowing the keys a transform map reads (the {@code from} names of sep-syslog.yaml). */
    public SepLogTypes withKnownKeys(Set<String> mapKeys) {
        Set<String> known = new java.util.HashSet<>(knownKeys);
        known.addAll(mapKeys);
        return new SepLogTypes(types, continuationKeys, Set.copyOf(known), severityWords);
    }

    public static SepLogTypes load(Path file) throws IOException {
        JsonNode root = MappingFiles.readYaml(file);
        List<LogType> types = new ArrayList<>();
        JsonNode list = root.path("logTypes");
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidMappingException(file, "logTypes", "must be a non-empty list");
        }
        for (JsonNode node : list) {
            String name = MappingFiles.requiredText(file, node, "name");
            JsonNode match = node.path("match");
            List<PositionalRun> runs = new ArrayList<>();
            for (JsonNode run : node.path("positional")) {
                List<String> names = MappingFiles.strings(run.path("names"));
                List<String> text = MappingFiles.strings(run.path("text"));
                if (!names.containsAll(text)) {
                    throw new InvalidMappingException(file, "logTypes." + name + ".positional.text",
                            "names a column that is not in its names: " + text);
                }
                runs.add(new PositionalRun(Set.copyOf(MappingFiles.strings(run.path("after"))), names, Set.copyOf(text)));
            }
            LogType type = new LogType(name,
                    Set.copyOf(MappingFiles.strings(match.path("allOf"))),
                    Set.copyOf(MappingFiles.strings(match.path("anyOf"))),
                    Set.copyOf(MappingFiles.strings(match.path("noneOf"))),
                    Set.copyOf(MappingFiles.strings(match.path("positionalAfter"))),
                    MappingFiles.strings(node.path("leading")), runs,
                    RoutingRules.read(file, "logTypes." + name, node, "column"));
            if (type.allOf.isEmpty() && type.anyOf.isEmpty()) {
                throw new InvalidMappingException(file, "logTypes." + name + ".match", "needs allOf or anyOf keys");
            }
            types.add(type);
        }
        Set<String> continuation = Set.copyOf(MappingFiles.strings(root.path("continuationKeys")));
        Set<String> known = new java.util.HashSet<>(continuation);
        for (LogType type : types) {
            known.addAll(type.allOf());
            known.addAll(type.anyOf());
            known.addAll(type.noneOf());
            known.addAll(type.positionalAfter());
            type.runs().forEach(run -> known.addAll(run.after()));
        }
        Set<String> severityWords = new java.util.HashSet<>();
        MappingFiles.strings(root.path("severityWords")).forEach(word -> severityWords.add(word.toLowerCase(java.util.Locale.ROOT)));
        return new SepLogTypes(List.copyOf(types), continuation, Set.copyOf(known), Set.copyOf(severityWords));
    }

    public SepPayloadSplitter splitter() {
        return new SepPayloadSplitter(continuationKeys);
    }

    public SepRecord recognise(List<SepColumn> columns) {
        Set<String> keys = new java.util.HashSet<>();
        Set<String> followedByPositional = new java.util.HashSet<>();
        String previousKey = null;
        boolean repeatedKey = false;
        for (SepColumn column : columns) {
            if (column.isKeyed()) {
                repeatedKey |= !keys.add(column.key());
                previousKey = column.key();
            } else if (previousKey != null && !column.value().isEmpty()) {
                followedByPositional.add(previousKey);
            }
        }
        if (keys.isEmpty()) {
            throw new RejectedInputException("not a SEP event: no 'Key: Value' column");
        }
        for (LogType type : types) {
            if (type.matches(keys, followedByPositional)) {
                FlatRecord fields = name(type, columns, keys, repeatedKey, knownKeys, severityWords);
                return new SepRecord(type.name(), fields, type.routing().topic(),
                        type.routing().dropReason(fields::value));
            }
        }
        throw new RejectedInputException("unrecognised SEP log type: no rule in sep-log-types.yaml matches keys "
                + keys.stream().sorted().limit(12).toList());
    }

    /**
     * Every column with its name: keyed ones by key, positional ones by the type's names for their place. Names are
     * almost always distinct; when one repeats (a key sent twice, a positional name equal to a key) they are made
     * distinct with a suffix.
     */
    private static FlatRecord name(LogType type, List<SepColumn> columns, Set<String> keys, boolean repeatedKey,
                                   Set<String> knownKeys, Set<String> severityWords) {
        String[] names = new String[columns.size()];
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = columns.get(i).value();
        }
        boolean repeated = repeatedKey;
        int firstKeyed = 0;
        while (firstKeyed < columns.size() && !columns.get(firstKeyed).isKeyed()) {
            firstKeyed++;
        }
        // the leading run is named from its end: a column added in front (an empty one, a relay's) shifts nothing
        int unnamed = Math.max(0, firstKeyed - type.leading().size());
        Set<String> positional = new java.util.HashSet<>();
        for (int i = 0; i < firstKeyed; i++) {
            names[i] = i >= unnamed ? type.leading().get(type.leading().size() - firstKeyed + i)
                    // a log dump's severity word (Info, Warning, Error) in a column of its own before the named ones
                    : severityWords.contains(values[i].trim().toLowerCase(java.util.Locale.ROOT)) ? SEVERITY_WORD
                    : "column" + (i + 1);
            repeated |= keys.contains(names[i]) || !positional.add(names[i]);
        }
        // the positional run after the last key, found once per key (this is on every SEP line's path)
        PositionalRun run = null;
        List<String> runNames = List.of();
        int runIndex = 0;
        for (int i = firstKeyed; i < columns.size(); i++) {
            SepColumn column = columns.get(i);
            // where the type expects its free-text message, "Virus definitions are current: 5" is text, not a key
            boolean text = column.isKeyed() && runIndex < runNames.size() && run.text().contains(runNames.get(runIndex))
                    && !knownKeys.contains(column.key());
            if (column.isKeyed() && !text) {
                names[i] = column.key();
                run = run(type, column.key());
                runNames = run == null ? List.of() : run.names();
                runIndex = 0;
                continue;
            }
            if (text) {
                values[i] = column.key() + ": " + column.value();
            }
            names[i] = runIndex < runNames.size() ? runNames.get(runIndex) : "column" + (i + 1);
            repeated |= keys.contains(names[i]) || !positional.add(names[i]);
            runIndex++;
        }
        FlatRecord fields = new FlatRecord(columns.size() + 16);
        if (!repeated) {
            for (int i = 0; i < names.length; i++) {
                fields.add(names[i], values[i]);
            }
            return fields;
        }
        Map<String, String> distinct = new LinkedHashMap<>(columns.size() * 2);
        Map<String, Integer> repeats = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            put(distinct, repeats, names[i], values[i]);
        }
        distinct.forEach(fields::add);
        return fields;
    }

    private static PositionalRun run(LogType type, String afterKey) {
        for (PositionalRun run : type.runs()) {
            if (run.after().contains(afterKey)) {
                return run;
            }
        }
        return null;
    }

    /** Puts the field; a repeated name gets a suffix, " (2)", " (3)"... counted per name so that it stays linear. */
    private static void put(Map<String, String> fields, Map<String, Integer> repeats, String name, String value) {
        if (fields.putIfAbsent(name, value) == null) {
            return;
        }
        int n = repeats.getOrDefault(name, 2);
        String key = name + " (" + n + ")";
        while (fields.containsKey(key)) {
            key = name + " (" + ++n + ")";
        }
        repeats.put(name, n + 1);
        fields.put(key, value);
    }
}
