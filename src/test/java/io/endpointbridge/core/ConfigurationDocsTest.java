package io.endpointbridge.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.endpointbridge.sources.PolledSource;
import io.endpointbridge.sources.Sources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One source of truth for configuration: every key the code reads and every key the settings check types has its
 * default and description in application.properties, and docs/configuration.md is what they generate. After a
 * deliberate change: {@code mvn -B test -Dtest=ConfigurationDocsTest -Ddocs.update=true}.
 */
class ConfigurationDocsTest {

    static final Path PROPERTIES = Path.of("application.properties");
    static final Path DOCS = Path.of("docs/configuration.md");
    static final List<String> PREFIXES = Sources.POLLED.stream().map(PolledSource::prefix).toList();
    /** Read as settings.get("key"...), settings.getInt("key"...) and the like. */
    static final Pattern LITERAL_KEY = Pattern.compile(
            "settings\\.(?:get|getInt|getLong|getBoolean|getDuration|optional|path)\\(\"([a-z][a-z0-9.-]+)\"");
    /** Read per polled source as prefix + ".key". */
    static final Pattern PREFIXED_KEY = Pattern.compile("prefix \\+ \"(\\.[a-z][a-z0-9.-]+)\"");
    /** Optional and unset by default (a window for the schedule), described beside the cron: not listed as keys. */
    static final Set<String> OPTIONAL_UNSET = Set.of(".schedule.start", ".schedule.end");

    @Test
    void theDocsAreWhatTheCatalogGenerates() throws IOException {
        String generated = SettingsCatalog.markdown(SettingsCatalog.read(PROPERTIES, PREFIXES));
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOCS, generated);
        }
        assertEquals(generated, Files.readString(DOCS), "docs/configuration.md is stale: regenerate it (see above)");
    }

    @Test
    void everyKeyTheCodeReadsOrChecksHasItsDefaultInApplicationProperties() throws IOException {
        Set<String> listed = SettingsCatalog.read(PROPERTIES, PREFIXES).stream().map(SettingsCatalog.Entry::key)
                .collect(Collectors.toSet());
        Set<String> read = new TreeSet<>(SettingsCheck.types(PREFIXES).keySet());
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                Matcher literal = LITERAL_KEY.matcher(code);
                while (literal.find()) {
                    read.add(literal.group(1));
                }
                Matcher prefixed = PREFIXED_KEY.matcher(code);
                while (prefixed.find()) {
                    if (!OPTIONAL_UNSET.contains(prefixed.group(1))) {
                        for (String prefix : PREFIXES) {
                            read.add(prefix + prefixed.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(read.size() > 80, "the code's keys were found: " + read.size());
        read.removeAll(listed);
        // refused by name, not settings
        read.removeAll(SettingsCheck.RENAMED.keySet());
        assertEquals(Set.of(), read, "keys the code reads or checks without a default and description in application.properties");
    }

    @Test
    void everyListedKeyIsDescribedAndEverySecretIsEmpty() throws IOException {
        for (SettingsCatalog.Entry entry : SettingsCatalog.read(PROPERTIES, PREFIXES)) {
            assertTrue(!entry.description().isBlank(), entry.key() + " has no comment above it");
            assertTrue(!entry.secret() || entry.defaultValue().isEmpty(), entry.key() + " is a secret with a default");
        }
    }
}
