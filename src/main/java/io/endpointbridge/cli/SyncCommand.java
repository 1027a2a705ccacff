package io.endpointbridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import io.endpointbridge.BridgeApplication;
import io.endpointbridge.polling.Run;
import io.endpointbridge.polling.RunTracker;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.sources.PolledSource;
import io.endpointbridge.sources.Sources;
import io.endpointbridge.polling.StreamedSource;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.main.Main;

/**
 * {@code sync <source>}: one full pull now, with the same routes, maps and Kafka settings as `run` but no listeners
 * and no schedule. Prints the run record; exit 0 only when the run ended Processed.
 */
final class SyncCommand {

    private SyncCommand() {
    }

    static int run(Path home, String[] args) throws Exception {
        Optional<String> pull = args.length == 2 ? Sources.pullEndpoint(args[1]) : Optional.empty();
        if (pull.isEmpty()) {
            System.err.println("usage: endpoint-bridge sync <source>   (sources: " + String.join(", ", Sources.names()) + ")");
            return 2;
        }
        String source = Sources.find(args[1]).map(PolledSource::name).orElse(args[1]);
        // a stream that is not configured: its fallback reads the same records (ses-events -> the event-search API)
        Optional<StreamedSource> stream = Sources.STREAMED.stream().filter(s -> s.name().equals(args[1])).findFirst();
        if (stream.isPresent() && stream.get().fallback().isPresent() && !stream.get().configured(CliSettings.load(home))) {
            source = stream.get().fallback().get();
            pull = Sources.pullEndpoint(source);
            System.err.println("endpoint-bridge: no " + args[1] + " stream configured (" + stream.get().prefix()
                    + ".stream-id, .channel-id): reading with " + source);
        }
        Properties overrides = new Properties();
        overrides.put("syslog.enabled", "false");
        overrides.put("syslog.tls.enabled", "false");
        Sources.POLLED.forEach(each -> overrides.put(each.prefix() + ".enabled", "false"));
        Sources.recordSources().forEach(each -> {
            overrides.put(each.prefix() + ".enabled", "false");
            each.otherSwitches().forEach(other -> overrides.put(other, "false"));
        });
        // a sync never takes commands (a run does, on the leader)
        Sources.TARGETS.forEach(each -> overrides.put(each.prefix() + ".enabled", "false"));
        overrides.put("camel.server.enabled", "false");
        overrides.put("camel.management.enabled", "false");
        Main main = BridgeApplication.create(home, overrides);
        main.start();
        try {
            String failure = null;
            try {
                main.getCamelContext().createProducerTemplate().sendBody(pull.get(), null);
            } catch (CamelExecutionException e) {
                // the run's own failures end in its record; this is what even that could not handle (Kafka gone)
                failure = DeadLetters.reason(e.getCause() != null ? e.getCause() : e);
            }
            RunTracker tracker = main.getCamelContext().getRegistry().lookupByNameAndType("runTracker", RunTracker.class);
            List<Run> runs = tracker.runs(source);
            if (runs.isEmpty()) {
                System.err.println("endpoint-bridge: the " + source + " run did not start"
                        + (failure == null ? " (see the log above)" : ": " + failure));
                return 1;
            }
            Run run = runs.get(0);
            System.out.println(run.toJson());
            if (failure != null) {
                System.err.println("endpoint-bridge: the " + source + " run did not end cleanly: " + failure);
            }
            return run.state() == Run.State.PROCESSED && failure == null ? 0 : 1;
        } finally {
            main.stop();
        }
    }
}
