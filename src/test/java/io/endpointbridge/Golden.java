package io.endpointbridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Golden-file helpers: input lines as bytes, expected JSON Lines, regeneration, schema validation. */
public final class Golden {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private Golden() {
    }

    /** The lines of a file as raw bytes (split at LF, a trailing CR dropped), so encodings survive. */
    public static List<byte[]> lines(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                int end = i > start && all[i - 1] == '\r' ? i - 1 : i;
                if (end > start) {
                    lines.add(Arrays.copyOfRange(all, start, end));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** Every public SEP fixture line (src/test/resources/golden/sep-syslog/fixture-*.log), in file order. */
    /** A copy of mappings/ in a temporary directory, with {@code edit} applied to the file {@code name} in it. */
    public static Path mappingsWith(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path copy = Files.createTempDirectory("mappings");
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("mappings"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path edited = copy.resolve(name);
        Files.writeString(edited, edit.apply(Files.readString(edited)));
        return copy;
    }

    public static List<byte[]> sepFixtureLines() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("src/test/resources/golden/sep-syslog"))) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("fixture-.*\\.log")).sorted().toList()) {
                lines.addAll(lines(file));
            }
        }
        return lines;
    }

    /** Compares records with the expected file, or rewrites it when run with -Dgolden.update=true. */
    public static void compare(Path expectedFile, List<? extends JsonNode> actual) throws IOException {
        if (UPDATE) {
            if (actual.isEmpty()) {
                Files.deleteIfExists(expectedFile);
                return;
            }
            StringBuilder out = new StringBuilder();
            for (JsonNode record : actual) {
                out.append(JSON.writeValueAsString(record)).append('\n');
            }
            Files.writeString(expectedFile, out, StandardCharsets.UTF_8);
            return;
        }
        List<JsonNode> expected = new ArrayList<>();
        if (Files.exists(expectedFile)) {
            for (String line : Files.readAllLines(expectedFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    expected.add(JSON.readTree(line));
                }
            }
        }
        assertEquals(expected.size(), actual.size(), expectedFile.getFileName() + ": number of records");
        for (int i = 0; i < expected.size(); i++) {
            // through text, so that a long and an int of the same value compare equal
            JsonNode record = JSON.readTree(JSON.writeValueAsString(actual.get(i)));
            if (!expected.get(i).equals(record)) {
                fail(expectedFile.getFileName() + " record " + (i + 1) + " differs\nexpected: " + expected.get(i)
                        + "\nactual:   " + record);
            }
        }
    }

    public static JsonSchema schema(Path file) throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(file));
    }

    public static void assertValid(JsonSchema schema, JsonNode record, String where) {
        var errors = schema.validate(record);
        assertTrue(errors.isEmpty(), where + " does not validate: "
                + errors.stream().map(ValidationMessage::getMessage).toList());
    }
}
