package io.endpointbridge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.endpointbridge.cli.EndpointBridge;

/**
 * {@code endpoint-bridge run} as a separate process (as operators start it: settings from environment variables),
 * on free loopback ports with its data in a given directory, its output in a log file. For what needs a real process:
 * file locks, SIGKILL, the logs a secret must never reach.
 */
public final class BridgeProcess implements AutoCloseable {

    public final Process process;
    public final Path log;
    public final int httpPort;
    public final int syslogPort;
    /** HTTP_AUTH_TOKEN of the process, sent with every request when set. */
    private final String authToken;

    private BridgeProcess(Process process, Path log, int httpPort, int syslogPort, String authToken) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.syslogPort = syslogPort;
        this.authToken = authToken;
    }

    /** Defaults: syslog off, embedded broker on free ports, data under {@code data}; {@code env} overrides them. */
    public static BridgeProcess start(String name, Path data, Map<String, String> env, String... command) throws IOException {
        Map<String, String> settings = new HashMap<>();
        settings.put("SYSLOG_ENABLED", "false");
        settings.put("SYSLOG_BIND_ADDRESS", "127.0.0.1");
        settings.put("SYSLOG_TCP_PORT", String.valueOf(TestPorts.free()));
        settings.put("KAFKA_EMBEDDED_PORT", String.valueOf(TestPorts.free()));
        settings.put("KAFKA_EMBEDDED_CONTROLLER_PORT", String.valueOf(TestPorts.free()));
        settings.put("KAFKA_EMBEDDED_DATA_DIR", data.resolve("kafka").toString());
        settings.put("SPOOL_DIR", data.resolve("spool").toString());
        settings.put("CLUSTER_FILE_ROOT", data.resolve("cluster").toString());
        settings.put("HTTP_PORT", String.valueOf(TestPorts.free()));
        settings.put("CAMEL_MANAGEMENT_ENABLED", "false");
        settings.putAll(env);
        settings.putIfAbsent("SYSLOG_UDP_PORT", settings.get("SYSLOG_TCP_PORT"));
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dendpoint-bridge.home=" + Path.of(".").toAbsolutePath().normalize(), EndpointBridge.class.getName()));
        line.addAll(command.length == 0 ? List.of("run") : List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line);
        builder.environment().putAll(settings);
        Path log = Files.createTempFile(name, ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new BridgeProcess(builder.start(), log, Integer.parseInt(settings.get("HTTP_PORT")),
                Integer.parseInt(settings.get("SYSLOG_TCP_PORT")), settings.get("HTTP_AUTH_TOKEN"));
    }

    /** GET on the app's HTTP port; null while it does not answer. */
    public String get(String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path));
            if (authToken != null) {
                request.header("Authorization", "Bearer " + authToken);
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException notUpYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public boolean awaitUp(long millis) throws InterruptedException {
        return await(() -> get("/status") != null, millis);
    }

    /** Until the syslog TCP listener accepts connections (it may start after the HTTP server). */
    public boolean awaitSyslog(long millis) throws InterruptedException {
        return await(() -> {
            try (java.net.Socket probe = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), syslogPort)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }, millis);
    }

    public static boolean await(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, nothing flushed by the app. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an orchestrator stops it: Camel's graceful shutdown. */
    public boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
