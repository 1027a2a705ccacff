package io.endpointbridge.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.Golden;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.sources.PolledSource;
import io.endpointbridge.sources.Sources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Nothing lost: every leaf value of every record of every golden input of every source is in the record
 * published for it, mapped or under {@code extra} where it was. Values may change form on the way (a time is compared
 * as the instant it names, epoch seconds and milliseconds and day-first times too; a MAC address by its hex digits;
 * text without case; a value through the map's own value maps).
 */
public class NothingLostTest {

    static Stream<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        for (String source : Sources.names()) {
            try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden", source))) {
                files.filter(AssetMapsGoldenTest.GOLDEN_INPUT).sorted().forEach(pages::add);
            }
        }
        return pages.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void everyValueOfEveryAssetReachesItsRecord(Path page) throws IOException {
        String name = page.getParent().getFileName().toString();
        java.util.Optional<PolledSource> polled = Sources.find(name);
        String list = polled.map(PolledSource::assetList)
                .orElseGet(() -> Sources.findRecordSource(name).orElseThrow().recordList());
        String mappingFile = Sources.mappingFile(name);
        TransformMap map = TransformMap.load(Path.of("mappings", mappingFile), key -> null);
        java.util.Optional<io.endpointbridge.polling.RecordSource> records = Sources.findRecordSource(name);
        AssetPageMapper mapper = records.map(source -> source.pageMapper(map, ZoneId.of("UTC")))
                .orElseGet(() -> new AssetPageMapper(list, map, ZoneId.of("UTC")));
        JsonNode assets = mapper.read(Files.readAllBytes(page)).at(pointer(list));
        java.util.Map<String, String> valueMaps = new java.util.HashMap<>();
        io.endpointbridge.mapping.MappingFiles.readYaml(Path.of("mappings", mappingFile)).path("valueMaps")
                .forEach(table -> table.fields().forEachRemaining(e -> valueMaps.put(e.getKey(), e.getValue().asText())));
        List<String> lost = new ArrayList<>();
        for (JsonNode asset : assets) {
            JsonNode record;
            try {
                record = mapper.mapAsset(asset, AssetPageMapper.metadata("r", Instant.EPOCH)).record();
            } catch (RejectedInputException rejected) {
                continue; // a dead letter keeps the asset whole
            }
            Set<String> published = new HashSet<>();
            leaves(record, "", (path, text) -> forms(text).forEach(published::add));
            leaves(asset, "", (path, text) -> {
                List<String> forms = forms(text);
                if (valueMaps.containsKey(text)) {
                    forms.add(valueMaps.get(text).toLowerCase(Locale.ROOT));
                }
                if (forms.stream().noneMatch(published::contains)) {
                    lost.add(path + " = " + text);
                }
            });
        }
        assertEquals(List.of(), lost, page.getFileName() + ": values of the input in no form in the output");
    }

    static String pointer(String dotted) {
        return "/" + dotted.replace('.', '/');
    }

    interface Leaf {
        void accept(String path, String text);
    }

    static void leaves(JsonNode node, String path, Leaf each) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> leaves(f.getValue(), path + "." + f.getKey(), each));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), path + "[" + i + "]", each);
            }
        } else if (!node.isNull() && !node.asText().isEmpty()) {
            each.accept(path, node.asText());
        }
    }

    /** The forms a value may take in a record: its text without case, the instant it names, a MAC's hex digits. */
    public static List<String> forms(String text) {
        List<String> forms = new ArrayList<>();
        forms.add(text.toLowerCase(Locale.ROOT));
        try {
            forms.add("instant:" + OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            // not an ISO time
        }
        if (text.matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}")) {
            forms.add("instant:" + java.time.LocalDateTime.parse(text, java.time.format.DateTimeFormatter
                    .ofPattern("dd/MM/yyyy HH:mm:ss")).toInstant(java.time.ZoneOffset.UTC));
        }
        if (text.matches("\\d{9,13}")) {
            long n = Long.parseLong(text);
            forms.add("instant:" + (n >= 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n)));
        }
        // SEPM's API times are UTC with a blank for the T: 2024-06-26 14:02:50.0
        if (text.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            forms.add("instant:" + java.time.LocalDateTime.parse(text.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC));
        }
        // SES writes booleans as Yes/No (incidents) or "true"/"false" (events), SEPM as 1/0; published as true/false
        if (text.equalsIgnoreCase("yes") || text.equals("1")) {
            forms.add("true");
        } else if (text.equalsIgnoreCase("no") || text.equals("0")) {
            forms.add("false");
        }
        String hex = text.replaceAll("[-:.]", "");
        if (hex.length() == 12 && hex.matches("[0-9A-Fa-f]+")) {
            forms.add("mac:" + hex.toLowerCase(Locale.ROOT));
        }
        return forms;
    }
}
