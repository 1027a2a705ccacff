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
        Path root = home.toAbsolutePath().normalize();
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + root.resolve("application.properties"));
        main.addInitialProperty(Settings.HOME_PROPERTY, root.toString());
        main.configure().withRoutesIncludePattern("file:" + root.resolve("routes") + "/*.camel.yaml");
        main.configure().addConfiguration(new BridgeConfiguration());
        if (overrides != null && !overrides.isEmpty()) {
            main.setOverrideProperties(overrides);
        }
        return main;
    }
}
