package io.endpointbridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The downstream contract: each topic schema has a sample record that validates, is documented in
 * docs/kafka-topics.md, and changes only additively against its released baseline (src/test/resources/
 * schema-baselines): a removed or retyped field, a new required field, a dropped enum value or a closed object
 * needs a new topic version (.v2), not an edit.
 */
class SchemaContractTest {

    static Stream<Path> schemas() throws IOException {
        return Files.list(Path.of("schemas")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void hasAValidSampleAndIsDocumented(Path schema) throws IOException {
        String name = schema.getFileName().toString();
        JsonNode sample = Golden.JSON.readTree(Path.of("schemas/samples", name).toFile());
        Golden.assertValid(Golden.schema(schema), sample, "schemas/samples/" + name);
        String docs = Files.readString(Path.of("docs/kafka-topics.md"));
        assertTrue(docs.contains("schemas/" + name), "docs/kafka-topics.md documents " + name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void changesOnlyAdditivelyWithinItsVersion(Path baseline) throws IOException {
        Path current = Path.of("schemas", baseline.getFileName().toString());
        assertTrue(Files.exists(current), current + " was removed: publish a new version instead");
        List<String> problems = new ArrayList<>();
        compare("", Golden.JSON.readTree(baseline.toFile()), Golden.JSON.readTree(current.toFile()), problems);
        assertTrue(problems.isEmpty(), current + " changed incompatibly (needs a new topic version): " + problems);
    }

    static Stream<Path> baselines() throws IOException {
        return Files.list(Path.of("src/test/resources/schema-baselines")).sorted();
    }

    @Test
    void theCompatibilityCheckCatchesARemovedFieldANewRequiredFieldAndANarrowedEnum() throws IOException {
        JsonNode before = Golden.JSON.readTree("{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"string\"},"
                + "\"b\":{\"type\":\"string\",\"enum\":[\"x\",\"y\"]}}}");
        JsonNode after = Golden.JSON.readTree("{\"type\":\"object\",\"required\":[\"a\",\"c\"],\"properties\":{\"a\":{\"type\":\"integer\"},"
                + "\"b\":{\"type\":\"string\",\"enum\":[\"x\"]},\"c\":{\"type\":\"string\"}},\"additionalProperties\":false}");
        List<String> problems = new ArrayList<>();
        compare("", before, after, problems);
        assertTrue(problems.size() == 4, problems.toString());
    }

    static void compare(String path, JsonNode before, JsonNode after, List<String> problems) {
        if (before.has("type") && !before.get("type").equals(after.get("type"))) {
            problems.add(path + ": type " + before.get("type") + " -> " + after.get("type"));
        }
        Set<String> required = new HashSet<>();
        before.path("required").forEach(r -> required.add(r.asText()));
        after.path("required").forEach(r -> {
            if (!required.contains(r.asText())) {
                problems.add(path + ": newly required " + r.asText());
            }
        });
        if (before.has("enum")) {
            Set<String> values = new HashSet<>();
            after.path("enum").forEach(v -> values.add(v.asText()));
            before.get("enum").forEach(v -> {
                if (!values.contains(v.asText())) {
                    problems.add(path + ": enum value " + v.asText() + " removed");
                }
            });
        }
        if (!before.path("additionalProperties").isBoolean() && after.path("additionalProperties").isBoolean()
                && !after.get("additionalProperties").asBoolean()) {
            problems.add(path + ": closed to additional properties");
        }
        for (Iterator<String> it = before.path("properties").fieldNames(); it.hasNext(); ) {
            String field = it.next();
            JsonNode now = after.path("properties").get(field);
            if (now == null) {
                problems.add(path + "/" + field + ": removed");
            } else {
                compare(path + "/" + field, before.get("properties").get(field), now, problems);
            }
        }
        if (before.has("items") && after.has("items")) {
            compare(path + "[]", before.get("items"), after.get("items"), problems);
        }
    }
}
