package io.endpointbridge;

import java.nio.file.Path;
import java.util.Properties;

import io.endpointbridge.core.Settings;
import org.apache.camel.main.Main;

/** The Camel Main that `run` starts and the end-to-end tests boot: configuration, routes and wiring from one home. */
public final class BridgeApplication {

    private BridgeApplication() {
    }

    /**
     * @param home      the installation directory holding application.properties, routes/ and mappings/
     * @param overrides properties that win over every other source (tests use them for ports and data dirs)
     */
    public static Main create(Path home, Properties overrides) {
        Main main = fromHome(home);
        main.configure().addConfiguration(new PolledSourcesConfiguration());
        main.configure().addConfiguration(new BridgeConfiguration());
        if (overrides != null && !overrides.isEmpty()) {
            main.setOverrideProperties(overrides);
        }
        return main;
    }

    /**
     * A Camel Main with only the polled sources' HTTP routes of one source ({@code <name>-token}, {@code -probe}) and
     * their beans, for {@code check-connection}: no broker, no listener, no pull.
     */
    public static Main probe(Path home, String source) {
        Main main = fromHome(home);
        main.configure().withRouteFilterIncludePattern(source + "-token," + source + "-probe," + source + "-logout");
        main.configure().addConfiguration(new PolledSourcesConfiguration());
        Properties quiet = new Properties();
        quiet.put("camel.server.enabled", "false");
        quiet.put("camel.management.enabled", "false");
        main.setOverrideProperties(quiet);
        return main;
    }

    /** A Camel Main with the settings and routes of the installation directory {@code home}. */
    private static Main fromHome(Path home) {
        Path root = home.toAbsolutePath().normalize();
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + root.resolve("application.properties"));
        main.addInitialProperty(Settings.HOME_PROPERTY, root.toString());
        main.configure().withRoutesIncludePattern("file:" + root.resolve("routes") + "/*.camel.yaml");
        return main;
    }
}
