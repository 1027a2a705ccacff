package io.endpointbridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.endpointbridge.BridgeApplication;
import io.endpointbridge.core.Settings;
import io.endpointbridge.core.SettingsCheck;
import io.endpointbridge.polling.ApiCalls;
import io.endpointbridge.polling.ConnectionTest;
import io.endpointbridge.sources.PolledSource;
import io.endpointbridge.polling.RecordSource;
import io.endpointbridge.sources.Sources;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * {@code check-connection <source>}: the five connection checks of a registered polled source (by name or settings
 * prefix), one line each; exit 0 only when all pass.
 */
final class CheckConnectionCommand {

    private CheckConnectionCommand() {
    }

    static int run(Path home, String[] args) throws Exception {
        Optional<PolledSource> source = args.length == 2 ? Sources.find(args[1]) : Optional.empty();
        // a windowed or streamed source (ses-incidents, ses-events) calls its API with that API's client and token
        Optional<RecordSource> records = args.length == 2 ? Sources.findRecordSource(args[1]) : Optional.empty();
        if (source.isEmpty() && records.isPresent()) {
            source = Sources.find(records.get().api());
            System.out.println(args[1] + " reads the " + records.get().api() + " API with its client and token ("
                    + records.get().api() + ".*): checking that");
        }
        if (source.isEmpty()) {
            System.err.println("usage: endpoint-bridge check-connection <source>   (sources: "
                    + String.join(", ", Sources.prefixes()) + ", " + String.join(", ", Sources.names()) + ")");
            return 2;
        }
        List<String> problems = SettingsCheck.problems(CliSettings.load(home), Sources.settingsScope());
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("endpoint-bridge: setting " + problem));
            return 1;
        }
        // the source's token and probe routes and their beans only: no broker, no listener
        Main main = BridgeApplication.probe(home, source.get().name());
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            List<ConnectionTest.Step> steps = source.get().connectionTest(new Settings(context.getPropertiesComponent()),
                    new ApiCalls(context));
            System.out.print(ConnectionTest.text(steps));
            return ConnectionTest.allPassed(steps) ? 0 : 1;
        } finally {
            main.stop();
        }
    }
}
