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

    @Test
    void addressIdentifierAndTimeConvertersKeepOnlyWhatTheyRecognise() throws IOException {
        TransformMap map = load("""
                fields:
                  v4: { from: "ips[]", convert: ipv4 }
                  v6: { from: "ips[]", convert: ipv6 }
                  macs: { from: "macs[]", convert: mac, distinct: true }
                  uuid: { from: [key, uuid], convert: uuid }
                  fqdn: { join: [name, domain], separator: ".", convert: fqdn }
                  workgroupFqdn: { join: [name, workgroup], separator: ".", convert: fqdn }
                  offset: { from: bias, convert: windowsBias }
                  seen: { from: seen, convert: epochMillis }
                  never: { from: never, convert: epochMillis }
                  serial: { from: serial, missing: ["0"] }
                  versions: { from: version, list: true }
                  mib: { from: bytes, convert: mebibytes }
                  defsDay: { from: defs, convert: definitionsDate }
                  precise: { from: precise, convert: time }
                  micro: { from: micro, convert: time }
                  whole: { from: whole, convert: time }
                """);
        ObjectNode source = (ObjectNode) io.endpointbridge.Golden.JSON.readTree("""
                {"ips": ["10.1.2.3", "fe80::1%12", "2001:db8::1", "host.example", "999.1.1.1"],
                 "macs": ["08-00-27-E6-E5-59", "08:00:27:e6:e5:59", "0800.27e6.e55a", "not-a-mac"],
                 "key": "597057FB87284766266A402197C13D81", "uuid": "a25c0116-fd2f-0349-90fb-222743811ca4",
                 "name": "WS-1", "domain": "Corp.Example.com", "workgroup": "WORKGROUP", "bias": 480,
                 "seen": 1591897737728, "never": 0, "serial": "0", "version": "14.3", "bytes": 4294496256,
                 "defs": "200611002", "precise": "2024-01-02T03:04:05.877Z", "micro": "2024-01-02T03:04:05.877123+01:00",
                 "whole": "2024-01-02T03:04:05.000Z"}""");
        ObjectNode out = map.apply(new JsonSourceRecord(source, Map.of()), ZoneId.of("UTC"));
        assertEquals("[\"10.1.2.3\"]", out.get("v4").toString());
        assertEquals("[\"fe80::1%12\",\"2001:db8::1\"]", out.get("v6").toString());
        assertEquals("[\"08:00:27:E6:E5:59\",\"08:00:27:E6:E5:5A\"]", out.get("macs").toString(), "one form, no repeats");
        assertEquals("A25C0116-FD2F-0349-90FB-222743811CA4", out.get("uuid").asText(), "a hash that is no UUID is skipped");
        assertEquals("ws-1.corp.example.com", out.get("fqdn").asText());
        assertFalse(out.has("workgroupFqdn"), "NAME.WORKGROUP is no DNS name");
        assertEquals("-08:00", out.get("offset").asText(), "a bias of 480 minutes is UTC-8");
        assertEquals("2020-06-11T17:48:57.728Z", out.get("seen").asText(), "milliseconds kept");
        assertFalse(out.has("never"));
        assertFalse(out.has("serial"));
        assertEquals("[\"14.3\"]", out.get("versions").toString());
        assertEquals(4095, out.get("mib").asInt());
        assertEquals("2020-06-11", out.get("defsDay").asText());
        assertEquals("2024-01-02T03:04:05.877Z", out.get("precise").asText(), "fractions of a second are kept");
        assertEquals("2024-01-02T03:04:05.877123+01:00", out.get("micro").asText());
        assertEquals("2024-01-02T03:04:05Z", out.get("whole").asText());
        assertEquals(0, out.get("extra").get("never").asInt(), "epoch 0 is kept as it came");
        assertEquals("0", out.get("extra").get("serial").asText(), "a 'no value' marker is kept as it came");
    }

    @Test
    void joinAndItsSeparatorGoTogetherAndFlatMapsRefuseJsonOnlyOptions() throws IOException {
        assertTrue(invalid("fields:\n  a: { from: x, separator: \".\" }\n").contains("goes with join"));
        assertTrue(invalid("fields:\n  a: { from: x, join: [y, z] }\n").contains("needs exactly one of"));
        TransformMap map = load("fields:\n  a: { join: [x, y], separator: \"-\" }\n");
        assertThrows(IllegalArgumentException.class, map::forFlatRecords);
    }
}
