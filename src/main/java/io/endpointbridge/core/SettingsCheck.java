package io.endpointbridge.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.quartz.CronExpression;

/**
 * The settings whose wrong value would otherwise pass silently or fail far from its cause (a port of {@code abc}
 * becoming a random port, a negative message size losing every message, a page size of 0): each with what it must
 * be, and the same rules for every polled source's prefix. Checked before anything starts ({@code run}, {@code sync})
 * and by {@code validate}; every problem names its key.
 */
public final class SettingsCheck {

    private static final long MIB = 1L << 20;
    private static final int PORT_MAX = 65535;

    /** One setting, what kind of value it takes, and its check: the problem with a value, or empty when it is fine. */
    private record Rule(String key, String type, Function<String, Optional<String>> check) {
    }

    private static final List<Rule> RULES = new ArrayList<>();

    static {
        for (String port : List.of("syslog.udp.port", "syslog.tcp.port", "syslog.tls.port", "http.port", "management.port",
                "kafka.embedded.port", "kafka.embedded.controller-port")) {
            whole(RULES, port, 1, PORT_MAX);
        }
        whole(RULES, "syslog.max-message-bytes", 1, 16 * MIB);
        whole(RULES, "syslog.max-batch", 1, 100_000);
        whole(RULES, "syslog.publish-queue-batches", 1, 10_000);
        whole(RULES, "syslog.udp.queue-batches", 1, 1_000_000);
        whole(RULES, "syslog.udp.receive-buffer-bytes", 1, 1L << 31);
        whole(RULES, "syslog.tcp.max-connections", 1, 1_000_000);
        whole(RULES, "syslog.tcp.max-partial-bytes", 1, Long.MAX_VALUE);
        duration(RULES, "syslog.tcp.idle-timeout");
        bool(RULES, "syslog.enabled");
        bool(RULES, "syslog.tls.enabled");
        bool(RULES, "syslog.native-transport");
        address(RULES, "syslog.bind-address");
        address(RULES, "http.bind-address");
        zone(RULES, "syslog.sepm-timezone");
        zone(RULES, "sepm.timezone");
        whole(RULES, "pipeline.max-in-flight", 1, 10_000_000);
        whole(RULES, "pipeline.mapping-threads", 0, 1024);
        whole(RULES, "pipeline.stats-interval-ms", 1, Long.MAX_VALUE);
        whole(RULES, "spool.max-bytes", 1, Long.MAX_VALUE);
        whole(RULES, "spool.segment-bytes", 1, Long.MAX_VALUE);
        whole(RULES, "spool.tcp-wait-ms", 0, Long.MAX_VALUE);
        whole(RULES, "spool.replay-interval-ms", 1, Long.MAX_VALUE);
        duration(RULES, "spool.stall-alert");
        whole(RULES, "kafka.embedded.partitions", 1, 10_000);
        whole(RULES, "kafka.topics.partitions", 1, 10_000);
        whole(RULES, "kafka.topics.replication-factor", 1, 100);
        whole(RULES, "mappings.reload-interval-ms", 1, Long.MAX_VALUE);
        oneOf(RULES, "logging.format", Set.of("text", "json"));
        oneOf(RULES, "cluster.type", Set.of("file", "kubernetes"));
        for (String millis : List.of("cluster.file.acquire-lock-interval-ms", "cluster.file.acquire-lock-delay-ms",
                "cluster.kubernetes.lease-duration-ms", "cluster.kubernetes.renew-deadline-ms",
                "cluster.kubernetes.retry-period-ms")) {
            whole(RULES, millis, 1, Integer.MAX_VALUE);
        }
        bool(RULES, "kafka.topics.create");
        duration(RULES, "kafka.topics.check-interval");
        whole(RULES, RecordBudget.MAX_REQUEST_SIZE, RecordBudget.HEADROOM_BYTES * 2L, Integer.MAX_VALUE);
        oneOf(RULES, "assets.publish-mode", Set.of("changes", "all"));
        fraction(RULES, "assets.max-delete-fraction");
        bool(RULES, "mappings.reload-enabled");
        whole(RULES, "connection-test.cache-seconds", 0, 86_400);
    }

    /** The sources' settings to check: asset sources' prefixes, windowed sources' prefixes, per-source choices. */
    /**
     * The sources' settings to check: asset sources' prefixes, windowed and streamed sources' prefixes, per-source
     * choices, and the sources' own checks across keys (a problem line, or empty).
     */
    public record Scope(Collection<String> polledPrefixes, Collection<String> windowedPrefixes,
                        Collection<String> streamedPrefixes, Collection<String> listedPrefixes, Map<String, Set<String>> choices,
                        List<Function<Settings, Optional<String>>> sourceChecks) {
    }

