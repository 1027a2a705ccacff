package io.endpointbridge.cli;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.core.Settings;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.sep.SepEventNormalizer;
import io.endpointbridge.sep.SepSyslogProcessor;
import io.endpointbridge.sources.Sources;
import io.endpointbridge.polling.RecordSource;
import io.endpointbridge.syslog.SyslogFrame;

/**
 * {@code map <source> [FILE]}: runs the same parser and transform map as the routes over a file or stdin, with no
 * network and no Kafka. Syslog sources read one message per line, API sources one JSON page. One normalized record
 * per line on stdout ({@code --topics}: with the topic it goes to); each reject as one JSON line (the dead-letter
 * record, plus the line number for syslog) on stderr, and each line a log type's drop rule filters out as
 * {@code {"line", "logType", "filtered": reason}}; with {@code --check} each record that breaks its published schema as
 * {@code {"line"/"key", "invalid": [...]}} there too. Exit 0 unless the command itself is wrong (2) or, with
 * {@code --check}, a record breaks its schema (1).
 */
final class MapCommand {

    /** sep-syslog and every registered polled source. */
    static List<String> sources() {
        List<String> sources = new ArrayList<>(List.of(SepEventNormalizer.SOURCE));
        sources.addAll(Sources.names());
        return sources;
    }

    private MapCommand() {
    }

    static int run(Path home, String[] arguments) throws Exception {
        // --topics: each record line says the topic it goes to ({"topic": ..., "record": {...}})
        boolean topics = Arrays.asList(arguments).contains("--topics");
        // --check: each record is validated against its published schema; exit 1 when one breaks it
        boolean check = Arrays.asList(arguments).contains("--check");
        String[] args = Arrays.stream(arguments).filter(arg -> !arg.equals("--topics") && !arg.equals("--check"))
                .toArray(String[]::new);
        if (args.length < 2 || args.length > 3 || !sources().contains(args[1])) {
            System.err.println("usage: endpoint-bridge map [--topics] [--check] <source> [FILE]   (sources: "
                    + String.join(", ", sources()) + ")");
            return 2;
        }
        if (args.length == 3 && !Files.isReadable(Path.of(args[2]))) {
            System.err.println("endpoint-bridge: cannot read " + args[2] + " (no such file, or not readable)");
            return 2;
        }
        Settings settings = CliSettings.load(home);
        boolean syslog = args[1].equals(SepEventNormalizer.SOURCE);
        Optional<RecordSource> records = Sources.findRecordSource(args[1]);
        String schema = syslog ? SepSyslogProcessor.SCHEMA_VERSION
                : records.map(RecordSource::schema).orElse(AssetPageMapper.SCHEMA_VERSION);
        Checked checked = new Checked(check ? RecordCheck.of(settings.home(), schema) : null, System.err);
        try (InputStream in = args.length == 3 ? Files.newInputStream(Path.of(args[2])) : System.in;
             Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            if (syslog) {
                mapLines(new BufferedInputStream(in), SepEventNormalizer.fromSettings(settings, Clock.systemUTC()),
                        settings.getInt("syslog.max-message-bytes", 65536),
                        topics ? settings.get("kafka.topic.events", "security.events.sep.v1") : null, out, System.err,
                        checked);
            } else if (records.isPresent()) {
                mapPage(in.readAllBytes(), records.get().pageMapper(settings), args[1],
                        topics ? settings.get(records.get().topicProperty(), records.get().defaultTopic()) : null, out,
                        System.err, checked);
            } else {
                mapPage(in.readAllBytes(), Sources.find(args[1]).orElseThrow().mapper(settings), args[1],
                        topics ? settings.get("kafka.topic.assets", "security.assets.host.v1") : null, out, System.err,
                        checked);
            }
        }
        return checked.invalid == 0 ? 0 : 1;
    }

    /** With --check: counts the records that break their schema and says why on stderr; without: checks nothing. */
    static final class Checked {
        private final RecordCheck check;
        private final PrintStream problems;
        private int invalid;

        Checked(RecordCheck check, PrintStream problems) {
            this.check = check;
            this.problems = problems;
        }

