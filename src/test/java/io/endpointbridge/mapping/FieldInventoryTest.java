package io.endpointbridge.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.sources.Sources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/fields.md, the field inventory consumers read, is generated from the transform maps: for each source every
 * published field and where it comes from, and what is kept in {@code extra}. The test fails when a map changes and
 * the page does not; after a deliberate change: {@code mvn -B test -Dtest=FieldInventoryTest -Ddocs.update=true}.
 */
class FieldInventoryTest {

    static final Path DOCS = Path.of("docs/fields.md");

    @Test
    void theFieldInventoryIsTheMapsOwn() throws IOException {
        List<String> maps = new ArrayList<>(List.of("sep-syslog.yaml"));
        Sources.names().stream().map(Sources::mappingFile).distinct().forEach(maps::add);
        StringBuilder page = new StringBuilder("""
                # Published fields, per source

                Generated from `mappings/*.yaml` by `FieldInventoryTest` (do not edit by hand). Each field takes the first
                of its sources that has a value; a source is a SEP key or positional column name, or a JSON path
                (`os.name`, `adapters[].addr`: every element of a list). **Kept**: every source value no field reads
                goes to the record's `extra` object where it was (nested objects and lists keep their structure,
                `extra.adapters[0].mask`), and so do values a field names as `missing` (no-value markers such as a
                serial number `0`), values a converter does not recognise (an address that is neither IPv4 nor IPv6), and
                the sources of converters that cut their value (`mebibytes`). **Dropped**: nothing.
                """);
        for (String file : maps) {
            JsonNode root = MappingFiles.readYaml(Path.of("mappings", file));
            page.append("\n## ").append(root.path("source").asText()).append(" → ").append(root.path("target").asText())
                    .append(" (`mappings/").append(file).append("`)\n\n| field | from | how |\n|---|---|---|\n");
            rows(root.path("fields"), "", page);
        }
        String generated = page.toString();
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOCS, generated);
        }
        assertEquals(generated, Files.readString(DOCS), "docs/fields.md is not the maps' own: regenerate it");
    }

    private static void rows(JsonNode fields, String prefix, StringBuilder page) {
        fields.fields().forEachRemaining(field -> {
            String target = prefix + field.getKey();
            JsonNode spec = field.getValue();
            if (spec.has("each")) {
                page.append("| `").append(target).append("[]` | each of `").append(spec.get("each").asText())
                        .append("` | a list, element by element |\n");
                rows(spec.get("fields"), target + "[].", page);
                return;
            }
            String from;
            if (spec.has("value")) {
                from = "constant `" + spec.get("value") + "`";
            } else if (spec.has("property")) {
                from = "setting `" + spec.get("property").asText() + "`";
            } else if (spec.has("fromPattern")) {
                from = "every key matching `" + spec.get("fromPattern").asText() + "`";
            } else if (spec.has("join")) {
                from = String.join(" + ", MappingFiles.strings(spec.get("join")).stream().map(s -> "`" + s + "`").toList())
                        + " joined by `" + spec.path("separator").asText() + "`";
            } else {
                from = String.join(", ", MappingFiles.strings(spec.path("from")).stream().map(s -> "`" + s + "`").toList());
            }
            List<String> how = new ArrayList<>();
            for (Map.Entry<String, String> option : Map.of("convert", "convert ", "valueMap", "value map ").entrySet()) {
                if (spec.has(option.getKey())) {
                    how.add(option.getValue() + spec.get(option.getKey()).asText());
                }
            }
            how.sort(null);
            if (spec.has("missing")) {
                how.add("no value: " + spec.get("missing"));
            }
            for (String flag : List.of("list", "distinct", "required")) {
                if (spec.path(flag).asBoolean(false)) {
                    how.add(flag);
                }
            }
            page.append("| `").append(target).append("` | ").append(from.replace("|", "\\|")).append(" | ")
                    .append(String.join(", ", how).replace("|", "\\|")).append(" |\n");
        });
    }
}
