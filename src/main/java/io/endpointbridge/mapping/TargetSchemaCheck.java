package io.endpointbridge.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A transform map may only write fields its published schema ({@code target:}, e.g. {@code security-event.v1} in
 * {@code schemas/security-event.v1.json}) has: the schemas are closed, so a renamed target would make every record
 * invalid for consumers. Checked wherever a map is loaded for use (start, reload, {@code map}, {@code validate}), so
 * such an edit is refused like a broken map.
 */
public final class TargetSchemaCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetSchemaCheck() {
    }

    /** Throws naming the map file and every target its schema does not have. */
    public static void require(Path mapFile, TransformMap map, Path schemasDir) throws IOException {
        Path schemaFile = schemasDir.resolve(map.targetSchema() + ".json");
        if (!Files.isRegularFile(schemaFile)) {
            throw new InvalidMappingException(mapFile, "target", "no schema " + schemaFile + " for '" + map.targetSchema() + "'");
        }
        JsonNode schema = JSON.readTree(schemaFile.toFile());
        List<String> unknown = new ArrayList<>();
        for (String target : map.targets()) {
            if (!declares(schema, target)) {
                unknown.add(target);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidMappingException(mapFile, "fields", "not in " + schemasDir.getFileName() + "/"
                    + schemaFile.getFileName() + ", so every record would break it: " + String.join(", ", unknown)
                    + " (a new field needs its entry in the schema first)");
        }
    }

    /** Whether the schema declares the (dotted) target, walking nested objects' properties. */
    private static boolean declares(JsonNode schema, String target) {
        JsonNode node = schema;
        for (String part : target.split("\\.")) {
            node = node.path("properties").path(part);
            if (node.isMissingNode()) {
                return false;
            }
            if (node.has("items") && !node.has("properties")) {
                node = node.get("items");
            }
        }
        return true;
    }
}