    /** What every streamed source has: the switch, the server's hold, the client's read timeout, the pause. */
    private static List<Rule> streamedSource(String stream) {
        List<Rule> rules = new ArrayList<>();
        bool(rules, stream + ".enabled");
        whole(rules, stream + ".connection-timeout", 1, 60);
        whole(rules, stream + ".read-timeout-ms", 1000, Integer.MAX_VALUE);
        whole(rules, stream + ".reconnect-delay-ms", 1, Integer.MAX_VALUE);
        return rules;
    }

    /** What every listed source has: the switch, the schedule, how many seen ids each instance keeps in memory. */
    private static List<Rule> listedSource(String source) {
        List<Rule> rules = new ArrayList<>();
        bool(rules, source + ".enabled");
        cron(rules, source + ".schedule.cron");
        whole(rules, source + ".seen-cache-size", 1, 10_000_000);
        return rules;
    }

    /** What every windowed source has: schedule, page size, the windows' overlap, look-back and length, seen list. */
    private static List<Rule> windowedSource(String source) {
        List<Rule> rules = new ArrayList<>();
        bool(rules, source + ".enabled");
        cron(rules, source + ".schedule.cron");
        whole(rules, source + ".page-size", 1, 10_000);
        duration(rules, source + ".overlap");
        duration(rules, source + ".initial-lookback");
        duration(rules, source + ".max-window");
        whole(rules, source + ".seen-limit", 0, 50_000);
        return rules;
    }

    /** What every polled source has: page size, throttle, retries, timeouts, body bound, proxy, schedule. */
    private static List<Rule> polledSource(String prefix) {
        List<Rule> rules = new ArrayList<>();
        bool(rules, prefix + ".enabled");
        whole(rules, prefix + ".page-size", 1, 10_000);
        whole(rules, prefix + ".requests-per-hour", 1, 1_000_000);
        whole(rules, prefix + ".max-retries", 0, 100);
        whole(rules, prefix + ".backoff-initial-ms", 1, Integer.MAX_VALUE);
        whole(rules, prefix + ".backoff-max-ms", 1, Integer.MAX_VALUE);
        whole(rules, prefix + ".max-retry-after-seconds", 0, Integer.MAX_VALUE);
        whole(rules, prefix + ".connect-timeout-ms", 1, Integer.MAX_VALUE);
        whole(rules, prefix + ".request-timeout-ms", 1, Integer.MAX_VALUE);
        whole(rules, prefix + ".max-response-bytes", 1024, Long.MAX_VALUE);
        whole(rules, prefix + ".proxy-port", 1, 65535);
        bool(rules, prefix + ".tls-insecure");
        cron(rules, prefix + ".schedule.cron");
        return rules;
    }

    private SettingsCheck() {
    }

    /** Keys of earlier versions, refused by name so that a renamed security setting is never silently dropped. */
    public static final Map<String, String> RENAMED = renamedKafkaSecurity();

    private static Map<String, String> renamedKafkaSecurity() {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (String key : List.of("security-protocol", "sasl-mechanism", "sasl-jaas-config", "ssl-truststore-location",
                "ssl-truststore-password", "ssl-keystore-location", "ssl-keystore-password")) {
            renamed.put("kafka." + key, "camel.component.kafka." + key);
        }
        return Map.copyOf(renamed);
    }

    public static List<String> problems(Settings settings, Collection<String> polledPrefixes) {
        return problems(settings, polledPrefixes, Map.of());
    }

    public static List<String> problems(Settings settings, Collection<String> polledPrefixes,
                                        Map<String, Set<String>> choices) {
        return problems(settings, new Scope(polledPrefixes, List.of(), List.of(), List.of(), choices, List.of()));
    }

    /**
     * Every problem, one line each naming its key; empty when all settings are fine. {@code choices}: the keys a
     * source adds that take one of a few values ({@code sepm.login-encoding}: raw, url).
     */
    public static List<String> problems(Settings settings, Scope scope) {
        Collection<String> polledPrefixes = scope.polledPrefixes();
        List<String> problems = new ArrayList<>();
        RENAMED.forEach((old, now) -> settings.optional(old).ifPresent(value -> problems.add(old + " is now " + now
                + " (environment " + Settings.environmentName(now) + "): rename it")));
        for (Rule rule : rules(scope)) {
            Optional<String> value = settings.optional(rule.key());
            value.flatMap(rule.check()).ifPresent(problem -> problems.add(rule.key() + " = '" + value.get() + "': " + problem));
        }
        scope.sourceChecks().forEach(check -> check.apply(settings).ifPresent(problems::add));
        for (String prefix : polledPrefixes) {
            for (String key : List.of(prefix + ".tls-certificate", prefix + ".tls-cert", prefix + ".truststore")) {
                settings.optional(key).filter(file -> !java.nio.file.Files.isReadable(settings.home().resolve(file)))
                        .ifPresent(file -> problems.add(key + " = '" + file + "': no readable file there (a relative path is"
                                + " from the installation directory " + settings.home() + ")"));
            }
        }
        return problems;
    }

