package io.endpointbridge.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import io.endpointbridge.Golden;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.sources.PolledSource;
import io.endpointbridge.sources.Sources;
import io.endpointbridge.polling.RecordSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API pages of every registered source (asset and windowed) (the public fixtures as JSON and our own cases, under
 * golden/<source>/) through the source's transform map, compared with the committed expected records and rejects,
 * validated against the schema. A new source's golden files are picked up by its folder name.
 */
class AssetMapsGoldenTest {

    static final Path GOLDEN_ROOT = Path.of("src/test/resources/golden");
    static final Path GOLDEN = GOLDEN_ROOT.resolve("ses-devices");
    static final Path CSAM_GOLDEN = GOLDEN_ROOT.resolve("csam-assets");
    static final Map<String, AssetPageMapper> MAPPERS = new LinkedHashMap<>();
    /** Each source's schema and the prefix and field of its records' keys. */
    static final Map<String, JsonSchema> SCHEMAS = new LinkedHashMap<>();
    static final Map<String, java.util.function.Function<ObjectNode, String>> KEYS = new LinkedHashMap<>();
    static AssetPageMapper mapper;
    static AssetPageMapper csam;
    static JsonSchema schema;

    @BeforeAll
    static void load() throws IOException {
        for (PolledSource source : Sources.POLLED) {
            MAPPERS.put(source.name(), new AssetPageMapper(source.assetList(),
                    TransformMap.load(Path.of("mappings", source.mappingFile()), key -> null), ZoneId.of("UTC")));
        }
        schema = Golden.schema(Path.of("schemas/host-asset.v1.json"));
        for (PolledSource source : Sources.POLLED) {
            SCHEMAS.put(source.name(), schema);
            KEYS.put(source.name(), record -> source.keyPrefix() + record.get("externalAssetId").asText());
        }
        for (RecordSource source : Sources.recordSources()) {
            MAPPERS.put(source.name(), source.pageMapper(TransformMap.load(Path.of("mappings", source.mappingFile()),
                    key -> null), ZoneId.of("UTC")));
            SCHEMAS.put(source.name(), Golden.schema(Path.of("schemas", source.schema() + ".json")));
            KEYS.put(source.name(), record -> source.keyPrefix() + source.key(record));
        }
        mapper = MAPPERS.get("ses-devices");
        csam = MAPPERS.get("csam-assets");
    }

    /** Golden inputs: API pages, and mails for a source that also reads them (SEPM notifications). */
    static final java.util.function.Predicate<Path> GOLDEN_INPUT = file -> file.toString().endsWith(".json")
            || file.toString().endsWith(".eml");

    static Stream<Path> cases() throws IOException {
        List<Path> pages = new ArrayList<>();
        for (String source : Sources.names()) {
            Path folder = GOLDEN_ROOT.resolve(source);
            assertTrue(Files.isDirectory(folder), "every polled source has golden files: " + folder);
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(GOLDEN_INPUT).sorted().forEach(pages::add);
            }
        }
        return pages.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGoldenFile(Path page) throws IOException {
        String name = page.getFileName().toString().replaceFirst("\\.(json|eml)$", "");
        String source = page.getParent().getFileName().toString();
        AssetPageMapper.PageResult result = MAPPERS.get(source).map(MAPPERS.get(source).read(Files.readAllBytes(page)),
                "golden-run", Instant.parse("2026-11-23T12:00:00Z"));
        List<ObjectNode> records = new ArrayList<>();
        var key = KEYS.get(source);
        for (AssetPageMapper.Mapped mapped : result.records()) {
            Golden.assertValid(SCHEMAS.get(source), mapped.record(), name + " " + mapped.key());
            if (Sources.find(source).isPresent()) {
                assertEquals(key.apply(mapped.record()), mapped.key());
            }
            assertTrue(!key.apply(mapped.record()).isBlank(), name + ": every record has its Kafka key");
            records.add(mapped.record());
        }
        List<ObjectNode> rejects = new ArrayList<>();
        for (AssetPageMapper.Rejected rejected : result.rejects()) {
            ObjectNode reject = Golden.JSON.createObjectNode();
            reject.put("reason", rejected.reason());
            reject.set("raw", rejected.raw());
            rejects.add(reject);
        }
        Golden.compare(page.resolveSibling(name + ".expected.jsonl"), records);
        Golden.compare(page.resolveSibling(name + ".expected-rejects.jsonl"), rejects);
    }

