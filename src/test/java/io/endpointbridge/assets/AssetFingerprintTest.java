package io.endpointbridge.assets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.Golden;
import io.endpointbridge.mapping.JsonBytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fingerprints are kept in the state topic across releases: they must stay what the first release computed (SHA-256
 * of the compact JSON without runId, observedAt and changeType), or every asset would look updated after an upgrade.
 */
class AssetFingerprintTest {

    @Test
    void fingerprintsOfEveryGoldenAssetAreTheFirstReleasesAndIgnoreOnlyTheVolatileFields() throws Exception {
        int assets = 0;
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("src/test/resources/golden/ses-devices")),
                Files.list(Path.of("src/test/resources/golden/csam-assets")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".expected.jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    ObjectNode record = (ObjectNode) Golden.JSON.readTree(line);
                    record.put("runId", "run-1").put("observedAt", "2026-11-23T08:00:00.000Z").put("changeType", "created");
                    long fingerprint = AssetDelta.fingerprint(record);
                    assertEquals(firstRelease(record), fingerprint, file + ": " + line);

                    ObjectNode nextRun = record.deepCopy().put("runId", "run-2").put("changeType", "unchanged");
                    assertEquals(fingerprint, AssetDelta.fingerprint(nextRun), "volatile fields do not count");
                    ObjectNode changed = record.deepCopy().put("hostname", record.path("hostname").asText() + "-renamed");
                    assertNotEquals(fingerprint, AssetDelta.fingerprint(changed), "a changed field does");
                    assertWrittenOnce(record);
                    assets++;
                }
            }
        }
        assertTrue(assets >= 5, "golden assets: " + assets);
    }

    /**
     * The poller writes a record once: the published bytes and the fingerprint of the same serialization are those of
     * serializing it, and of fingerprinting it, apart; the change type added after is where ObjectNode.put adds it.
     */
    private static void assertWrittenOnce(ObjectNode published) {
        ObjectNode mapped = published.deepCopy();
        mapped.remove("changeType");
        AssetDelta.Fingerprinted once = AssetDelta.fingerprinted(mapped);
        assertEquals(AssetDelta.fingerprint(mapped), once.fingerprint());
        assertArrayEquals(JsonBytes.of(mapped), once.json());
        assertArrayEquals(JsonBytes.of(mapped.deepCopy().put("changeType", "updated")),
                once.withChangeType(mapped, "updated"));
        // a map that writes changeType itself: put replaces it in place
        ObjectNode own = published.deepCopy();
        AssetDelta.Fingerprinted withOwn = AssetDelta.fingerprinted(own);
        assertEquals(AssetDelta.fingerprint(own), withOwn.fingerprint());
        assertArrayEquals(JsonBytes.of(own.deepCopy().put("changeType", "unchanged")),
                withOwn.withChangeType(own, "unchanged"));
    }

    private static long firstRelease(ObjectNode record) throws Exception {
        ObjectNode stable = record.deepCopy();
        stable.remove(List.of("runId", "observedAt", "changeType"));
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(stable.toString().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(hash).getLong();
    }
}