        /** @param where {@code "line"} or {@code "key"} and its value, to say which record it is */
        void record(String json, String where, Object which) throws IOException {
            if (check == null) {
                return;
            }
            List<String> broken = check.problems(json);
            if (!broken.isEmpty()) {
                invalid++;
                ObjectNode line = JsonNodeFactory.instance.objectNode();
                if (which instanceof Long number) {
                    line.put(where, number);
                } else {
                    line.put(where, String.valueOf(which));
                }
                broken.forEach(line.putArray("invalid")::add);
                problems.println(line);
            }
        }
    }

    /** One API page (the JSON a poller receives) to records; rejected assets, or the whole page, to stderr. */
    static void mapPage(byte[] page, AssetPageMapper mapper, String source, String assetsTopic, Writer out,
                        PrintStream rejects, Checked checked) throws IOException {
        Instant now = Clock.systemUTC().instant();
        try {
            AssetPageMapper.PageResult result = mapper.map(mapper.read(page), "preview", now);
            for (AssetPageMapper.Mapped mapped : result.records()) {
                checked.record(mapped.record().toString(), "key", mapped.key());
                out.write(withTopic(mapped.record().toString(), mapper.topic(), assetsTopic));
                out.write('\n');
            }
            for (AssetPageMapper.Filtered filtered : result.filtered()) {
                rejects.println(JsonNodeFactory.instance.objectNode().put("key", filtered.key())
                        .put("filtered", filtered.reason()));
            }
            for (AssetPageMapper.Rejected rejected : result.rejects()) {
                ObjectNode reject = DeadLetters.record(source, rejected.reason(),
                        rejected.raw().toString().getBytes(StandardCharsets.UTF_8), now);
                rejects.println(reject);
            }
        } catch (RejectedInputException e) {
            rejects.println(DeadLetters.record(source, e.getMessage(), page, now));
        }
        out.flush();
    }

    /**
     * @param eventsTopic with {@code --topics}, the topic of events whose log type is not routed elsewhere; null
     *                    without it: the lines are the records alone
     */
    static void mapLines(InputStream in, SepEventNormalizer normalizer, int maxMessageBytes, String eventsTopic,
                         Writer out, PrintStream rejects, Checked checked) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long lineNumber = 0;
        int b;
        boolean more = true;
        while (more) {
            b = in.read();
            more = b >= 0;
            if (more && b != '\n') {
                line.write(b);
                continue;
            }
            if (!more && line.size() == 0) {
                break;
            }
            lineNumber++;
            byte[] bytes = stripCr(line.toByteArray());
            line.reset();
            if (bytes.length == 0) {
                continue;
            }
            SyslogFrame frame = bytes.length > maxMessageBytes
                    ? SyslogFrame.rejected(Arrays.copyOf(bytes, maxMessageBytes), bytes.length, "file", null,
                    Clock.systemUTC().instant(), "oversized line: " + bytes.length + " bytes > syslog.max-message-bytes "
                    + maxMessageBytes)
                    : SyslogFrame.accepted(bytes, "file", null, Clock.systemUTC().instant());
            try {
                SepEventNormalizer.NormalizedEvent event = normalizer.normalize(frame);
                if (event.filtered()) {
                    rejects.println(JsonNodeFactory.instance.objectNode().put("line", lineNumber)
                            .put("logType", event.logType()).put("filtered", event.filteredReason()));
                    continue;
                }
                String record = new String(event.json(), StandardCharsets.UTF_8);
                checked.record(record, "line", lineNumber);
                out.write(withTopic(record, event.topic(), eventsTopic));
                out.write('\n');
            } catch (RejectedInputException e) {
                ObjectNode reject = DeadLetters.record(SepEventNormalizer.SOURCE, e.getMessage(), frame);
                reject.put("line", lineNumber);
                rejects.println(reject);
            }
        }
        out.flush();
    }

    /**
     * The record line, or with {@code --topics} ({@code defaultTopic} not null) {@code {"topic": ..., "record": ...}},
     * the topic being the routed one or else the default.
     */
    private static String withTopic(String record, String routedTopic, String defaultTopic) {
        return defaultTopic == null ? record
                : "{\"topic\":\"" + (routedTopic == null ? defaultTopic : routedTopic) + "\",\"record\":" + record + "}";
    }

    private static byte[] stripCr(byte[] bytes) {
        return bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
    }

}
