package io.endpointbridge.cli;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.endpointbridge.BridgeApplication;
import io.endpointbridge.core.Settings;
import io.endpointbridge.core.SettingsCheck;
import io.endpointbridge.sources.Sources;

/**
 * {@code run}: the main job. Before Camel starts, the settings are checked and every port it is going to listen on is
 * tried, so a wrong value or a busy port is one line naming the key and the port ("Address already in use" from
 * deep inside Netty names neither), and nothing half-starts.
 */
final class RunCommand {

    /** A port the job listens on: its setting, protocol and the address it binds. */
    private record Listener(String key, boolean udp, String address, int port) {
    }

    private RunCommand() {
    }

    static int run(Path home) throws Exception {
        Settings settings = CliSettings.load(home);
        List<String> problems = SettingsCheck.problems(settings, Sources.settingsScope());
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("endpoint-bridge: setting " + problem));
            return 1;
        }
        Settings.ignoredEnvironment(System.getenv()).forEach(line -> System.err.println("endpoint-bridge: warning: " + line));
        for (Listener listener : listeners(settings)) {
            String busy = busy(listener);
            if (busy != null) {
                System.err.println("endpoint-bridge: " + (listener.udp() ? "UDP" : "TCP") + " port " + listener.port()
                        + " on " + listener.address() + " (" + listener.key() + ", " + Settings.environmentName(listener.key())
                        + ") is in use: " + busy + "; another endpoint-bridge or program listens there");
                return 1;
            }
        }
        BridgeApplication.create(home, null).run();
        return 0;
    }

    private static List<Listener> listeners(Settings settings) {
        List<Listener> listeners = new ArrayList<>();
        String syslog = settings.get("syslog.bind-address", "0.0.0.0");
        if (settings.getBoolean("syslog.enabled", true)) {
            listeners.add(new Listener("syslog.udp.port", true, syslog, settings.getInt("syslog.udp.port", 5514)));
            listeners.add(new Listener("syslog.tcp.port", false, syslog, settings.getInt("syslog.tcp.port", 5514)));
        }
        if (settings.getBoolean("syslog.tls.enabled", false)) {
            listeners.add(new Listener("syslog.tls.port", false, syslog, settings.getInt("syslog.tls.port", 6514)));
        }
        String http = settings.get("http.bind-address", "127.0.0.1");
        if (settings.getBoolean("camel.server.enabled", true)) {
            listeners.add(new Listener("http.port", false, http, settings.getInt("http.port", 8080)));
        }
        if (settings.getBoolean("camel.management.enabled", true)) {
            listeners.add(new Listener("management.port", false, http, settings.getInt("management.port", 8081)));
        }
        if (settings.optional("kafka.bootstrap-servers").isEmpty()) {
            String broker = settings.get("kafka.embedded.host", "127.0.0.1");
            listeners.add(new Listener("kafka.embedded.port", false, broker, settings.getInt("kafka.embedded.port", 9092)));
            listeners.add(new Listener("kafka.embedded.controller-port", false, broker,
                    settings.getInt("kafka.embedded.controller-port", 9093)));
        }
        return listeners;
    }

    /** Why the port cannot be bound, or null when it can (the probe is closed again at once). */
    private static String busy(Listener listener) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(listener.address()), listener.port());
            if (listener.udp()) {
                try (DatagramSocket socket = new DatagramSocket(null)) {
                    socket.bind(address);
                }
            } else {
                try (ServerSocket socket = new ServerSocket()) {
                    // as servers bind: a port whose last connections are in TIME_WAIT is free, one with a listener not
                    socket.setReuseAddress(true);
                    socket.bind(address);
                }
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
