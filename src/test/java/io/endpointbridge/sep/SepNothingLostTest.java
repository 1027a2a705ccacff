package io.endpointbridge.sep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.Golden;
import io.endpointbridge.assets.NothingLostTest;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.mapping.MappingFiles;
import io.endpointbridge.syslog.SyslogFrame;
import io.endpointbridge.syslog.TextDecoding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Nothing lost, SEP syslog: every column value of every golden line (keyed or positional, the payload's columns as
 * the splitter reads them, the syslog header's column excepted) is in the record published for it, in some form: as
 * it came, as the instant it names (SEP times are read in the SEPM zone), a MAC or hash by its hex digits, or through
 * the map's value maps.
 */
class SepNothingLostTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/sep-syslog");
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    static Stream<Path> cases() throws IOException {
        return Files.list(GOLDEN).filter(p -> p.toString().endsWith(".log")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyColumnValueReachesItsRecord(Path input) throws IOException {
        SepEventNormalizer normalizer = SepEventNormalizer.load(Path.of("mappings"), ZoneId.of("UTC"),
                Clock.fixed(NOW, ZoneOffset.UTC), Set.of("SymantecServer"), key -> null);
        SepPayloadSplitter splitter = SepLogTypes.load(Path.of("mappings", SepEventNormalizer.LOG_TYPES_FILE)).splitter();
        java.util.Map<String, String> valueMaps = new java.util.HashMap<>();
        MappingFiles.readYaml(Path.of("mappings", SepEventNormalizer.MAPPING_FILE)).path("valueMaps")
                .forEach(table -> table.fields().forEachRemaining(e -> valueMaps.put(e.getKey().toLowerCase(Locale.ROOT),
                        e.getValue().asText().toLowerCase(Locale.ROOT))));
        List<String> lost = new ArrayList<>();
        int line = 0;
        for (byte[] raw : Golden.lines(input)) {
            line++;
            JsonNode record;
            try {
                record = normalizer.normalize(SyslogFrame.accepted(raw, "file", null, NOW)).record();
            } catch (RejectedInputException rejected) {
                continue; // a dead letter keeps the line whole
            }
            Set<String> published = new HashSet<>();
            leaves(record, text -> NothingLostTest.forms(text).forEach(published::add));
            List<SepColumn> columns = splitter.split(TextDecoding.decode(raw).text());
            for (SepColumn column : columns.subList(1, columns.size())) {
                String value = column.value().trim();
                // an empty value, or a key with nothing after it that the header-less split saw as positional
                if (value.isEmpty() || !column.isKeyed() && value.endsWith(":") && value.indexOf(':') == value.length() - 1) {
                    continue;
                }
                List<String> forms = NothingLostTest.forms(value);
                if (column.isKeyed()) {
                    // a free-text message with a colon in it is published whole
                    forms.add((column.key() + ": " + value).toLowerCase(Locale.ROOT));
                }
                String hex = value.replaceAll("[-:. ]", "").toLowerCase(Locale.ROOT);
                forms.add(hex);
                if (value.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
                    forms.add("instant:" + java.time.LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
                }
                if (valueMaps.containsKey(value.toLowerCase(Locale.ROOT))) {
                    forms.add(valueMaps.get(value.toLowerCase(Locale.ROOT)));
                }
                if (forms.stream().noneMatch(published::contains)) {
                    lost.add(input.getFileName() + ":" + line + " " + (column.isKeyed() ? column.key() + ": " : "") + value);
                }
            }
        }
        assertEquals(List.of(), lost, "column values in no form in the published record");
    }

    private static void leaves(JsonNode node, java.util.function.Consumer<String> each) {
        if (node.isContainerNode()) {
            node.forEach(child -> leaves(child, each));
        } else if (!node.isNull()) {
            each.accept(node.asText());
            each.accept(node.asText().replaceAll("[-:. ]", "").toLowerCase(Locale.ROOT));
        }
    }
}
