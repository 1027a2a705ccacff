package io.endpointbridge.sep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import io.endpointbridge.Golden;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.syslog.SyslogFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every SEP line in src/test/resources/golden/sep-syslog (the public fixtures and our own cases) through the
 * shipped transform map, compared with its committed expected output and validated against the event schema.
 */
class SepSyslogGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/sep-syslog");
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static SepEventNormalizer normalizer;
    static JsonSchema schema;

    @BeforeAll
    static void load() throws IOException {
        normalizer = SepEventNormalizer.load(Path.of("mappings"), ZoneId.of("UTC"), Clock.fixed(NOW, ZoneOffset.UTC),
                Set.of("SymantecServer"), key -> key.equals("xdr.customer-id") ? "d656b196-edb7-45e6-8485-3748a740d002" : null);
        schema = Golden.schema(Path.of("schemas/security-event.v1.json"));
    }

    static Stream<Path> cases() throws IOException {
        return Files.list(GOLDEN).filter(p -> p.toString().endsWith(".log")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGoldenFile(Path input) throws IOException {
        String name = input.getFileName().toString().replaceFirst("\\.log$", "");
        List<ObjectNode> records = new ArrayList<>();
        List<ObjectNode> rejects = new ArrayList<>();
        for (byte[] line : Golden.lines(input)) {
            SyslogFrame frame = SyslogFrame.accepted(line, "file", null, NOW);
            try {
                ObjectNode record = normalizer.normalize(frame).record();
                Golden.assertValid(schema, record, name + " record " + (records.size() + 1));
                records.add(record);
            } catch (RejectedInputException e) {
                rejects.add(DeadLetters.record(SepEventNormalizer.SOURCE, e.getMessage(), frame));
            }
        }
        Golden.compare(GOLDEN.resolve(name + ".expected.jsonl"), records);
        Golden.compare(GOLDEN.resolve(name + ".expected-rejects.jsonl"), rejects);
        if (name.startsWith("fixture-")) {
            assertTrue(rejects.isEmpty(), "every public fixture line must parse: " + rejects);
        }
    }

    @Test
    void everyFixtureLineIsCoveredAndAllTwelveLogTypesAppear() throws IOException {
        Set<String> types = new java.util.TreeSet<>();
        int lines = 0;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (Path expected : files.filter(p -> p.toString().endsWith(".expected.jsonl")).toList()) {
                for (String line : Files.readAllLines(expected)) {
                    JsonNode record = Golden.JSON.readTree(line);
                    types.add(record.get("logType").asText());
                    lines++;
                }
            }
        }
        assertEquals(Set.of("Administrative", "System", "Policy", "Agent Activity", "Agent System", "Agent Security",
                "Agent Traffic", "Agent Packet", "Agent Behavior", "Agent Proactive Detection", "Agent Risk",
                "Agent Scan"), types);
        assertTrue(lines >= 77, "golden records: " + lines);
    }

    @Test
    void everyMappedTargetIsDocumentedInTheSchema() throws IOException {
        JsonNode properties = Golden.JSON.readTree(Path.of("schemas/security-event.v1.json").toFile()).get("properties");
        for (String target : normalizer.transformMap().targets()) {
            JsonNode node = properties;
            for (String part : target.split("\\.")) {
                node = node.path(part);
                if (node.has("properties")) {
                    node = node.get("properties");
                }
            }
            assertTrue(!node.isMissingNode(), "target " + target + " is not in schemas/security-event.v1.json");
        }
    }
}
