package io.endpointbridge.sep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.mapping.FlatRecord;
import io.endpointbridge.mapping.FlatTransform;
import io.endpointbridge.mapping.InvalidMappingException;
import io.endpointbridge.mapping.RoutingRules;
import io.endpointbridge.mapping.TargetSchemaCheck;
import io.endpointbridge.mapping.Times;
import io.endpointbridge.mapping.TransformMap;
import io.endpointbridge.syslog.SyslogFrame;
import io.endpointbridge.syslog.SyslogHeaderParser;
import io.endpointbridge.syslog.SyslogMessage;
import io.endpointbridge.syslog.TextDecoding;
import org.apache.camel.component.syslog.SyslogSeverity;

/**
 * One SEP syslog message to one normalized security event: decode, header, columns, log type, transform map.
 * Pure and thread-safe; the route, the {@code map} command and the golden tests all call it.
 */
public final class SepEventNormalizer {

    public static final String SOURCE = "sep-syslog";
    public static final String MAPPING_FILE = "sep-syslog.yaml";
    public static final String LOG_TYPES_FILE = "sep-log-types.yaml";

    /** Namespace of the name-based (v5) eventIds, so equal lines get equal ids in every deployment. */
    private static final UUID EVENT_ID_NAMESPACE = UUID.fromString("6f1b1c52-5d7e-4a8e-9a3c-1d0c2b7e5f10");
    private static final byte[] NAMESPACE_BYTES = toBytes(EVENT_ID_NAMESPACE);

    /**
     * A normalized event (UTF-8 JSON) and what the publisher needs to know about it: its topic when its log type is
     * routed elsewhere (null: the events topic); or, for an event its log type's drop rules filter out, why (no JSON).
     */
    public record NormalizedEvent(byte[] json, String key, String logType, String eventId, String topic,
                                  String filteredReason) {

        public boolean filtered() {
            return filteredReason != null;
        }

        /** The event as a tree, for previews and tests. */
        public ObjectNode record() {
            try {
                return (ObjectNode) TREES.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException("the normalizer writes valid JSON", e);
            }
        }
    }

    private static final ObjectMapper TREES = new ObjectMapper();

    private final TransformMap map;
    private final FlatTransform flat;
    private final int[] keyTargets;
    private final SepLogTypes logTypes;
    private final SepPayloadSplitter splitter;
    private final SyslogHeaderParser headerParser;
    private final ZoneId sepmZone;

    public SepEventNormalizer(TransformMap map, SepLogTypes logTypes, SyslogHeaderParser headerParser, ZoneId sepmZone) {
        this.map = map;
        this.flat = map.forFlatRecords();
        this.keyTargets = new int[] {flat.indexOf("deviceId"), flat.indexOf("deviceName"), flat.indexOf("deviceHost")};
        this.logTypes = logTypes;
        this.splitter = logTypes.splitter();
        this.headerParser = headerParser;
        this.sepmZone = sepmZone;
    }

    public static SepEventNormalizer load(Path mappingsDir, ZoneId sepmZone, Clock clock, Set<String> sepTags,
                                          Function<String, String> properties) throws IOException {
        TransformMap map = TransformMap.load(mappingsDir.resolve(MAPPING_FILE), properties);
        if (map.routing() != RoutingRules.NONE) {
            throw new InvalidMappingException(mappingsDir.resolve(MAPPING_FILE), "map",
                    "SEP events are routed and dropped per log type: put topic / drop under the type in " + LOG_TYPES_FILE);
        }
        SepLogTypes types = SepLogTypes.load(mappingsDir.resolve(LOG_TYPES_FILE)).withKnownKeys(map.sourceNames());
        return new SepEventNormalizer(map, types, new SyslogHeaderParser(sepmZone, clock, sepTags), sepmZone);
    }

    /** The normalizer as configured: mappings.dir, syslog.sepm-timezone, syslog.sep-tags, xdr.* for the map. */
    public static SepEventNormalizer fromSettings(io.endpointbridge.core.Settings settings, Clock clock)
            throws IOException {
        Set<String> tags = java.util.Arrays.stream(settings.get("syslog.sep-tags", "SymantecServer").split(","))
                .map(String::trim).filter(tag -> !tag.isEmpty()).collect(java.util.stream.Collectors.toSet());
        Path mappings = settings.path("mappings.dir", "mappings");
        SepEventNormalizer normalizer = load(mappings, ZoneId.of(settings.get("syslog.sepm-timezone", "UTC")), clock,
                tags, key -> settings.optional(key).orElse(null));
        TargetSchemaCheck.require(mappings.resolve(MAPPING_FILE), normalizer.transformMap(), settings.home().resolve("schemas"));
        return normalizer;
    }

