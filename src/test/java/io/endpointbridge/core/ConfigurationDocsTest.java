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
    static final List<String> PREFIXES = Sources.prefixes();
    /** Read as settings.get("key"...), settings.getInt("key"...) and the like. */
    static final Pattern LITERAL_KEY = Pattern.compile(
            "settings\\.(?:get|getInt|getLong|getBoolean|getDuration|optional|path)\\(\"([a-z][a-z0-9.-]+)\"");
    /** A literal key read with a literal fallback: settings.getInt("syslog.tcp.port", 5514). */
    static final Pattern LITERAL_DEFAULT = Pattern.compile(
            "settings\\.(?:get|getInt|getLong|getBoolean|getDuration)\\(\"([a-z][a-z0-9.-]+)\",\\s*(\"[^\"]*\"|[0-9]+L?(?: << [0-9]+)?|true|false)\\)");
    /** Read per polled source as prefix + ".key". */
    static final Pattern PREFIXED_KEY = Pattern.compile("prefix \\+ \"(\\.[a-z][a-z0-9.-]+)\"");
    /** Optional and unset by default (a window for the schedule), described beside the cron: not listed as keys. */
    static final Set<String> OPTIONAL_UNSET = Set.of(".schedule.start", ".schedule.end");

    @Test
    void theDocsAreWhatTheCatalogGenerates() throws IOException {
        String generated = SettingsCatalog.markdown(SettingsCatalog.read(PROPERTIES, Sources.settingsScope()));
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOCS, generated);
        }
        assertEquals(generated, Files.readString(DOCS), "docs/configuration.md is stale: regenerate it (see above)");
    }

    @Test
    void everyKeyTheCodeReadsOrChecksHasItsDefaultInApplicationProperties() throws IOException {
        Set<String> listed = SettingsCatalog.read(PROPERTIES, Sources.settingsScope()).stream().map(SettingsCatalog.Entry::key)
                .collect(Collectors.toSet());
        Set<String> read = new TreeSet<>(SettingsCheck.types(Sources.settingsScope()).keySet());
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
        for (SettingsCatalog.Entry entry : SettingsCatalog.read(PROPERTIES, Sources.settingsScope())) {
            assertTrue(!entry.description().isBlank(), entry.key() + " has no comment above it");
            assertTrue(!entry.secret() || entry.defaultValue().isEmpty(), entry.key() + " is a secret with a default");
        }
    }

    @Test
    void theCodesFallbackDefaultsAreTheFilesDefaults() throws IOException {
        java.util.Map<String, String> listed = SettingsCatalog.read(PROPERTIES, Sources.settingsScope()).stream()
                .collect(Collectors.toMap(SettingsCatalog.Entry::key, SettingsCatalog.Entry::defaultValue));
        List<String> drift = new java.util.ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher read = LITERAL_DEFAULT.matcher(Files.readString(file));
                while (read.find()) {
                    String key = read.group(1);
                    String fallback = literal(read.group(2));
                    checked++;
                    String value = listed.get(key);
                    // a value that is another key's placeholder ({{http.port}}) stands for that key's value
                    while (value != null && value.matches("\\{\\{[a-z0-9.-]+}}")) {
                        value = listed.get(value.substring(2, value.length() - 2));
                    }
                    // an empty value in the file means "unset": the code's fallback is then its own (a blank separator)
                    if (value != null && !value.isEmpty() && !value.equals(fallback)) {
                        drift.add(key + ": application.properties " + value + ", " + file.getFileName() + " " + fallback);
                    }
                }
            }
        }
        assertTrue(checked > 40, "the code's fallbacks were found: " + checked);
        assertEquals(List.of(), drift, "a fallback in the code that differs from application.properties");
    }

    /** The value a Java literal stands for: "text", 5514, 64L << 20, true. */
    private static String literal(String java) {
        if (java.startsWith("\"")) {
            return java.substring(1, java.length() - 1);
        }
        if (java.equals("true") || java.equals("false")) {
            return java;
        }
        String[] shift = java.replace("L", "").split(" << ");
        long value = Long.parseLong(shift[0]);
        return String.valueOf(shift.length == 2 ? value << Integer.parseInt(shift[1]) : value);
    }
}