    @Test
    void everyAdapterAddressIsKept() throws IOException {
        var result = mapper.map(AssetPageMapper.parse(Files.readAllBytes(GOLDEN.resolve("multi-adapter-and-missing-id.json"))),
                "r", Instant.EPOCH);
        ObjectNode multi = result.records().get(0).record();
        assertEquals(3, multi.get("ipAddress").size());
        assertEquals(4, multi.get("macAddress").size());
        assertEquals(4, multi.get("identifiers").get("macAddresses").size());
        assertEquals(2, result.rejects().size(), "devices without id are rejected");
        assertTrue(result.rejects().get(0).reason().contains("externalAssetId") || result.rejects().get(0).reason().contains("sourceAssetId"));
    }

    @Test
    void aPageWithoutDevicesOrNotJsonIsRejectedWhole() {
        var notJson = org.junit.jupiter.api.Assertions.assertThrows(io.endpointbridge.core.RejectedInputException.class,
                () -> AssetPageMapper.parse("{\"total\": 3, \"devices\": [{\"id\"".getBytes()));
        assertTrue(notJson.getMessage().startsWith("page is not valid JSON"), notJson.getMessage());
        var noList = org.junit.jupiter.api.Assertions.assertThrows(io.endpointbridge.core.RejectedInputException.class,
                () -> mapper.map(AssetPageMapper.parse("{\"total\": 3}".getBytes()), "r", Instant.EPOCH));
        assertEquals("page has no 'devices' list", noList.getMessage());
    }

    @Test
    void theSyntheticCsamAssetFillsEveryAttributeOfTheSeedTable() throws IOException {
        var record = csam.map(AssetPageMapper.parse(Files.readAllBytes(CSAM_GOLDEN.resolve("every-attribute.json"))), "r",
                Instant.EPOCH).records().get(0).record();
        for (String target : csam.transformMap().targets()) {
            String[] parts = target.split("\\.");
            var node = parts.length == 1 ? record.get(target) : record.path(parts[0]).get(parts[1]);
            assertTrue(node != null && !node.isNull(), "the synthetic asset leaves " + target + " empty");
        }
        for (String list : new String[] {"openPorts", "networkInterfaces", "software", "volumes", "services", "businessApps", "customAttributes"}) {
            record.get(list).forEach(element -> assertTrue(element.size() >= 2, list + " element mapped: " + element));
        }
        assertEquals(7, record.get("openPorts").get(0).size(), "every open-port attribute");
        assertEquals(7, record.get("networkInterfaces").get(0).size(), "every interface attribute");
        assertEquals(8, record.get("software").get(0).size(), "every software attribute");
        assertEquals(8, record.get("businessInformation").size());
        assertEquals(7, record.get("businessApps").get(0).size());
    }

    @Test
    void anSesDeviceAndACsamAssetOfTheSameMachineShareTheirIdentifiers() {
        String ses = "{\"total\":1,\"devices\":[{\"id\":\"d1\",\"host\":\"APP-01\",\"hw\":{\"serial\":\"7XK2H33\","
                + "\"uuid\":\"4C4C4544-0031\"},\"adapters\":[{\"addr\":\"B0:26:28:00:00:01\"}]}]}";
        String qualys = "{\"responseCode\":\"SUCCESS\",\"assetListData\":{\"asset\":[{\"assetId\":9,\"netbiosName\":\"APP-01\","
                + "\"biosSerialNumber\":\"7XK2H33\",\"hwUUID\":\"4C4C4544-0031\",\"networkInterfaceListData\":{\"networkInterface\":"
                + "[{\"macAddress\":\"B0:26:28:00:00:01\"}]}}]}}";
        var fromSes = mapper.map(AssetPageMapper.parse(ses.getBytes()), "r", Instant.EPOCH).records().get(0).record().get("identifiers");
        var fromCsam = csam.map(AssetPageMapper.parse(qualys.getBytes()), "r", Instant.EPOCH).records().get(0).record().get("identifiers");
        for (String field : new String[] {"biosSerial", "hardwareUuid", "macAddresses", "hostName"}) {
            assertEquals(fromSes.get(field), fromCsam.get(field), field);
        }
    }

    @Test
    void everyMappedTargetIsInTheSchema() throws IOException {
        for (AssetPageMapper each : MAPPERS.values()) {
            String schemaFile = each.transformMap().targetSchema() + ".json";
            var properties = Golden.JSON.readTree(Path.of("schemas", schemaFile).toFile()).get("properties");
            for (String target : each.transformMap().targets()) {
                String[] parts = target.split("\\.");
                var node = properties.path(parts[0]);
                if (parts.length > 1) {
                    node = node.path("properties").path(parts[1]);
                }
                assertTrue(!node.isMissingNode(), target + " missing from " + schemaFile);
            }
        }
    }
}