    public TransformMap transformMap() {
        return map;
    }

    public NormalizedEvent normalize(SyslogFrame frame) {
        Parsed parsed = parseRouted(frame);
        FlatRecord source = parsed.source();
        if (parsed.dropReason() != null) {
            return new NormalizedEvent(null, null, parsed.sep().logType(), parsed.eventId(), parsed.sep().topic(),
                    parsed.dropReason());
        }
        FlatTransform.Mapped mapped = flat.map(source, sepmZone);
        return new NormalizedEvent(mapped.json(), key(mapped), parsed.sep().logType(), parsed.eventId(),
                parsed.sep().topic(), null);
    }

    /** How many syslog metadata fields there are besides the SEP columns. */
    private static final int METADATA_FIELDS = 15;

    /** The frame as the transform map reads it: syslog metadata and the SEP columns. */
    FlatRecord parse(SyslogFrame frame) {
        return parseRouted(frame).source();
    }

    private record Parsed(FlatRecord source, SepLogTypes.SepRecord sep, String eventId, String dropReason) {
    }

    private Parsed parseRouted(SyslogFrame frame) {
        if (frame.isRejected()) {
            throw new RejectedInputException(frame.rejectReason());
        }
        TextDecoding.Decoded decoded = TextDecoding.decode(frame.bytes());
        String line = decoded.text().stripTrailing();
        if (line.isEmpty()) {
            throw new RejectedInputException("empty message");
        }
        if (line.indexOf('\0') >= 0) {
            throw new RejectedInputException("binary data: message contains NUL bytes");
        }
        SyslogMessage message = headerParser.parse(line);
        SepLogTypes.SepRecord sep = logTypes.recognise(splitter.split(message.text(), message.payloadStart()));
        // an ASCII line is its own UTF-8: the received bytes are hashed rather than the text encoded again
        boolean ascii = decoded.isUtf8() && decoded.text().length() == frame.bytes().length;
        String eventId = ascii ? eventId(frame.bytes(), line.length()) : eventId(line.getBytes(StandardCharsets.UTF_8));

        FlatRecord source = new FlatRecord(METADATA_FIELDS + sep.size())
                .add("@logType", sep.logType())
                .add("@sender", text(frame.sender()));
        // the rest of a Latin-1 line's metadata and its columns are Latin-1: pieces of it, and texts we write in ASCII
        (ascii || isLatin1(line) ? source.latin1FromHere() : source)
                .add("@eventId", eventId)
                .add("@receivedTime", Times.millis(frame.receivedAt()))
                .add("@hostname", message.hostname())
                .add("@severity", message.severity() == null ? null : SyslogSeverity.values()[message.severity()].name())
                .add("@facility", text(message.facility()))
                .add("@appName", message.appName())
                .add("@procId", message.procId())
                .add("@msgId", message.msgId())
                .add("@structuredData", message.structuredData())
                .add("@format", message.format())
                .add("@transport", frame.transport())
                .add("@charset", decoded.charset().name());
        sep.addColumnsTo(source);
        // the header's year may come from the columns
        source.add("@timestamp", message.timestamp() == null ? null : Times.seconds(headerTime(message, source)));
        return new Parsed(source, sep, eventId, sep.dropReason(source));
    }

    /** The payload times that carry their year, in the order they are trusted to date the header. */
    private static final String[] DATED_COLUMNS = {"Event time", "Event Insert Time", "Inserted", "Begin"};
    private static final String DATED_FIRST_LETTERS = java.util.Arrays.stream(DATED_COLUMNS)
            .map(name -> name.substring(0, 1)).distinct().collect(java.util.stream.Collectors.joining());

    /**
     * The header's time; an RFC 3164 header has no year, and when the payload carries a full date (Event time,
     * Inserted) the header takes the year that puts it nearest that date rather than "the latest year not ahead",
     * which gives a replayed or archived log this year.
     */
    private OffsetDateTime headerTime(SyslogMessage message, FlatRecord fields) {
        OffsetDateTime header = message.timestamp();
        if (!"rfc3164".equals(message.format())) {
            return header;
        }
        for (String dated : datedColumns(fields)) {
            if (dated == null) {
                continue;
            }
            LocalDateTime payload = payloadTime(dated);
            if (payload == null) {
                continue; // not this column's usual shape: try the next one
            }
            // the common case, a live log: same year, not across New Year, nothing to work out
            boolean sameYear = payload.getYear() == header.getYear()
                    && withinHalfAYear(payload.getDayOfYear(), header.getDayOfYear());
            return sameYear ? header : nearestYear(header, payload);
        }
        return header;
    }

