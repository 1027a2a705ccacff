package io.endpointbridge.cli;

import java.nio.file.Path;
import java.util.List;

import io.endpointbridge.polling.ConnectionTest;

/** {@code check-connection <source>}: the five connection checks, one line each; exit 0 only when all pass. */
final class CheckConnectionCommand {

    static final List<String> SOURCES = List.of("ses", "ses-devices", "csam", "csam-assets");

    private CheckConnectionCommand() {
    }

    static int run(Path home, String[] args) {
        if (args.length != 2 || !SOURCES.contains(args[1])) {
            System.err.println("usage: endpoint-bridge check-connection <source>   (sources: ses, csam)");
            return 2;
        }
        List<ConnectionTest.Step> steps = args[1].startsWith("ses") ? ConnectionTest.ses(CliSettings.load(home))
                : ConnectionTest.csam(CliSettings.load(home));
        System.out.print(ConnectionTest.text(steps));
        return ConnectionTest.allPassed(steps) ? 0 : 1;
    }
}
