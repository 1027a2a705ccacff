package io.endpointbridge.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's tables say what the code does: the commands are the launcher's, each topic is the default of the key it
 * names and every topic key is listed, each header a topic row names is one the code sets, and every setting the
 * configuration table names is in application.properties (docs/configuration.md is checked by ConfigurationDocsTest).
 */
class ReadmeTablesTest {

    static final Pattern TICKED = Pattern.compile("`([^`]+)`");

    static List<String[]> rows(String section) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## " + section + "\n");
        assertTrue(start >= 0, "README has a section " + section);
        int end = readme.indexOf("\n## ", start + 4);
        List<String[]> rows = new ArrayList<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (line.startsWith("| `")) {
                rows.add(line.split("\\|"));
            }
        }
        assertTrue(!rows.isEmpty(), "README's " + section + " has a table");
        return rows;
    }

    static List<String> ticked(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = TICKED.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static Map<String, String> defaults() throws IOException {
        Map<String, String> defaults = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("application.properties"))) {
            Matcher m = Pattern.compile("^([a-z][a-z0-9.-]*)\\s*=\\s*(.*)$").matcher(line);
            if (m.matches()) {
                defaults.put(m.group(1), m.group(2).trim());
            }
        }
        return defaults;
    }

    static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    @Test
    void theCommandsTableListsTheLaunchersCommands() throws IOException {
        Set<String> listed = rows("Commands").stream().map(row -> ticked(row[1]).get(0).split(" ")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> launcher = new TreeSet<>();
        Matcher m = Pattern.compile("case \"([a-z-]+)\" ->").matcher(
                Files.readString(Path.of("src/main/java/io/endpointbridge/cli/EndpointBridge.java")));
        while (m.find()) {
            launcher.add(m.group(1));
        }
        assertEquals(launcher, listed);
    }

    @Test
    void theTopicsTableNamesEachTopicByItsKeyAndEveryHeaderTheCodeSets() throws IOException {
        Map<String, String> defaults = defaults();
        String code = mainSources();
        Set<String> listedKeys = new TreeSet<>();
        Set<String> listedTopics = new TreeSet<>();
        for (String[] row : rows("Kafka topics and records")) {
            List<String> first = ticked(row[1]);
            String topic = first.get(0);
            listedTopics.add(topic);
            if (first.size() > 1 && first.get(1).startsWith("kafka.topic.")) {
                listedKeys.add(first.get(1));
                assertEquals(defaults.get(first.get(1)), topic, first.get(1) + "'s default");
            } else {
                assertTrue(topic.endsWith(".dlq") && listedTopics.contains(topic.substring(0, topic.length() - 4)),
                        topic + " names its key, or is the dead-letter topic of the row above");
            }
            // the headers: each ticked name outside parentheses (name or name=value) is set by the code
            String headers = row[4].replaceAll("\\([^)]*\\)", "");
            for (String header : ticked(headers)) {
                String name = header.split("=")[0];
                assertTrue(code.contains("setHeader(\"" + name + "\"") || code.contains("_HEADER = \"" + name + "\""),
                        topic + ": header " + name + " is set somewhere in src/main/java");
            }
        }
        Set<String> keys = defaults.keySet().stream().filter(k -> k.startsWith("kafka.topic."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(keys, listedKeys, "every kafka.topic.* key has its row");
    }

    @Test
    void everySettingTheConfigurationTableNamesIsInApplicationProperties() throws IOException {
        Set<String> defaults = defaults().keySet();
        List<String> missing = new ArrayList<>();
        for (String[] row : rows("Configuration")) {
            for (String key : ticked(row[1])) {
                if (key.startsWith(".") || key.contains("<") || key.contains("*")) {
                    continue;
                }
                if (!defaults.contains(key)) {
                    missing.add(key);
                }
            }
        }
        assertEquals(List.of(), missing, "named in README's configuration table but not in application.properties");
    }
}
