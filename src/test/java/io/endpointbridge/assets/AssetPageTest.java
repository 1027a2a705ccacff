package io.endpointbridge.assets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.core.RejectedInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A page read as a stream: its paging fields whole, its assets a chunk at a time, in order, nothing left out. */
class AssetPageTest {

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theShellKeepsEveryFieldButTheAssetsAndTheChunksGiveEveryAssetInOrder() {
        StringBuilder devices = new StringBuilder();
        for (int n = 0; n < 2345; n++) {
            devices.append(n == 0 ? "" : ",").append("{\"id\":\"dev-").append(n).append("\",\"tags\":[1,{\"a\":[]}]}");
        }
        AssetPage page = AssetPage.read(bytes("{\"before\":{\"x\":[1,2]},\"devices\":[" + devices + "],\"total\":2345}"),
                "devices");
        assertEquals(2345, page.size());
        assertEquals("{\"before\":{\"x\":[1,2]},\"devices\":[],\"total\":2345}", page.shell().toString());
        List<Integer> firsts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        page.forEachChunk(1000, (first, assets) -> {
            firsts.add(first);
            assets.forEach(asset -> ids.add(asset.get("id").asText()));
        });
        assertEquals(List.of(0, 1000, 2000), firsts);
        assertEquals(2345, ids.size());
        for (int n = 0; n < ids.size(); n++) {
            assertEquals("dev-" + n, ids.get(n));
        }
    }

    @Test
    void aNestedListIsFoundAndItsSiblingsKept() {
        AssetPage page = AssetPage.read(bytes("{\"responseCode\":\"SUCCESS\",\"assetListData\":{\"asset\":[{\"assetId\":1},"
                + "{\"assetId\":2}],\"other\":true},\"hasMore\":0}"), "assetListData.asset");
        assertEquals(2, page.size());
        assertEquals("SUCCESS", page.shell().get("responseCode").asText());
        assertTrue(page.shell().at("/assetListData/other").asBoolean());
        List<JsonNode> all = new ArrayList<>();
        page.forEachChunk(300, (first, assets) -> all.addAll(assets));
        assertEquals(2, all.get(1).get("assetId").asInt());
    }

    @Test
    void brokenPagesAreRejectedWithTheReason() {
        assertTrue(assertThrows(RejectedInputException.class, () -> AssetPage.read(bytes("{\"devices\":[{\"id\":1},"), "devices"))
                .getMessage().startsWith("page is not valid JSON"));
        assertEquals("page is not a JSON object",
                assertThrows(RejectedInputException.class, () -> AssetPage.read(bytes("[1]"), "devices")).getMessage());
        AssetPage noList = AssetPage.read(bytes("{\"responseCode\":\"FAILED\"}"), "devices");
        assertEquals("FAILED", noList.shell().get("responseCode").asText(), "the shell is readable without a list");
        assertEquals("page has no 'devices' list", assertThrows(RejectedInputException.class, noList::size).getMessage());
        assertEquals("page has its asset list twice", assertThrows(RejectedInputException.class,
                () -> AssetPage.read(bytes("{\"devices\":[],\"devices\":[{}]}"), "devices")).getMessage());
    }
}
