package io.endpointbridge.cli;

import java.nio.file.Path;

import io.endpointbridge.BridgeApplication;
import io.endpointbridge.pipeline.Settings;

/** The launcher's entry point: {@code bin/endpoint-bridge <command>}. */
public final class EndpointBridge {

    static final String USAGE = """
            usage: endpoint-bridge <command>
              run                        start every enabled route (syslog listeners, pollers) and publish to Kafka
              map <source> [FILE]        preview a transform map offline: records as JSON Lines on stdout,
                                         rejects on stderr (sources: %s)
              sync <source>              run one pull now (not available yet)
              check-connection <source>  test reachability, TLS, authentication, scope, data fetch (not available yet)
              status                     show connector states and last runs (not available yet)
            """.formatted(String.join(", ", MapCommand.SOURCES));

    private EndpointBridge() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty(Settings.HOME_PROPERTY, "."));
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "run" -> BridgeApplication.create(home, null).run();
            case "map" -> System.exit(MapCommand.run(home, args));
            case "sync", "check-connection", "status" -> {
                System.err.println("endpoint-bridge: '" + command + "' is not available in this version yet");
                System.exit(2);
            }
            default -> {
                System.err.print(USAGE);
                System.exit(command.isEmpty() || command.equals("help") || command.equals("--help") ? 0 : 2);
            }
        }
    }
}
