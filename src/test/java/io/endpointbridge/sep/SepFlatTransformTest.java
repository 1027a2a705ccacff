package io.endpointbridge.sep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import io.endpointbridge.Golden;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.mapping.FlatRecord;
import io.endpointbridge.mapping.FlatTransform;
import io.endpointbridge.mapping.JsonBytes;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.syslog.SyslogFrame;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The syslog path writes events with the transform map compiled for flat records ({@link FlatTransform}); the map's
 * generic engine ({@link TransformMap#apply}) is the reference. Both must give the same bytes (or the same rejection)
 * for every golden SEP line and for thousands of mutations of them: fields dropped, emptied, given odd values that do
 * or do not convert, pattern-named fields added.
 */
class SepFlatTransformTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final List<String> ODD_VALUES = List.of("", " ", "0", "-7", "12", "abc", "2024-01-02 03:04:05",
            "13/09/2024 08:20:13", "2024-09-13T08:20:13Z", "1726215613", "true", "Info", "ERR",
            "é \"q\" \\ \n\t 漢 😀", "Système café ÿ\u00a0\"q\"\t", "\u0001\u001f", "x".repeat(3000), "C:\\Temp\\\"a b\".exe\r\n");
    private static final List<String> EXTRA_NAMES = List.of("IP Address 3", "IP Address1", "MAC Address 2",
            "GATEWAY IP 1", "GATEWAY 4", "Duration (seconds)", "Signing timestamp", "Occurrences", "Device ID",
            "Computer name", "Begin", "Unknown key", "@severity", "@timestamp", "@hostname");

    @Test
    void compiledMapWritesWhatTheGenericMapWrites() throws Exception {
        SepEventNormalizer normalizer = SepEventNormalizer.load(Path.of("mappings"), ZoneOffset.UTC,
                Clock.fixed(NOW, ZoneOffset.UTC), Set.of("SymantecServer"),
                key -> key.equals("xdr.customer-id") ? "d656b196-edb7-45e6-8485-3748a740d002" : null);
        TransformMap map = normalizer.transformMap();
        FlatTransform flat = map.forFlatRecords();
        Random random = new Random(20261123);
        int compared = 0;
        int rejected = 0;
        for (FlatRecord golden : goldenRecords(normalizer)) {
            assertSame(map, flat, golden);
            compared++;
            for (int variant = 0; variant < 40; variant++) {
                FlatRecord mutated = mutate(golden, random);
                rejected += assertSame(map, flat, mutated) ? 0 : 1;
                compared++;
            }
        }
        assertTrue(compared > 3000, "records compared: " + compared);
        assertTrue(rejected > 10 && rejected < compared / 2, "rejections compared: " + rejected);
    }

    /** True when mapped, false when both rejected it with the same reason. */
    private static boolean assertSame(TransformMap map, FlatTransform flat, FlatRecord record) {
        String generic;
        try {
            generic = new String(JsonBytes.of(map.apply(record.asSource(), ZoneOffset.UTC)), StandardCharsets.UTF_8);
        } catch (RejectedInputException e) {
            generic = "rejected: " + e.getMessage();
        }
        String compiled;
        try {
            compiled = new String(flat.map(record, ZoneOffset.UTC).json(), StandardCharsets.UTF_8);
        } catch (RejectedInputException e) {
            compiled = "rejected: " + e.getMessage();
        }
        assertEquals(generic, compiled, () -> "record " + describe(record));
        return !generic.startsWith("rejected: ");
    }

    private static List<FlatRecord> goldenRecords(SepEventNormalizer normalizer) throws Exception {
        List<FlatRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden/sep-syslog"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                for (byte[] line : Golden.lines(file)) {
                    try {
                        records.add(normalizer.parse(SyslogFrame.accepted(line, "file", null, NOW)));
                    } catch (RejectedInputException notSep) {
                        // rejected before mapping: nothing to compare
                    }
                }
            }
        }
        assertTrue(records.size() >= 77, "golden SEP records: " + records.size());
        return records;
    }

    private static FlatRecord mutate(FlatRecord record, Random random) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < record.size(); i++) {
            int dice = random.nextInt(10);
            if (dice == 0 && !record.name(i).equals("@eventId")) {
                continue;
            }
            String value = dice == 1 ? ODD_VALUES.get(random.nextInt(ODD_VALUES.size())) : record.value(i);
            fields.put(record.name(i), value);
        }
        if (random.nextInt(50) == 0) {
            fields.remove("@eventId");
        }
        for (int added = random.nextInt(4); added > 0; added--) {
            fields.put(EXTRA_NAMES.get(random.nextInt(EXTRA_NAMES.size())), ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
        }
        FlatRecord mutated = new FlatRecord(fields.size());
        // the fields of an all-Latin-1 record are declared so, as the normalizer does for such a line: the compiled
        // map then copies them without a look at each character, and must still escape the quotes and controls and
        // encode the letters above ASCII
        if (fields.values().stream().allMatch(value -> value.chars().allMatch(c -> c <= 0xFF))) {
            mutated.latin1FromHere();
        }
        fields.forEach(mutated::add);
        return mutated;
    }

    private static String describe(FlatRecord record) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < record.size(); i++) {
            text.append(record.name(i)).append('=').append(record.value(i)).append("; ");
        }
        return text.toString();
    }
}
