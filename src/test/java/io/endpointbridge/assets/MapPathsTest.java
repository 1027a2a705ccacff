package io.endpointbridge.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.mapping.JsonSourceRecord;
import io.endpointbridge.mapping.MappingFiles;
import io.endpointbridge.sources.PolledSource;
import io.endpointbridge.sources.Sources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every source path of every asset map reads a value in at least one of its source's golden inputs (the fixtures and
 * our synthetic every-field cases): a misspelt path ({@code operationStatus} for {@code operationalStatus}) reads
 * nothing anywhere and fails here instead of silently never arriving.
 */
class MapPathsTest {

    /** Each map file, with the golden inputs of every source that maps with it (the event stream and its search). */
    static Stream<String> maps() {
        return Sources.names().stream().map(Sources::mappingFile).distinct();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maps")
    void everySourcePathReadsAValueInSomeGoldenInput(String mappingFile) throws IOException {
        List<JsonNode> assets = new ArrayList<>();
        for (String source : Sources.names().stream().filter(name -> Sources.mappingFile(name).equals(mappingFile)).toList()) {
            String list = Sources.find(source).map(PolledSource::assetList)
                    .orElseGet(() -> Sources.findRecordSource(source).orElseThrow().recordList());
            java.util.Optional<io.endpointbridge.polling.RecordSource> records = Sources.findRecordSource(source);
            try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden", source))) {
                for (Path page : files.filter(AssetMapsGoldenTest.GOLDEN_INPUT).toList()) {
                    byte[] input = Files.readAllBytes(page);
                    // a record source's records as its map reads them: its own input reader and preparation
                    JsonNode parsed = records.isPresent() ? records.get().readInput(input) : AssetPageMapper.parse(input);
                    parsed.at("/" + list.replace('.', '/')).forEach(raw -> assets.add(raw.isObject() && records.isPresent()
                            ? records.get().prepare(raw) : raw));
                }
            }
        }
        TreeSet<String> dead = new TreeSet<>();
        check(MappingFiles.readYaml(Path.of("mappings", mappingFile)).path("fields"), assets, "", dead);
        assertEquals(new TreeSet<String>(), dead, mappingFile + ": paths that read nothing in any golden input");
    }

    private static void check(JsonNode fields, List<JsonNode> records, String where, TreeSet<String> dead) {
        fields.fields().forEachRemaining(field -> {
            JsonNode spec = field.getValue();
            if (spec.has("each")) {
                String list = spec.get("each").asText();
                List<JsonNode> elements = new ArrayList<>();
                for (JsonNode record : records) {
                    Object value = new JsonSourceRecord(record, Map.of()).get(list);
                    if (value instanceof JsonNode node && node.isArray()) {
                        node.forEach(elements::add);
                    }
                }
                if (elements.isEmpty()) {
                    dead.add(where + list);
                }
                check(spec.get("fields"), elements, where + list + " > ", dead);
                return;
            }
            List<String> paths = new ArrayList<>(MappingFiles.strings(spec.path("from")));
            paths.addAll(MappingFiles.strings(spec.path("join")));
            for (String path : paths) {
                if (!path.startsWith("@") && records.stream().noneMatch(r -> new JsonSourceRecord(r, Map.of()).get(path) != null)) {
                    dead.add(where + path);
                }
            }
        });
    }
}
