package io.endpointbridge.mapping;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.Golden;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct tree writer produces exactly the bytes Jackson's ObjectMapper would, for every golden record and more. */
class JsonBytesTest {

    @Test
    void writesWhatObjectMapperWritesForEveryGoldenRecord() throws Exception {
        int records = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/golden"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode record = Golden.JSON.readTree(line);
                    assertEquals(Golden.JSON.writeValueAsString(record), new String(JsonBytes.of(record), StandardCharsets.UTF_8),
                            file + ": " + line);
                    records++;
                }
            }
        }
        assertTrue(records > 100, "golden records compared: " + records);
    }

    @Test
    void writesEveryKindOfValue() throws Exception {
        for (String json : List.of("{\"s\":\"a \\\"q\\\" \\u0001 é 漢 😀\",\"n\":-12,\"d\":1.5,\"big\":12345678901234567890,"
                        + "\"t\":true,\"f\":false,\"z\":null,\"a\":[1,\"x\",[],{}],\"o\":{\"p\":{\"q\":[null]}}}",
                "[]", "\"text\"", "0")) {
            JsonNode tree = Golden.JSON.readTree(json);
            assertEquals(Golden.JSON.writeValueAsString(tree), new String(JsonBytes.of(tree), StandardCharsets.UTF_8));
        }
    }
}
