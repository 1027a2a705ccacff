package io.endpointbridge.core;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed reads of configuration through Camel's properties component, so Java code sees exactly what the routes see:
 * application.properties, then environment variables ({@code syslog.tcp.port} is {@code SYSLOG_TCP_PORT}), then
 * {@code -D} system properties. Relative paths are resolved against the installation home.
 */
public final class Settings {

    public static final String HOME_PROPERTY = "endpoint-bridge.home";

    private final PropertiesComponent properties;

    public Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    /** The environment variable that overrides a key: upper case, dots and dashes as underscores. */
    public static String environmentName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Whether a key holds a credential, ours ({@code ses.client-secret}, {@code http.auth-token}) or a Kafka client's
     * ({@code ssl.truststore.password}, {@code sasl.jaas.config}): never logged unmasked, never in a record.
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.endsWith(".key")
                || k.contains("token") || k.contains("credentials");
    }

    /**
     * Whether an environment variable can set the key: not Camel's own {@code camel.*.port} keys, whose variables
     * ({@code CAMEL_SERVER_PORT}) Camel ignores, as it does every {@code *_PORT} (Kubernetes sets those for services).
     */
    public static boolean environmentReadable(String key) {
        return !(key.startsWith("camel.") && key.endsWith(".port"));
    }

    /**
     * A line for each environment variable that looks like a setting but is ignored ({@code CAMEL_SERVER_PORT}),
     * naming the one that works. A warning, not a refusal: Kubernetes may set such a variable for a service.
     */
    public static java.util.List<String> ignoredEnvironment(java.util.Map<String, String> environment) {
        return IGNORED_PORT_VARIABLES.entrySet().stream().filter(ignored -> environment.containsKey(ignored.getKey()))
                .map(ignored -> ignored.getKey() + " is ignored (Camel skips *_PORT variables, which Kubernetes sets for"
                        + " services): set " + ignored.getValue() + " instead").toList();
    }

    /** The port variables Camel ignores, each with the one of ours that works. */
    private static final java.util.Map<String, String> IGNORED_PORT_VARIABLES = new java.util.LinkedHashMap<>();

    static {
        IGNORED_PORT_VARIABLES.put("CAMEL_SERVER_PORT", "HTTP_PORT");
        IGNORED_PORT_VARIABLES.put("CAMEL_MANAGEMENT_PORT", "MANAGEMENT_PORT");
    }

    public Optional<String> optional(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String get(String key, String defaultValue) {
        return optional(key).orElseGet(() -> {
            if (defaultValue == null) {
                throw new IllegalArgumentException("missing required property " + key);
            }
            return defaultValue;
        });
    }

    /**
     * pipeline.mapping-threads: how many threads normalize syslog batches and map one asset page together, 0 meaning
     * one per CPU core (of the container's CPU limit, as the JVM sees it).
     */
    public int mappingThreads() {
        int threads = getInt("pipeline.mapping-threads", 0);
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    public int getInt(String key, int defaultValue) {
        return (int) whole(key, String.valueOf(defaultValue), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public long getLong(String key, long defaultValue) {
        return whole(key, String.valueOf(defaultValue), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A whole number within [min, max]; anything else, a larger one included, is no whole number for this key. */
    private long whole(String key, String defaultValue, long min, long max) {
        String value = get(key, defaultValue);
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property " + key + " must be a whole number, not '" + value + "'");
        }
    }

    /** A duration as Camel writes them: {@code 300000} (ms), {@code 300s}, {@code 5m}, {@code 1h30m}. */
    public java.time.Duration getDuration(String key, String defaultValue) {
        String value = get(key, defaultValue);
        try {
            return java.time.Duration.ofMillis(org.apache.camel.util.TimeUtils.toMilliSeconds(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("property " + key + " must be a duration such as 300000, 300s or 5m, not '"
                    + value + "'");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return Boolean.parseBoolean(get(key, String.valueOf(defaultValue)));
    }

    public Path home() {
        return Path.of(get(HOME_PROPERTY, ".")).toAbsolutePath().normalize();
    }

    public Path path(String key, String defaultValue) {
        return home().resolve(get(key, defaultValue)).normalize();
    }
}
