package io.endpointbridge.cli;

import java.nio.file.Path;
import java.util.Properties;

import io.endpointbridge.core.Settings;
import org.apache.camel.impl.DefaultCamelContext;

/** The properties `run` sees (application.properties, environment, -D) for commands that do not start Camel. */
final class CliSettings {

    private CliSettings() {
    }

    static Settings load(Path home) {
        Path root = home.toAbsolutePath().normalize();
        DefaultCamelContext context = new DefaultCamelContext();
        var properties = context.getPropertiesComponent();
        properties.setLocation("file:" + root.resolve("application.properties"));
        Properties initial = new Properties();
        initial.put(Settings.HOME_PROPERTY, root.toString());
        properties.setInitialProperties(initial);
        return new Settings(properties);
    }
}