    /** The kind of value each checked key takes ({@code port}, {@code duration (300000, 300s, 5m)}), by key. */
    public static Map<String, String> types(Scope scope) {
        Map<String, String> types = new LinkedHashMap<>();
        rules(scope).forEach(rule -> types.put(rule.key(), rule.type()));
        return types;
    }

    private static List<Rule> rules(Scope scope) {
        List<Rule> rules = new ArrayList<>(RULES);
        scope.polledPrefixes().forEach(prefix -> rules.addAll(polledSource(prefix)));
        scope.windowedPrefixes().forEach(prefix -> rules.addAll(windowedSource(prefix)));
        scope.streamedPrefixes().forEach(prefix -> rules.addAll(streamedSource(prefix)));
        scope.listedPrefixes().forEach(prefix -> rules.addAll(listedSource(prefix)));
        scope.choices().forEach((key, allowed) -> oneOf(rules, key, allowed));
        return rules;
    }

    /** Throws with every problem when any setting is wrong: start-up stops before anything listens or polls. */
    public static void require(Settings settings, Collection<String> polledPrefixes, Map<String, Set<String>> choices) {
        require(settings, new Scope(polledPrefixes, List.of(), List.of(), List.of(), choices, List.of()));
    }

    public static void require(Settings settings, Scope scope) {
        List<String> problems = problems(settings, scope);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid settings: " + String.join("; ", problems));
        }
    }

    private static void whole(List<Rule> rules, String key, long min, long max) {
        String type = max == PORT_MAX && min == 1 ? "port" : "whole number " + min + (max == Long.MAX_VALUE
                || max == Integer.MAX_VALUE ? " or more" : " to " + max);
        rules.add(new Rule(key, type, value -> {
            try {
                long n = Long.parseLong(value);
                return n >= min && n <= max ? Optional.empty()
                        : Optional.of("must be from " + min + " to " + max);
            } catch (NumberFormatException e) {
                return Optional.of("must be a whole number from " + min + " to " + max);
            }
        }));
    }

    private static void bool(List<Rule> rules, String key) {
        rules.add(new Rule(key, "true or false", value -> value.equals("true") || value.equals("false") ? Optional.empty()
                : Optional.of("must be true or false")));
    }

    private static void oneOf(List<Rule> rules, String key, Set<String> allowed) {
        rules.add(new Rule(key, "one of " + String.join(", ", allowed.stream().sorted().toList()), value -> allowed.contains(value) ? Optional.empty()
                : Optional.of("must be one of " + allowed.stream().sorted().toList())));
    }

    private static void fraction(List<Rule> rules, String key) {
        rules.add(new Rule(key, "number from 0 to 1", value -> {
            try {
                double f = Double.parseDouble(value);
                return f >= 0 && f <= 1 ? Optional.empty() : Optional.of("must be from 0 to 1");
            } catch (NumberFormatException e) {
                return Optional.of("must be a number from 0 to 1");
            }
        }));
    }

    private static void duration(List<Rule> rules, String key) {
        rules.add(new Rule(key, "duration (300000, 300s, 5m)", value -> {
            try {
                return org.apache.camel.util.TimeUtils.toMilliSeconds(value) > 0 ? Optional.empty()
                        : Optional.of("must be a positive duration such as 300000, 300s or 5m");
            } catch (RuntimeException e) {
                return Optional.of("must be a duration such as 300000, 300s or 5m");
            }
        }));
    }

    private static void zone(List<Rule> rules, String key) {
        rules.add(new Rule(key, "time zone", value -> {
            try {
                ZoneId.of(value);
                return Optional.empty();
            } catch (DateTimeException e) {
                return Optional.of("must be a time zone such as UTC or Europe/Paris");
            }
        }));
    }

    /** An IP address literal or localhost: what a listener binds to, never looked up in DNS. */
    private static void address(List<Rule> rules, String key) {
        rules.add(new Rule(key, "IP address", value -> {
            boolean literal = value.equals("localhost") || value.matches("[0-9.]+") || value.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
            try {
                if (literal) {
                    InetAddress.getByName(value);
                    return Optional.empty();
                }
            } catch (UnknownHostException e) {
                // not an address: as below
            }
            return Optional.of("must be an IP address of this host such as 127.0.0.1 or 0.0.0.0");
        }));
    }

    private static void cron(List<Rule> rules, String key) {
        rules.add(new Rule(key, "Quartz cron (UTC)", value -> CronExpression.isValidExpression(value) ? Optional.empty()
                : Optional.of("must be a Quartz cron expression such as '0 0 */6 * * ?'")));
    }
}
