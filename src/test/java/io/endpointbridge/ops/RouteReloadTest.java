package io.endpointbridge.ops;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.endpointbridge.RunningBridge;
import io.endpointbridge.TestPorts;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Route reload, the README's development setting, on a copy of the installation: each route file edited in turn
 * brings its routes back (the syslog listeners accept again, the schedule runs) and readiness stays UP; a file that
 * loses a route turns readiness DOWN naming it, until the file is fixed.
 */
class RouteReloadTest {

    static final long WAIT_MS = 20_000;

    @Test
    void everyRouteFileReloadsWithItsListenersAndSchedulesBack() throws Exception {
        Path home = Files.createTempDirectory("route-reload");
        for (String dir : List.of("routes", "mappings", "schemas")) {
            copy(Path.of(dir), home.resolve(dir));
        }
        Files.copy(Path.of("application.properties"), home.resolve("application.properties"));
        Properties p = new Properties();
        p.put("camel.main.routes-reload-enabled", "true");
        p.put("camel.main.routes-reload-directory", home.resolve("routes").toString());
        p.put("ses.enabled", "true");
        try (RunningBridge bridge = new RunningBridge(p, home.resolve("data"), TestPorts.free(), TestPorts.free(), home)) {
            CamelContext context = bridge.context();
            List<String> running = startedRoutes(context);
            assertTrue(running.contains("ses-devices-schedule") && running.contains("sep-syslog-receive-tcp"), running.toString());
            List<Path> files;
            try (Stream<Path> list = Files.list(home.resolve("routes"))) {
                files = list.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
            }
            for (Path file : files) {
                long reloadsBefore = reloads(context);
                Files.writeString(file, "\n# edited while running\n", StandardOpenOption.APPEND);
                awaitReload(context, reloadsBefore, file);
                assertEquals(running, startedRoutes(context), "after reloading " + file.getFileName());
                String ready = readiness(bridge);
                assertTrue(ready.startsWith("{\"status\":\"UP\""), file.getFileName() + ": " + ready);
                try (Socket tcp = new Socket()) {
                    tcp.connect(new InetSocketAddress("127.0.0.1", bridge.syslogPort), 2000);
                }
            }

            // an edit that breaks a route (a bean that does not exist): readiness names what is not running, and is UP
            // again with every route back once the file is fixed
            Path syslog = home.resolve("routes/sep-syslog.camel.yaml");
            String whole = Files.readString(syslog);
            long reloadsBefore = reloads(context);
            Files.writeString(syslog, whole.replace("ref: syslogDelivery\n            method: nextSegment",
                    "ref: noSuchBean\n            method: nextSegment"));
            awaitReload(context, reloadsBefore, syslog);
            String down = readiness(bridge);
            assertTrue(down.startsWith("{\"status\":\"DOWN\""), down);
            assertTrue(down.contains("(sep-syslog.camel.yaml:"), down);
            reloadsBefore = reloads(context);
            Files.writeString(syslog, whole);
            awaitReload(context, reloadsBefore, syslog);
            long deadline = System.currentTimeMillis() + WAIT_MS;
            while (!readiness(bridge).startsWith("{\"status\":\"UP\"") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(readiness(bridge).startsWith("{\"status\":\"UP\""), readiness(bridge));
            assertEquals(running, startedRoutes(context), "every route back after the fix");
        }
    }

    static List<String> startedRoutes(CamelContext context) {
        return context.getRoutes().stream().map(Route::getRouteId)
                .filter(id -> context.getRouteController().getRouteStatus(id) == ServiceStatus.Started)
                .sorted().collect(Collectors.toList());
    }

    /** The readiness answer operators and orchestrators see: {@code /observe/health/ready} on the management port. */
    static String readiness(RunningBridge bridge) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + bridge.managementPort + "/observe/health/ready")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** How many route reloads Camel has done or failed (its reload strategy counts them). */
    static long reloads(CamelContext context) {
        var strategy = context.hasService(org.apache.camel.support.RouteWatcherReloadStrategy.class);
        return strategy.getReloadCounter() + strategy.getFailedCounter();
    }

    static void awaitReload(CamelContext context, long before, Path file) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (reloads(context) <= before) {
            assertTrue(System.currentTimeMillis() < deadline, "no reload of " + file.getFileName());
            Thread.sleep(50);
        }
        // the reload counts before it starts the routes again
        Thread.sleep(500);
    }

    static void copy(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
