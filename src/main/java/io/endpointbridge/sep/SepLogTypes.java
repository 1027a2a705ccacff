package io.endpointbridge.sep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
     * A payload after recognition: its log type, the topic its type is routed to (null: the events topic), and every
     * column by a name of its own, in payload order, added to the record the caller makes.
     */
    public static final class SepRecord {

        private final Layout layout;
        private final List<SepColumn> columns;

        private SepRecord(Layout layout, List<SepColumn> columns) {
            this.layout = layout;
            this.columns = columns;
        }

        public String logType() {
            return layout.type().name();
        }

        public String topic() {
            return layout.type().routing().topic();
        }

        public int size() {
            return columns.size();
        }

        /** Adds every column under its name, in payload order. */
        public void addColumnsTo(FlatRecord record) {
            layout.addColumns(columns, record);
        }

        /** Why the type's drop rules drop the event whose fields the record has (null: it is published). */
        public String dropReason(FlatRecord fields) {
            return layout.type().routing().dropReason(fields::value);
        }
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

    /**
     * The payload's log type and its columns by name. Lines of one log type from one SEPM repeat the same few column
     * shapes, so a shape's naming is worked out once ({@link Layout}) and looked up by the columns' keys after that.
     */
    public SepRecord recognise(List<SepColumn> columns) {
        int slot = Layout.hash(columns) & (layouts.length - 1);
        Layout layout = layouts[slot];
        if (layout == null || !layout.fits(columns)) {
            layout = layout(columns);
            if (layout.reusable()) {
                layouts[slot] = layout;
            }
        }
        return new SepRecord(layout, columns);
    }

    /**
     * How the columns of one shape are named: the shape (each column's key, or whether a positional column is empty,
     * which is all that recognising and naming look at), its log type, each column's name, and the free-text columns
     * whose "Key: value" is one value. A shape with unnamed leading columns is named anew each time (their values
     * decide: a log dump's severity word).
     */
    private record Layout(String[] keys, boolean[] empty, LogType type, String[] names, boolean[] keyInValue,
                          boolean reusable) {

        static int hash(List<SepColumn> columns) {
            int h = columns.size();
            for (int i = 0; i < columns.size(); i++) {
                SepColumn column = columns.get(i);
                h = 31 * h + (column.isKeyed() ? column.key().hashCode() : column.value().isEmpty() ? 1 : 2);
            }
            return h ^ (h >>> 16);
        }

        boolean fits(List<SepColumn> columns) {
            if (columns.size() != keys.length) {
                return false;
            }
            for (int i = 0; i < keys.length; i++) {
                SepColumn column = columns.get(i);
                String key = column.key();
                if (keys[i] == null ? key != null || empty[i] != column.value().isEmpty() : !keys[i].equals(key)) {
                    return false;
                }
            }
            return true;
        }

        void addColumns(List<SepColumn> columns, FlatRecord fields) {
            for (int i = 0; i < names.length; i++) {
                SepColumn column = columns.get(i);
                fields.add(names[i], keyInValue[i] ? column.key() + ": " + column.value() : column.value());
            }
        }
    }

    private final Layout[] layouts = new Layout[1024];

    private Layout layout(List<SepColumn> columns) {
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
                return name(type, columns, keys, repeatedKey, knownKeys, severityWords);
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
    private static Layout name(LogType type, List<SepColumn> columns, Set<String> keys, boolean repeatedKey,
                               Set<String> knownKeys, Set<String> severityWords) {
        int n = columns.size();
        String[] names = new String[n];
        String[] shape = new String[n];
        boolean[] empty = new boolean[n];
        boolean[] keyInValue = new boolean[n];
        for (int i = 0; i < n; i++) {
            shape[i] = columns.get(i).key();
            empty[i] = shape[i] == null && columns.get(i).value().isEmpty();
        }
        boolean repeated = repeatedKey;
        int firstKeyed = 0;
        while (firstKeyed < n && !columns.get(firstKeyed).isKeyed()) {
            firstKeyed++;
        }
        // the leading run is named from its end: a column added in front (an empty one, a relay's) shifts nothing
        int unnamed = Math.max(0, firstKeyed - type.leading().size());
        Set<String> positional = new java.util.HashSet<>();
        for (int i = 0; i < firstKeyed; i++) {
            names[i] = i >= unnamed ? type.leading().get(type.leading().size() - firstKeyed + i)
                    // a log dump's severity word (Info, Warning, Error) in a column of its own before the named ones
                    : severityWords.contains(columns.get(i).value().trim().toLowerCase(java.util.Locale.ROOT))
                    ? SEVERITY_WORD : "column" + (i + 1);
            repeated |= keys.contains(names[i]) || !positional.add(names[i]);
        }
        // the positional run after the last key, found once per key
        PositionalRun run = null;
        List<String> runNames = List.of();
        int runIndex = 0;
        for (int i = firstKeyed; i < n; i++) {
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
            keyInValue[i] = text;
            names[i] = runIndex < runNames.size() ? runNames.get(runIndex) : "column" + (i + 1);
            repeated |= keys.contains(names[i]) || !positional.add(names[i]);
            runIndex++;
        }
        if (repeated) {
            distinct(names);
        }
        return new Layout(shape, empty, type, names, keyInValue, unnamed == 0);
    }

    /** Makes repeated names distinct in place: the first keeps its name, the next get " (2)", " (3)"... */
    private static void distinct(String[] names) {
        Set<String> taken = new java.util.HashSet<>(names.length * 2);
        Map<String, Integer> repeats = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (taken.add(name)) {
                continue;
            }
            int count = repeats.getOrDefault(name, 2);
            String distinct = name + " (" + count + ")";
            while (taken.contains(distinct)) {
                distinct = name + " (" + ++count + ")";
            }
            repeats.put(name, count + 1);
            taken.add(distinct);
            names[i] = distinct;
        }
    }

    private static PositionalRun run(LogType type, String afterKey) {
        for (PositionalRun run : type.runs()) {
            if (run.after().contains(afterKey)) {
                return run;
            }
        }
        return null;
    }
}
