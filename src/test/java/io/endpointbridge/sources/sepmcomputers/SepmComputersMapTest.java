package io.endpointbridge.sources.sepmcomputers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.sources.PolledSource;
import io.endpointbridge.sources.Sources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mappings/sepm-computers.yaml beyond its golden files: every target filled, and the same machine meets SES's. */
class SepmComputersMapTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/sepm-computers");

    static AssetPageMapper mapper(String source) throws IOException {
        PolledSource polled = Sources.find(source).orElseThrow();
        return new AssetPageMapper(polled.assetList(), TransformMap.load(Path.of("mappings", polled.mappingFile()),
                key -> null), ZoneId.of("UTC"));
    }

    static JsonNode first(AssetPageMapper mapper, String page) {
        return mapper.map(AssetPageMapper.parse(page.getBytes()), "r", Instant.EPOCH).records().get(0).record();
    }

    @Test
    void theSyntheticComputerFillsEveryMappedTarget() throws IOException {
        AssetPageMapper sepm = mapper("sepm-computers");
        JsonNode record = first(sepm, Files.readString(GOLDEN.resolve("every-field.json")));
        for (String target : sepm.transformMap().targets()) {
            JsonNode node = record;
            for (String part : target.split("\\.")) {
                node = node.path(part);
            }
            assertTrue(!node.isMissingNode() && !node.isNull(), "the synthetic computer leaves " + target + " empty");
        }
    }

    @Test
    void aSepmComputerAndAnSesDeviceOfTheSameMachineShareTheirIdentifiers() throws IOException {
        String sepm = "{\"content\":[{\"uniqueId\":\"U1\",\"computerName\":\"APP-01\",\"domainOrWorkgroup\":\"corp.example.com\","
                + "\"serialNumber\":\"7XK2H33\",\"uuid\":\"4c4c4544-0031-3010-8052-b4c04f4e3232\","
                + "\"hardwareKey\":\"597057FB87284766266A402197C13D81\",\"macAddresses\":[\"B0-26-28-00-00-01\",\"B0-26-28-00-00-01\"]}],"
                + "\"lastPage\":true,\"totalElements\":1}";
        String ses = "{\"total\":1,\"devices\":[{\"id\":\"d1\",\"host\":\"APP-01\",\"domain\":\"app-01.corp.example.com\","
                + "\"hw\":{\"serial\":\"7XK2H33\",\"uuid\":\"4C4C4544-0031-3010-8052-B4C04F4E3232\"},"
                + "\"adapters\":[{\"addr\":\"B0:26:28:00:00:01\"}]}]}";
        JsonNode fromSepm = first(mapper("sepm-computers"), sepm).get("identifiers");
        JsonNode fromSes = first(mapper("ses-devices"), ses).get("identifiers");
        for (String field : new String[] {"biosSerial", "hardwareUuid", "macAddresses", "hostName"}) {
            assertEquals(fromSes.get(field), fromSepm.get(field), field);
        }
        assertEquals("app-01.corp.example.com", fromSepm.get("fqdn").asText());
    }

    @Test
    void theLoginBodyCarriesThePasswordRawOrUrlEncoded() {
        assertEquals("p%26ss%2Bw%22rd%2541%20x", SepmToken.percentEncoded("p&ss+w\"rd%41 x"));
    }
}
