package io.endpointbridge;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Dockerfile can't be run here; this keeps its ports, environment and entry point in step with the app. */
class ContainerContractTest {

    @Test
    void dockerfileExposesTheConfiguredPortsAndStartsTheTestedLauncher() throws IOException {
        Properties defaults = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("application.properties"))) {
            defaults.load(reader);
        }
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String udp = defaults.getProperty("syslog.udp.port");
        String tcp = defaults.getProperty("syslog.tcp.port");
        assertTrue(dockerfile.contains("EXPOSE " + udp + "/udp " + tcp + "/tcp " + defaults.getProperty("http.port")
                + "/tcp " + defaults.getProperty("management.port") + "/tcp"), "EXPOSE matches the configured ports");
        assertTrue(dockerfile.contains("/dev/tcp/127.0.0.1/${MANAGEMENT_PORT:-" + defaults.getProperty("management.port")
                + "} && printf 'GET /observe/health"), "the health check asks the management port, wherever it was moved");
        assertTrue(dockerfile.contains("SYSLOG_UDP_PORT=" + udp) && dockerfile.contains("SYSLOG_TCP_PORT=" + tcp));
        assertTrue(dockerfile.contains("ENTRYPOINT [\"/opt/endpoint-bridge/bin/endpoint-bridge\"]"));
        assertTrue(dockerfile.contains("CMD [\"run\"]"));
        assertTrue(dockerfile.contains("USER bridge"), "runs as non-root");
        for (String dir : new String[] {"routes", "mappings", "schemas", "bin"}) {
            assertTrue(dockerfile.contains("COPY " + dir + " " + dir), "image carries " + dir);
        }
    }
}
