package io.endpointbridge.cli;

import java.nio.file.Path;

import io.endpointbridge.core.Settings;
import io.endpointbridge.sources.Sources;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** The launcher's entry point: {@code bin/endpoint-bridge <command>}. */
public final class EndpointBridge {

    static final String USAGE = """
            usage: endpoint-bridge <command>
              run                        start every enabled route (syslog listeners, pollers) and publish to Kafka
              map <source> [FILE]        preview a transform map offline: records as JSON Lines on stdout,
                                         rejects on stderr (sources: %s)
              sync <source>              run one full pull now; prints the run record, exit 0 only if Processed
                                         (sources: %s)
              check-connection <source>  network reachability, TLS handshake, authentication, authorization scope
                                         and data fetch, each pass/fail with a reason; exit 0 only if all pass
                                         (sources: %s)
              status                     connector states, last runs and counts of the running application
              validate                   load every transform map and build every route without starting
                                         anything; each problem with file and line; exit 1 on any
            """.formatted(String.join(", ", MapCommand.sources()), String.join(", ", Sources.names()),
            String.join(", ", Sources.prefixes()));

    private EndpointBridge() {
    }

    /**
     * A command's result is on stdout; its log (stderr) says only what went wrong. {@code validate} builds every
     * route against a broker address nobody answers on, so the Kafka clients' connection warnings are its design,
     * not news.
     */
    private static void quietLogs(String command) {
        Configurator.setRootLevel(Level.WARN);
        if (command.equals("validate")) {
            Configurator.setLevel("org.apache.kafka", Level.ERROR);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty(Settings.HOME_PROPERTY, "."));
        String command = args.length == 0 ? "" : args[0];
        if (!command.equals("run")) {
            quietLogs(command);
        }
        switch (command) {
            case "run" -> {
                int exit = RunCommand.run(home);
                if (exit != 0) {
                    System.exit(exit);
                }
            }
            case "map" -> System.exit(MapCommand.run(home, args));
            case "sync" -> System.exit(SyncCommand.run(home, args));
            case "status" -> System.exit(StatusCommand.run(home));
            case "validate" -> System.exit(ValidateCommand.run(home));
            case "check-connection" -> System.exit(CheckConnectionCommand.run(home, args));
            default -> {
                System.err.print(USAGE);
                System.exit(command.isEmpty() || command.equals("help") || command.equals("--help") ? 0 : 2);
            }
        }
    }
}
