package io.endpointbridge.sep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.mapping.InvalidMappingException;
import io.endpointbridge.mapping.MappingFiles;
import io.endpointbridge.pipeline.RejectedInputException;

/**
 * The SEP log-type catalog ({@code mappings/sep-log-types.yaml}): how a payload's type is recognised from the keys it
 * carries, and what its positional (unkeyed) columns are called. Turns split columns into one flat record keyed by
 * SEP key or positional name; nothing is left out (unnamed positional columns become {@code columnN}, repeated keys
 * {@code Key (2)}).
 */
public final class SepLogTypes {

    record PositionalRun(Set<String> after, List<String> names) {
    }

    record LogType(String name, Set<String> allOf, Set<String> anyOf, Set<String> noneOf,
                   Set<String> positionalAfter, List<String> leading, List<PositionalRun> runs) {

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

    /** A payload after recognition: its log type and every column by name, in payload order. */
    public record SepRecord(String logType, Map<String, String> fields) {
    }

    private final List<LogType> types;
    private final Set<String> continuationKeys;

    private SepLogTypes(List<LogType> types, Set<String> continuationKeys) {
        this.types = types;
        this.continuationKeys = continuationKeys;
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
                runs.add(new PositionalRun(Set.copyOf(MappingFiles.strings(run.path("after"))),
                        MappingFiles.strings(run.path("names"))));
            }
            LogType type = new LogType(name,
                    Set.copyOf(MappingFiles.strings(match.path("allOf"))),
                    Set.copyOf(MappingFiles.strings(match.path("anyOf"))),
                    Set.copyOf(MappingFiles.strings(match.path("noneOf"))),
                    Set.copyOf(MappingFiles.strings(match.path("positionalAfter"))),
                    MappingFiles.strings(node.path("leading")), runs);
            if (type.allOf.isEmpty() && type.anyOf.isEmpty()) {
                throw new InvalidMappingException(file, "logTypes." + name + ".match", "needs allOf or anyOf keys");
            }
            types.add(type);
        }
        return new SepLogTypes(List.copyOf(types), Set.copyOf(MappingFiles.strings(root.path("continuationKeys"))));
    }

    public SepPayloadSplitter splitter() {
        return new SepPayloadSplitter(continuationKeys);
    }

    public SepRecord recognise(List<SepColumn> columns) {
        Set<String> keys = new java.util.HashSet<>();
        Set<String> followedByPositional = new java.util.HashSet<>();
        String previousKey = null;
        for (SepColumn column : columns) {
            if (column.isKeyed()) {
                keys.add(column.key());
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
                return new SepRecord(type.name(), name(type, columns));
            }
        }
        throw new RejectedInputException("unrecognised SEP log type: no rule in sep-log-types.yaml matches keys "
                + keys.stream().sorted().limit(12).toList());
    }

    private static Map<String, String> name(LogType type, List<SepColumn> columns) {
        Map<String, String> fields = new LinkedHashMap<>(columns.size() * 2);
        Map<String, Integer> repeats = new java.util.HashMap<>();
        int firstKeyed = 0;
        while (firstKeyed < columns.size() && !columns.get(firstKeyed).isKeyed()) {
            firstKeyed++;
        }
        // the leading run is named from its end: a column added in front (an empty one, a relay's) shifts nothing
        int unnamed = Math.max(0, firstKeyed - type.leading().size());
        for (int i = 0; i < firstKeyed; i++) {
            String name = i < unnamed ? "column" + (i + 1) : type.leading().get(type.leading().size() - firstKeyed + i);
            put(fields, repeats, name, columns.get(i).value());
        }
        String lastKey = null;
        int runIndex = 0;
        for (int i = firstKeyed; i < columns.size(); i++) {
            SepColumn column = columns.get(i);
            if (column.isKeyed()) {
                put(fields, repeats, column.key(), column.value());
                lastKey = column.key();
                runIndex = 0;
                continue;
            }
            List<String> names = runNames(type, lastKey);
            put(fields, repeats, runIndex < names.size() ? names.get(runIndex) : "column" + (i + 1), column.value());
            runIndex++;
        }
        return fields;
    }

    private static List<String> runNames(LogType type, String afterKey) {
        for (PositionalRun run : type.runs()) {
            if (run.after().contains(afterKey)) {
                return run.names();
            }
        }
        return List.of();
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
