package io.endpointbridge.pipeline;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.quartz.CronExpression;

/**
 * The settings whose wrong value would otherwise pass silently or fail far from its cause (a port of {@code abc}
 * becoming a random port, a negative message size losing every message, a page size of 0): each with what it must
 * be. Checked before anything starts ({@code run}, {@code sync}) and by {@code validate}; every problem names its key.
 */
public final class SettingsCheck {

    private static final long MIB = 1L << 20;
    private static final int PORT_MAX = 65535;

    /** One setting and its check: the problem with the value, or empty when it is fine (or unset). */
    private record Rule(String key, Function<String, Optional<String>> check) {
    }

    private static final List<Rule> RULES = new ArrayList<>();

    static {
        for (String port : List.of("syslog.udp.port", "syslog.tcp.port", "syslog.tls.port", "http.port", "management.port",
                "kafka.embedded.port", "kafka.embedded.controller-port")) {
            whole(port, 1, PORT_MAX);
        }
        whole("syslog.max-message-bytes", 1, 16 * MIB);
        whole("syslog.max-batch", 1, 100_000);
        whole("syslog.publish-queue-batches", 1, 10_000);
        whole("syslog.udp.queue-batches", 1, 1_000_000);
        whole("syslog.udp.receive-buffer-bytes", 1, 1L << 31);
        whole("syslog.tcp.max-connections", 1, 1_000_000);
        whole("syslog.tcp.max-partial-bytes", 1, Long.MAX_VALUE);
        duration("syslog.tcp.idle-timeout");
        bool("syslog.enabled");
        bool("syslog.tls.enabled");
        bool("syslog.native-transport");
        address("syslog.bind-address");
        address("http.bind-address");
        zone("syslog.sepm-timezone");
        whole("pipeline.max-in-flight", 1, 10_000_000);
        whole("pipeline.mapping-threads", 0, 1024);
        whole("pipeline.stats-interval-ms", 1, Long.MAX_VALUE);
        whole("spool.max-bytes", 1, Long.MAX_VALUE);
        whole("spool.segment-bytes", 1, Long.MAX_VALUE);
        whole("spool.tcp-wait-ms", 0, Long.MAX_VALUE);
        whole("spool.replay-interval-ms", 1, Long.MAX_VALUE);
        duration("spool.stall-alert");
        whole("kafka.embedded.partitions", 1, 10_000);
        bool("kafka.topics.create");
        whole(RecordBudget.MAX_REQUEST_SIZE, RecordBudget.HEADROOM_BYTES * 2L, Integer.MAX_VALUE);
        oneOf("assets.publish-mode", Set.of("changes", "all"));
        fraction("assets.max-delete-fraction");
        bool("mappings.reload-enabled");
        whole("connection-test.cache-seconds", 0, 86_400);
        source("ses", 1, 10_000);
        source("csam", 1, 10_000);
    }

    /** What every polled source has: page size, throttle, retries, timeouts, body bound, schedule. */
    private static void source(String prefix, int minPage, int maxPage) {
        bool(prefix + ".enabled");
        whole(prefix + ".page-size", minPage, maxPage);
        whole(prefix + ".requests-per-hour", 1, 1_000_000);
        whole(prefix + ".max-retries", 0, 100);
        whole(prefix + ".backoff-initial-ms", 1, Integer.MAX_VALUE);
        whole(prefix + ".backoff-max-ms", 1, Integer.MAX_VALUE);
        whole(prefix + ".max-retry-after-seconds", 0, Integer.MAX_VALUE);
        whole(prefix + ".connect-timeout-ms", 1, Integer.MAX_VALUE);
        whole(prefix + ".request-timeout-ms", 1, Integer.MAX_VALUE);
        whole(prefix + ".max-response-bytes", 1024, Long.MAX_VALUE);
        cron(prefix + ".schedule.cron");
    }

    private SettingsCheck() {
    }

    /** Every problem, one line each naming its key; empty when all settings are fine. */
    public static List<String> problems(Settings settings) {
        List<String> problems = new ArrayList<>();
        for (Rule rule : RULES) {
            Optional<String> value = settings.optional(rule.key());
            value.flatMap(rule.check()).ifPresent(problem -> problems.add(rule.key() + " = '" + value.get() + "': " + problem));
        }
        return problems;
    }

    /** Throws with every problem when any setting is wrong: start-up stops before anything listens or polls. */
    public static void require(Settings settings) {
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid settings: " + String.join("; ", problems));
        }
    }

    private static void whole(String key, long min, long max) {
        RULES.add(new Rule(key, value -> {
            try {
                long n = Long.parseLong(value);
                return n >= min && n <= max ? Optional.empty()
                        : Optional.of("must be from " + min + " to " + max);
            } catch (NumberFormatException e) {
                return Optional.of("must be a whole number from " + min + " to " + max);
            }
        }));
    }

    private static void bool(String key) {
        RULES.add(new Rule(key, value -> value.equals("true") || value.equals("false") ? Optional.empty()
                : Optional.of("must be true or false")));
    }

    private static void oneOf(String key, Set<String> allowed) {
        RULES.add(new Rule(key, value -> allowed.contains(value) ? Optional.empty()
                : Optional.of("must be one of " + allowed.stream().sorted().toList())));
    }

    private static void fraction(String key) {
        RULES.add(new Rule(key, value -> {
            try {
                double f = Double.parseDouble(value);
                return f >= 0 && f <= 1 ? Optional.empty() : Optional.of("must be from 0 to 1");
            } catch (NumberFormatException e) {
                return Optional.of("must be a number from 0 to 1");
            }
        }));
    }

    private static void duration(String key) {
        RULES.add(new Rule(key, value -> {
            try {
                return org.apache.camel.util.TimeUtils.toMilliSeconds(value) > 0 ? Optional.empty()
                        : Optional.of("must be a positive duration such as 300000, 300s or 5m");
            } catch (RuntimeException e) {
                return Optional.of("must be a duration such as 300000, 300s or 5m");
            }
        }));
    }

    private static void zone(String key) {
        RULES.add(new Rule(key, value -> {
            try {
                ZoneId.of(value);
                return Optional.empty();
            } catch (DateTimeException e) {
                return Optional.of("must be a time zone such as UTC or Europe/Paris");
            }
        }));
    }

    /** An IP address literal or localhost: what a listener binds to, never looked up in DNS. */
    private static void address(String key) {
        RULES.add(new Rule(key, value -> {
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

    private static void cron(String key) {
        RULES.add(new Rule(key, value -> CronExpression.isValidExpression(value) ? Optional.empty()
                : Optional.of("must be a Quartz cron expression such as '0 0 */6 * * ?'")));
    }
}
