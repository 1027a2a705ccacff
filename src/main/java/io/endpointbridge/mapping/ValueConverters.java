package io.endpointbridge.mapping;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The {@code convert:} values of a transform map: each turns a source text into the target's value, or gives none
 * when the text is not what it converts (an IPv6 address to {@code ipv4}, a hash to {@code uuid}), so that the source
 * stays in {@code extra}.
 */
final class ValueConverters {

    static final Set<String> NAMES = Set.of("time", "integer", "epochSeconds", "epochMillis", "boolean",
            "ipv4", "ipv6", "mac", "uuid", "windowsBias", "mebibytes", "definitionsDate", "fqdn", "md5", "sha1", "sha256", "instant", "asIs");

    /** Converters whose value holds less than their source: the source is kept in extra too. */
    static final Set<String> LOSSY = Set.of("mebibytes");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int TIME_CACHE_SIZE = 4096;
    private static final Map<ZoneId, Map<String, String>> TIMES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY_FIRST_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    /** SEPM's notification texts: {@code Feb 28, 2019 3:40:12 AM}, sometimes with a zone name ({@code PDT}). */
    private static final DateTimeFormatter MONTH_NAME_TIME = new java.time.format.DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("MMM d, yyyy h:mm[:ss] a").optionalStart().appendLiteral(' ')
            .appendZoneText(java.time.format.TextStyle.SHORT).optionalEnd().toFormatter(java.util.Locale.ENGLISH);
    /** SEPM's API times, UTC by contract: {@code 2024-06-26 14:02:50.0}. */
    private static final DateTimeFormatter SPACED_UTC = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd().toFormatter(java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DEFINITIONS_VERSION = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})\\d{3}");
    private static final Pattern UUID_FORM = Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    private ValueConverters() {
    }

    /** The converted value; null if it does not convert (it then stays in extra as it came, counted). */
    static JsonNode convert(String converter, String value, ZoneId zone) {
        try {
            return switch (converter) {
                case "integer" -> JSON.numberNode(Long.parseLong(value.trim()));
                case "epochSeconds" -> {
                    long seconds = Long.parseLong(value.trim());
                    // 0 is "no time" (SEP's Signing timestamp: 0): not a time, so it stays in extra as it came
                    yield seconds == 0 ? null
                            : JSON.textNode(Times.seconds(Instant.ofEpochSecond(seconds).atOffset(java.time.ZoneOffset.UTC)));
                }
                case "epochMillis" -> {
                    long millis = Long.parseLong(value.trim());
                    // 0 is SEPM's "never": not a time, so it stays in extra as it came
                    yield millis == 0 ? null : JSON.textNode(Times.millis(Instant.ofEpochMilli(millis)));
                }
                case "ipv4" -> isIpv4(value.trim()) ? JSON.textNode(value.trim()) : null;
                case "ipv6" -> value.indexOf(':') >= 0 && isIpv6(value.trim()) ? JSON.textNode(value.trim()) : null;
                case "mac" -> mac(value);
                case "uuid" -> UUID_FORM.matcher(value.trim()).matches() ? JSON.textNode(value.trim().toUpperCase(java.util.Locale.ROOT)) : null;
                case "md5" -> hexOfLength(value, 32);
                case "sha1" -> hexOfLength(value, 40);
                case "sha256" -> hexOfLength(value, 64);
                case "mebibytes" -> JSON.numberNode(Long.parseLong(value.trim()) >> 20);
                case "definitionsDate" -> definitionsDate(value.trim());
                case "fqdn" -> fqdn(value.trim());
                case "windowsBias" -> JSON.textNode(java.time.ZoneOffset.ofTotalSeconds(-60 * Integer.parseInt(value.trim())).getId()
                        .replace("Z", "+00:00"));
                case "time" -> JSON.textNode(time(value, zone));
                case "instant" -> instant(value.trim());
                case "boolean" -> switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "yes", "1" -> JSON.booleanNode(true);
                    case "false", "no", "0" -> JSON.booleanNode(false);
                    default -> null;
                };
                default -> throw new IllegalStateException(converter);
            };
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * A time in any form SES writes on any field: ISO 8601 with or without a fraction (as UTC, the fraction kept), or
     * epoch seconds (up to 11 digits) or milliseconds; 0 is no time.
     */
    private static JsonNode instant(String value) {
        Instant at;
        if (value.length() > 10 && value.charAt(10) == 'T') {
            at = OffsetDateTime.parse(value).toInstant();
        } else if (value.length() > 10 && value.charAt(10) == ' ') {
            at = Instant.from(SPACED_UTC.parse(value));
        } else {
            long epoch = Long.parseLong(value);
            if (epoch == 0) {
                return null;
            }
            at = Math.abs(epoch) < 100_000_000_000L ? Instant.ofEpochSecond(epoch) : Instant.ofEpochMilli(epoch);
        }
        // milliseconds as three digits (.400, not .4), a finer fraction as given, none when there is none
        return JSON.textNode(at.getNano() % 1_000_000 == 0 && at.getNano() > 0 ? Times.millis(at)
                : Times.exact(at.atOffset(java.time.ZoneOffset.UTC)));
    }

    /**
     * A dotted-quad IPv4 address: four numbers 0-255 without leading zeros. Read by hand: the regular expression
     * ({@code ValueConvertersTest} holds the two equal) was most of what converting a SEP event's addresses cost.
     */
    static boolean isIpv4(String text) {
        int n = text.length();
        int i = 0;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i == n || text.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
            int start = i;
            int number = 0;
            while (i < n && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                number = number * 10 + text.charAt(i++) - '0';
            }
            if (i == start || number > 255 || i - start > 1 && text.charAt(start) == '0') {
                return false;
            }
        }
        return i == n;
    }

    /** A hash of that many hex digits, in lower case; any other value is none of this kind. */
    private static JsonNode hexOfLength(String value, int digits) {
        String hash = value.trim();
        if (hash.length() != digits) {
            return null;
        }
        for (int i = 0; i < digits; i++) {
            if (Character.digit(hash.charAt(i), 16) < 0) {
                return null;
            }
        }
        return JSON.textNode(hash.toLowerCase(java.util.Locale.ROOT));
    }

    /** The day of a SEP definitions version {@code yyMMddRRR} (200611002: 2020-06-11, revision 2). */
    private static JsonNode definitionsDate(String version) {
        java.util.regex.Matcher m = DEFINITIONS_VERSION.matcher(version);
        if (!m.matches()) {
            return null;
        }
        return JSON.textNode(java.time.LocalDate.of(2000 + Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))).toString());
    }

    /**
     * A fully qualified host name (lower case): at least three labels, each a valid host name label. A NetBIOS name
     * with its workgroup (MSEDGEWIN10.WORKGROUP) or a single-label domain is not one.
     */
    private static JsonNode fqdn(String name) {
        String[] labels = name.split("\\.", -1);
        if (labels.length < 3) {
            return null;
        }
        for (String label : labels) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return null;
            }
        }
        return JSON.textNode(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** An IPv6 address in any of its textual forms (no host name lookup: the text must be an address). */
    private static boolean isIpv6(String value) {
        String address = value.split("%", 2)[0];
        // only hex digits, colons and dots: InetAddress then parses the literal and never asks DNS
        if (!IPV6_CHARACTERS.matcher(address).matches()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(address) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** A MAC address in the form the other sources give it: upper case, colon separated (08:00:27:E6:E5:59). */
    private static JsonNode mac(String raw) {
        String value = raw.trim();
        // by hand, not replaceAll: a regular expression compiled for every address was a visible share of a pull
        StringBuilder out = new StringBuilder(17);
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '-' || c == ':' || c == '.') {
                continue;
            }
            if (Character.digit(c, 16) < 0 || digits == 12) {
                return null;
            }
            if (digits > 0 && digits % 2 == 0) {
                out.append(':');
            }
            out.append(Character.toUpperCase(c));
            digits++;
        }
        return digits == 12 ? JSON.textNode(out.toString()) : null;
    }

    /**
     * Source times repeat (the fields of one event, the events of one second): parsing one costs more than the rest of
     * its field, so the last few thousand results are remembered. Parse failures are not remembered.
     */
    private static String time(String value, ZoneId zone) {
        Map<String, String> times = TIMES.computeIfAbsent(zone, z -> new java.util.concurrent.ConcurrentHashMap<>());
        String cached = times.get(value);
        if (cached == null) {
            cached = parseTime(value, zone);
            if (times.size() >= TIME_CACHE_SIZE) {
                times.clear();
            }
            times.put(value, cached);
        }
        return cached;
    }

    private static String parseTime(String value, ZoneId zone) {
        String trimmed = value.trim();
        if (trimmed.length() > 10 && trimmed.charAt(10) == 'T') {
            return Times.exact(OffsetDateTime.parse(trimmed));
        }
        if (!trimmed.isEmpty() && Character.isLetter(trimmed.charAt(0))) {
            java.time.temporal.TemporalAccessor parsed = MONTH_NAME_TIME.parse(trimmed);
            java.time.LocalDateTime local = java.time.LocalDateTime.from(parsed);
            ZoneId named = parsed.query(java.time.temporal.TemporalQueries.zone());
            return Times.seconds(local.atZone(named != null ? named : zone).toOffsetDateTime());
        }
        if (trimmed.length() > 2 && trimmed.charAt(2) == '/') {
            return Times.seconds(LocalDateTime.parse(trimmed, DAY_FIRST_TIME).atZone(zone).toOffsetDateTime());
        }
        return Times.seconds(LocalDateTime.parse(trimmed, LOCAL_TIME).atZone(zone).toOffsetDateTime());
    }
}
