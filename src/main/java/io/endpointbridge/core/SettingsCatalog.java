package io.endpointbridge.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting as one catalog, with application.properties as its only source of defaults and descriptions (the
 * comment right above a group of keys describes them) and the settings check as the source of their types.
 * {@code docs/configuration.md} is generated from it, and a test fails when the three drift apart.
 */
public final class SettingsCatalog {

    /** One setting: where it is listed, its environment name, default, kind of value, meaning, and whether secret. */
    public record Entry(String section, String key, String defaultValue, String type, String description, boolean secret) {

        /**
         * The environment variable that overrides it: upper case, dots and dashes as underscores; none for a
         * {@code camel.*} port, which Camel does not read from the environment (it skips {@code *_PORT} variables).
         */
        public String environmentName() {
            return Settings.environmentReadable(key) ? Settings.environmentName(key) : null;
        }
    }

    private static final Pattern SECTION = Pattern.compile("^# --- (.+?) -+$");
    private static final Pattern PROPERTY = Pattern.compile("^([a-z][a-z0-9.-]*)\\s*=\\s*(.*)$");

    private SettingsCatalog() {
    }

    public static List<Entry> read(Path applicationProperties, SettingsCheck.Scope scope) throws IOException {
        Map<String, String> types = SettingsCheck.types(scope);
        List<Entry> entries = new ArrayList<>();
        String section = "General";
        List<String> comment = new ArrayList<>();
        boolean commentUsed = false;
        for (String line : Files.readAllLines(applicationProperties)) {
            Matcher sectionLine = SECTION.matcher(line);
            Matcher property = PROPERTY.matcher(line);
            if (sectionLine.matches()) {
                section = sectionLine.group(1);
                comment.clear();
            } else if (line.startsWith("#")) {
                if (commentUsed) {
                    comment.clear();
                    commentUsed = false;
                }
                comment.add(line.substring(1).trim());
            } else if (property.matches()) {
                String key = property.group(1);
                entries.add(new Entry(section, key, property.group(2).trim(), types.getOrDefault(key, "text"),
                        String.join(" ", comment), Settings.isSecret(key)));
                commentUsed = true;
            } else if (line.isBlank()) {
                comment.clear();
                commentUsed = false;
            }
        }
        return entries;
    }

    /** The catalog as the operators' page, docs/configuration.md. */
    public static String markdown(List<Entry> entries) {
        StringBuilder page = new StringBuilder("""
                # Configuration

                Generated from `application.properties` (defaults and descriptions) and the settings check (types) by
                `mvn -B test -Dtest=ConfigurationDocsTest -Ddocs.update=true`; a test fails when they drift apart. Every key
                can be set in `application.properties`, as an environment variable (the name beside it) or as `-Dkey=value`
                in `JAVA_OPTS`. A value of the wrong kind stops `run` and `sync`, and `validate` names it. **secret**: read
                only from here or the environment, never logged, masked in Camel's start-up summary.
                """);
        String section = null;
        for (Entry entry : entries) {
            if (!entry.section().equals(section)) {
                section = entry.section();
                page.append("\n## ").append(section).append("\n\n")
                        .append("| key | environment | default | value | meaning |\n|---|---|---|---|---|\n");
            }
            page.append("| `").append(entry.key()).append("` | ").append(entry.environmentName() == null
                    ? "none: Camel skips `*_PORT` variables" : "`" + entry.environmentName() + "`").append(" | ")
                    .append(entry.defaultValue().isEmpty() ? "*(empty)*" : "`" + cell(entry.defaultValue()) + "`")
                    .append(" | ").append(entry.secret() ? "**secret**" : cell(entry.type())).append(" | ")
                    .append(cell(entry.description())).append(" |\n");
        }
        return page.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
