package io.endpointbridge.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.RejectedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformMapTest {

    @TempDir
    Path dir;

    private TransformMap load(String yaml) throws IOException {
        Path file = dir.resolve("map.yaml");
        Files.writeString(file, "source: test\ntarget: test.v1\n" + yaml);
        return TransformMap.load(file, key -> key.equals("set.property") ? "from-config" : null);
    }

    private String invalid(String yaml) {
        return assertThrows(InvalidMappingException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void invalidMapsNameTheFileAndTheEntry() {
        assertTrue(invalid("fields:\n  a: { from: x, convert: date }\n").contains("fields.a.convert: unknown converter 'date'"));
        assertTrue(invalid("fields:\n  a: { from: x, valueMap: nope }\n").contains("fields.a.valueMap: no valueMaps entry 'nope'"));
        assertTrue(invalid("fields:\n  a: { convert: integer }\n").contains("needs exactly one of from, fromPattern, value, property"));
        assertTrue(invalid("fields:\n  Bad_Name: { from: x }\n").contains("camelCase"));
        assertTrue(invalid("fields:\n  a: { form: x }\n").contains("unknown option 'form'"));
        assertTrue(invalid("fields:\n  a: { from: x }\n  a: { from: y }\n").contains("Duplicate field 'a'"));
        assertTrue(invalid("fields:\n  a: { property: unset.property, required: true }\n").contains("required property 'unset.property' is not set"));
        assertTrue(invalid("fields:\n  os: { from: x }\n  os.name: { from: y }\n")
                .contains("fields.os.name: 'os' is a target of its own"));
        assertTrue(invalid("fields: [").contains("map.yaml: YAML"));
    }

    @Test
    void firstNonEmptySourceWinsAndWhatIsNotConsumedIsKeptInExtra() throws IOException {
        TransformMap map = load("""
                valueMaps:
                  sev: { INFO: Informational }
                fields:
                  name: { from: [Missing, Empty, Second] }
                  count: { from: Count, convert: integer }
                  when: { from: When, convert: time }
                  severity: { from: "@sev", valueMap: sev }
                  nested.value: { property: set.property }
                  unset: { property: unset.property }
                  ips: { fromPattern: "^IP \\\\d$" }
                """);
        Map<String, String> source = new LinkedHashMap<>();
        source.put("@sev", "INFO");
        source.put("Empty", "");
        source.put("Second", "chosen");
        source.put("Count", "twelve");
        source.put("When", "2024-01-02 03:04:05");
        source.put("IP 1", "10.0.0.1");
        source.put("IP 2", "10.0.0.2");
        source.put("Other", "kept");
        ObjectNode out = map.apply(SourceRecord.of(source), ZoneId.of("Europe/Paris"));
        assertEquals("chosen", out.get("name").asText());
        assertFalse(out.has("count"), "a value that does not convert is not set");
        assertEquals("2024-01-02T03:04:05+01:00", out.get("when").asText());
        assertEquals("Informational", out.get("severity").asText());
        assertEquals("from-config", out.get("nested").get("value").asText());
        assertFalse(out.has("unset"));
        assertEquals("[\"10.0.0.1\",\"10.0.0.2\"]", out.get("ips").toString());
        assertEquals("{\"Empty\":\"\",\"Count\":\"twelve\",\"Other\":\"kept\"}", out.get("extra").toString());
    }

    @Test
    void aRequiredFieldWithoutValueRejectsTheRecord() throws IOException {
        TransformMap map = load("fields:\n  id: { from: [id, uuid], required: true }\n");
        assertEquals("required field 'id' has no value (from [id, uuid])",
                assertThrows(RejectedInputException.class, () -> map.apply(SourceRecord.of(Map.of("x", "1")), ZoneId.of("UTC"))).getMessage());
    }
}
