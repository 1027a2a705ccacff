package io.endpointbridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.endpointbridge.BridgeApplication;
import io.endpointbridge.core.Settings;
import io.endpointbridge.core.SettingsCheck;
import io.endpointbridge.mapping.MappingFiles;
import io.endpointbridge.mapping.TargetSchemaCheck;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.sep.SepLogTypes;
import io.endpointbridge.sources.Sources;
import org.apache.camel.main.Main;

/**
 * {@code validate}: what the integration team runs before deploying an edit. Checks the settings (each wrong value
 * with its key), loads every transform map and the SEP
 * log-type catalog, then builds every route (endpoint URIs and their options, property placeholders, bean references)
 * without starting a consumer, a broker or a listener. Each problem is printed with its file and, where it can be
 * found, its line; exit 1 on any.
 */
final class ValidateCommand {

    private static final Pattern ROUTE = Pattern.compile("route (?:id )?'?([\\w.-]+)'?|in route: Route\\(([\\w.-]+)\\)");
    private static final Pattern PLACEHOLDER = Pattern.compile("Property with key \\[([^\\]]+)\\] not found");
    private static final Pattern URI = Pattern.compile("endpoint: ([a-z-]+:[^\\s]+?)(?: due to|\\s|$)");

    private ValidateCommand() {
    }

    static int run(Path home) throws Exception {
        Path root = home.toAbsolutePath().normalize();
        Settings settings = CliSettings.load(root);
        List<String> problems = new ArrayList<>();
        List<String> settingsProblems = SettingsCheck.problems(settings, Sources.settingsScope());
        if (settingsProblems.isEmpty()) {
            System.out.println("ok      settings (application.properties, environment, -D)");
            Settings.ignoredEnvironment(System.getenv()).forEach(line -> System.out.println("WARN    " + line));
        }
        settingsProblems.forEach(problem -> problems.add("setting " + problem));
        Path mappings = settings.path("mappings.dir", "mappings");
        try (Stream<Path> files = Files.list(mappings)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    if (MappingFiles.readYaml(file).has("logTypes")) {
                        SepLogTypes.load(file);
                    } else {
                        TargetSchemaCheck.require(file, TransformMap.load(file, key -> settings.optional(key).orElse(null)),
                                settings.home().resolve("schemas"));
                    }
                    System.out.println("ok      " + root.relativize(file));
                } catch (RuntimeException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        String routes = problems.isEmpty() ? routes(root)
                : "routes: not built until the settings and maps above are fixed (routes use them)";
        if (routes == null) {
            System.out.println("ok      routes/*.camel.yaml (" + countRoutes(root) + " files)");
        } else {
            problems.add(routes);
        }
        problems.forEach(problem -> System.out.println("PROBLEM " + problem));
        return problems.isEmpty() ? 0 : 1;
    }

    /** Builds the routes with nothing started; null when they build, else the problem with file and line. */
    private static String routes(Path root) throws IOException {
        Properties overrides = new Properties();
        overrides.put("camel.main.auto-startup", "false");
        overrides.put("kafka.bootstrap-servers", "127.0.0.1:1");
        overrides.put("kafka.topics.create", "false");
        overrides.put("camel.server.enabled", "false");
        overrides.put("camel.management.enabled", "false");
        overrides.put("camel.metrics.enabled", "false");
        Main main = BridgeApplication.create(root, overrides);
        try {
            main.start();
            return null;
        } catch (Exception e) {
            StringBuilder message = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null && !message.toString().contains(t.getMessage())) {
                    message.append(message.isEmpty() ? "" : " <- ").append(t.getMessage());
                }
            }
            return locate(root, message.toString()) + message;
        } finally {
            main.stop();
        }
    }

    /** "routes/x.camel.yaml:12: " for the placeholder, endpoint or route the message names, when it is found. */
    private static String locate(Path root, String message) throws IOException {
        List<String> needles = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(message);
        if (m.find()) {
            needles.add("{{" + m.group(1) + "}}");
        }
        m = URI.matcher(message);
        if (m.find()) {
            String scheme = m.group(1).split("[:?]")[0];
            needles.add(scheme + ":");
        }
        m = ROUTE.matcher(message);
        while (m.find()) {
            needles.add("id: " + (m.group(1) != null ? m.group(1) : m.group(2)));
        }
        try (Stream<Path> files = Files.list(root.resolve("routes"))) {
            List<Path> routeFiles = files.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
            for (String needle : needles) {
                for (Path file : routeFiles) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).contains(needle)) {
                            return root.relativize(file) + ":" + (i + 1) + ": ";
                        }
                    }
                }
            }
        }
        return "routes: ";
    }

    private static long countRoutes(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("routes"))) {
            return files.filter(p -> p.toString().endsWith(".camel.yaml")).count();
        }
    }
}