    /**
     * The header's month, day and time in the year that puts it nearest the payload's own time (both SEPM-local: the
     * candidates are a year apart, which no offset change within a year can reorder).
     */
    private OffsetDateTime nearestYear(OffsetDateTime header, LocalDateTime payload) {
        LocalDateTime local = header.atZoneSameInstant(sepmZone).toLocalDateTime();
        // the payload's own year, unless the header falls on the far side of New Year from it
        if (withinHalfAYear(local.getDayOfYear(), payload.getDayOfYear())) {
            LocalDateTime sameYear = local.withYear(payload.getYear());
            if (sameYear.getDayOfMonth() == local.getDayOfMonth()) {
                return sameYear.atZone(sepmZone).toOffsetDateTime();
            }
        }
        long payloadSecond = payload.toEpochSecond(ZoneOffset.UTC);
        LocalDateTime nearest = null;
        long best = Long.MAX_VALUE;
        for (int year = payload.getYear() - 1; year <= payload.getYear() + 1; year++) {
            LocalDateTime candidate = local.withYear(year);
            if (candidate.getDayOfMonth() != local.getDayOfMonth()) {
                continue; // Feb 29 in a common year
            }
            long distance = Math.abs(candidate.toEpochSecond(ZoneOffset.UTC) - payloadSecond);
            if (distance < best) {
                best = distance;
                nearest = candidate;
            }
        }
        return nearest == null ? header : nearest.atZone(sepmZone).toOffsetDateTime();
    }

    /**
     * Whether two days of the year are less than half a year apart: then, put in the same year, the two times are
     * nearer each other than in any other years.
     */
    private static boolean withinHalfAYear(int dayOfYear, int otherDayOfYear) {
        return Math.abs(dayOfYear - otherDayOfYear) < 180;
    }

    /**
     * The value of the first field of each {@link #DATED_COLUMNS} name, in that order (null where none), found in one
     * pass over the fields: this runs for every RFC 3164 line.
     */
    private static String[] datedColumns(FlatRecord fields) {
        String[] dated = new String[DATED_COLUMNS.length];
        for (int i = 0; i < fields.size(); i++) {
            // most columns are passed over at their first letter
            String name = fields.name(i);
            if (name.isEmpty() || DATED_FIRST_LETTERS.indexOf(name.charAt(0)) < 0) {
                continue;
            }
            for (int r = 0; r < DATED_COLUMNS.length; r++) {
                if (dated[r] == null && DATED_COLUMNS[r].equals(name)) {
                    dated[r] = fields.value(i);
                    break;
                }
            }
        }
        return dated;
    }

    /**
     * The SEPM-local time {@code yyyy-MM-dd HH:mm:ss} a payload time starts with, or null when it does not start with
     * one. Read digit by digit: this runs for every replayed or archived line (the JDK's parser cost ~1 µs).
     */
    static LocalDateTime payloadTime(String text) {
        if (text.length() < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (java.time.DateTimeException noSuchTime) {
            return null;
        }
    }

    /** The number the digits {@code text[start, end)} make, or -1 when one is not a digit. */
    private static int number(String text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The reporting device: deviceId, else its name, else the SEPM host that sent the line. */
    private String key(FlatTransform.Mapped mapped) {
        for (int target : keyTargets) {
            String value = mapped.text(target);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Whether no character of the text is above U+00FF (French, German, Spanish SEPM texts mostly are not). */
    private static boolean isLatin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static String eventId(byte[] utf8) {
        return eventId(utf8, utf8.length);
    }

    /** The name-based (v5) UUID of the line's first {@code length} UTF-8 bytes. */
    static String eventId(byte[] utf8, int length) {
        MessageDigest sha1 = SHA1.get();
        sha1.update(NAMESPACE_BYTES);
        sha1.update(utf8, 0, length);
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
            lsb = (lsb << 8) | (hash[8 + i] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    /**
     * Each thread's SHA-1, reset by every digest: a clone of one per event (its state, buffer and 80-word schedule)
     * was 450 bytes allocated per event.
     */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JVM", e);
        }
    });

    private static byte[] toBytes(UUID uuid) {
        return java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
    }
}
