package io.endpointbridge.syslog;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.endpointbridge.core.RejectedInputException;

/**
 * Reads the syslog header variants SEP lines arrive with: RFC 5424, RFC 3164 with or without hostname, relayed lines
 * without priority, log-dump lines that start with a date, and bare payloads. camel-syslog's converter is not used
 * here because it decodes as ISO-8859-1, dates RFC 3164 lines in the JVM zone and current year, and throws on some
 * malformed input; this parser dates them in the SEPM zone, never a year ahead, and rejects with a reason instead.
 */
public final class SyslogHeaderParser {

    /** A date up to this far ahead is taken as clock skew between SEPM and us, not as last year's event. */
    static final java.time.Duration FUTURE_TOLERANCE = java.time.Duration.ofDays(1);

    private static final Pattern ISO_TIMESTAMP = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\S+) +");
    private static final Pattern LOG_DUMP_TIMESTAMP = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}),");
    private static final DateTimeFormatter SEPM_LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] MONTH_NAMES = java.util.Arrays.stream(Month.values())
            .map(month -> month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toArray(String[]::new);

    private final ZoneId sepmZone;
    private final Clock clock;
    private final Set<String> sepTags;

    /**
     * @param sepmZone zone of the SEPM server's clock (RFC 3164 and payload times carry none)
     * @param sepTags  syslog tags SEPM uses; after such a tag with no hostname before it, the first column is the host
     */
    public SyslogHeaderParser(ZoneId sepmZone, Clock clock, Set<String> sepTags) {
        this.sepmZone = sepmZone;
        this.clock = clock;
        this.sepTags = Set.copyOf(sepTags);
    }

    public SyslogMessage parse(String received) {
        String line = withoutCountPrefix(received);
        Integer priority = null;
        int start = 0;
        if (line.startsWith("<")) {
            int close = line.indexOf('>');
            String digits = close > 0 ? line.substring(1, close) : line.substring(1, Math.min(line.length(), 5));
            if (close < 2 || close > 4 || !allDigits(digits)) {
                throw new RejectedInputException("malformed syslog priority '<" + abbreviate(digits) + "'");
            }
            priority = Integer.parseInt(digits);
            if (priority > 191) {
                throw new RejectedInputException("invalid syslog priority <" + priority + ">: must be 0..191");
            }
            start = close + 1;
        }
        Integer facility = priority == null ? null : priority >> 3;
        Integer severity = priority == null ? null : priority & 7;

        if (priority != null && line.startsWith("1 ", start)) {
            return parseRfc5424(facility, severity, line.substring(start + 2));
        }
        // the common SEPM line: read in place, the payload is the only copy made of it
        int dayWidth = bsdDayWidth(line, start);
        int timestampEnd = dayWidth == 0 ? -1 : bsdTimestampEnd(line, start, dayWidth);
        if (timestampEnd > 0) {
            OffsetDateTime ts = bsdTimestamp(line, start, dayWidth, timestampEnd);
            return hostAndTag("rfc3164", facility, severity, ts, line, timestampEnd);
        }
        String rest = line.substring(start);
        Matcher m = ISO_TIMESTAMP.matcher(rest);
        if (m.find()) {
            return hostAndTag("rfc3164", facility, severity, isoTimestamp(m.group(1)), rest, m.end());
        }
        m = LOG_DUMP_TIMESTAMP.matcher(rest);
        if (m.find()) {
            return new SyslogMessage("logdump", facility, severity, sepmLocalTime(m.group(1)), null, null, null, null,
                    null, rest.substring(m.end()));
        }
        if (priority != null) {
            return hostAndTag("rfc3164", facility, severity, null, rest, 0);
        }
        return headerless(rest);
    }

    /**
     * The line without numbers in front of its priority ({@code 0 191 <54>...}, {@code -5 <54>...}): an octet count
     * that is not a positive length is no framing, but the syslog header after it is still the header.
     */
    static String withoutCountPrefix(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && (Character.isDigit(line.charAt(i)) || line.charAt(i) == '-')) {
            int j = line.charAt(i) == '-' ? i + 1 : i;
            int digits = j;
            while (j < n && j - digits < 10 && line.charAt(j) >= '0' && line.charAt(j) <= '9') {
                j++;
            }
            if (j == digits || j >= n || line.charAt(j) != ' ') {
                return line;
            }
            i = j + 1;
            if (i < n && line.charAt(i) == '<') {
                return line.substring(i);
            }
        }
        return line;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Parses a SEPM payload time ({@code yyyy-MM-dd HH:mm:ss}, SEPM-local) or returns null if it is not one. */
    public OffsetDateTime sepmLocalTime(String text) {
        try {
            return LocalDateTime.parse(text.trim(), SEPM_LOCAL).atZone(sepmZone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private SyslogMessage headerless(String rest) {
        // "HOST SymantecServer: payload" (PRI and date stripped by a relay) or "SymantecServer: payload"
        int space = rest.indexOf(' ');
        if (space > 0) {
            Tag tag = tag(rest, space + 1);
            if (tag != null && sepTags.contains(tag.name()) && !rest.substring(0, space).contains(",")) {
                return new SyslogMessage("none", null, null, null, rest.substring(0, space), tag.name(), tag.procId(),
                        null, null, rest.substring(tag.end()));
            }
        }
        Tag tag = tag(rest, 0);
        if (tag != null && sepTags.contains(tag.name())) {
            return withHostFromFirstColumn("none", null, null, null, tag.name(), tag.procId(), null, null, rest,
                    tag.end());
        }
        return new SyslogMessage("none", null, null, null, null, null, null, null, null, rest);
    }

    /** The host and tag at {@code text[from...]}, the payload after them. */
    private SyslogMessage hostAndTag(String format, Integer facility, Integer severity, OffsetDateTime ts, String text,
                                     int from) {
        Tag tagOnly = tag(text, from);
        if (tagOnly != null) {
            return withHostFromFirstColumn(format, facility, severity, ts, tagOnly.name(), tagOnly.procId(), null,
                    null, text, tagOnly.end());
        }
        int space = text.indexOf(' ', from);
        if (space < 0) {
            return new SyslogMessage(format, facility, severity, ts, null, null, null, null, null, text, from);
        }
        String host = text.substring(from, space);
        Tag tag = tag(text, space + 1);
        if (tag == null) {
            return new SyslogMessage(format, facility, severity, ts, host, null, null, null, null, text, space + 1);
        }
        String appName = tag.name();
        if (sepTags.contains(host) && !sepTags.contains(appName)) {
            // some receivers re-render "SymantecServer sepm.example.com:": the tag slot holds the host
            String swapped = host;
            host = appName;
            appName = swapped;
        }
        return new SyslogMessage(format, facility, severity, ts, host, appName, tag.procId(), null, null, text,
                tag.end());
    }

    /** A syslog tag: {@code name[procId]:} and the index after the spaces that follow it. */
    private record Tag(String name, String procId, int end) {
    }

    /**
     * The tag at {@code text[from]}, or null: a name of characters other than white space, {@code :[],}, an optional
     * {@code [procId]}, a colon, then spaces or the end of the line (read by hand: this is on every line's path).
     */
    static Tag tag(String text, int from) {
        int n = text.length();
        int i = from;
        while (i < n && !isTagEnd(text.charAt(i))) {
            i++;
        }
        if (i == from || i == n) {
            return null;
        }
        String name = text.substring(from, i);
        String procId = null;
        if (text.charAt(i) == '[') {
            int close = text.indexOf(']', i + 1);
            if (close < 0) {
                return null;
            }
            procId = text.substring(i + 1, close);
            i = close + 1;
        }
        if (i == n || text.charAt(i) != ':') {
            return null;
        }
        i++;
        if (i < n && text.charAt(i) == ' ') {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
        } else if (!atLineEnd(text, i)) {
            return null;
        }
        return new Tag(name, procId, i);
    }

    private static boolean isTagEnd(char c) {
        return c == ':' || c == '[' || c == ']' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B'
                || c == '\f' || c == '\r';
    }

    /** Whether {@code text[i]} is the end of the text, or only a line terminator is left (a regex's {@code $}). */
    private static boolean atLineEnd(String text, int i) {
        int left = text.length() - i;
        if (left == 0) {
            return true;
        }
        char c = text.charAt(i);
        return left == 1 && (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                || left == 2 && text.startsWith("\r\n", i);
    }

    /**
     * The width (1 or 2) of the day of an RFC 3164 time ({@code Mmm dd hh:mm:ss}, {@code Mmm  d}, {@code Mmm d}) at
     * {@code text[start]}, or 0 when no such time starts there.
     */
    private static int bsdDayWidth(String text, int start) {
        int n = text.length();
        if (start + 6 > n || !isUpper(text.charAt(start)) || !isLower(text.charAt(start + 1))
                || !isLower(text.charAt(start + 2)) || text.charAt(start + 3) != ' ') {
            return 0;
        }
        int d = start + 4;
        char first = text.charAt(d);
        if ((first == ' ' || isDigit(first)) && isDigit(text.charAt(d + 1)) && d + 2 < n && text.charAt(d + 2) == ' ') {
            return 2;
        }
        return isDigit(first) && text.charAt(d + 1) == ' ' ? 1 : 0;
    }

    /** The index after the RFC 3164 time at {@code text[start]} and the spaces after it, or -1 when it is not one. */
    private static int bsdTimestampEnd(String text, int start, int dayWidth) {
        int n = text.length();
        int t = start + 4 + dayWidth + 1;
        if (t + 8 > n || !isDigit(text.charAt(t)) || !isDigit(text.charAt(t + 1)) || text.charAt(t + 2) != ':'
                || !isDigit(text.charAt(t + 3)) || !isDigit(text.charAt(t + 4)) || text.charAt(t + 5) != ':'
                || !isDigit(text.charAt(t + 6)) || !isDigit(text.charAt(t + 7))) {
            return -1;
        }
        int i = t + 8;
        if (i < n && text.charAt(i) == '.') {
            int digits = i + 1;
            while (digits < n && isDigit(text.charAt(digits)) && digits - i <= 9) {
                digits++;
            }
            if (digits == i + 1 || digits < n && isDigit(text.charAt(digits))) {
                return -1;
            }
            i = digits;
        }
        int spaces = i;
        while (i < n && text.charAt(i) == ' ') {
            i++;
        }
        return i > spaces ? i : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    /**
     * SEP 14.3 sends "SymantecServer: host,..." with no hostname in the header: the first column is then the
     * reporting server, unless it is a "Key: Value" column.
     */
    private SyslogMessage withHostFromFirstColumn(String format, Integer facility, Integer severity, OffsetDateTime ts,
                                                  String appName, String procId, String msgId, String structuredData,
                                                  String text, int payloadStart) {
        String host = null;
        if (appName != null && sepTags.contains(appName)) {
            int comma = text.indexOf(',', payloadStart);
            String first = comma < 0 ? null : text.substring(payloadStart, comma);
            if (first != null && !first.isBlank() && !first.contains(": ") && !first.contains(" ")) {
                host = first;
                payloadStart = comma + 1;
            }
        }
        return new SyslogMessage(format, facility, severity, ts, host, appName, procId, msgId, structuredData, text,
                payloadStart);
    }

    private SyslogMessage parseRfc5424(Integer facility, Integer severity, String rest) {
        String[] head = new String[5];
        int pos = 0;
        for (int i = 0; i < head.length; i++) {
            int space = rest.indexOf(' ', pos);
            if (space < 0) {
                throw new RejectedInputException("truncated RFC 5424 header");
            }
            head[i] = nil(rest.substring(pos, space));
            pos = space + 1;
        }
        OffsetDateTime ts = head[0] == null ? null : isoTimestamp(head[0]);
        String structuredData = null;
        if (rest.startsWith("-", pos)) {
            pos++;
        } else if (rest.startsWith("[", pos)) {
            int end = endOfStructuredData(rest, pos);
            structuredData = rest.substring(pos, end);
            pos = end;
        } else {
            throw new RejectedInputException("malformed RFC 5424 structured data");
        }
        String msg = pos < rest.length() ? rest.substring(pos).stripLeading() : "";
        if (msg.startsWith("\uFEFF")) {
            msg = msg.substring(1);
        }
        if (head[1] == null && head[2] != null && sepTags.contains(head[2])) {
            return withHostFromFirstColumn("rfc5424", facility, severity, ts, head[2], head[3], head[4], structuredData, msg, 0);
        }
        return new SyslogMessage("rfc5424", facility, severity, ts, head[1], head[2], head[3], head[4], structuredData, msg);
    }

    private static int endOfStructuredData(String text, int start) {
        int pos = start;
        while (pos < text.length() && text.charAt(pos) == '[') {
            boolean quoted = false;
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\' && quoted) {
                    pos += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ']' && !quoted) {
                    break;
                }
                pos++;
            }
            if (pos >= text.length()) {
                throw new RejectedInputException("unterminated RFC 5424 structured data");
            }
            pos++;
        }
        return pos;
    }

    private OffsetDateTime isoTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException noOffset) {
            try {
                return LocalDateTime.parse(text).atZone(sepmZone).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw new RejectedInputException("invalid syslog timestamp '" + abbreviate(text) + "'");
            }
        }
    }

    /**
     * The last RFC 3164 time read, for the clock second it was read in: the lines of one batch mostly share it; and the
     * latest time allowed in that second, which every line of the second shares.
     */
    private record BsdTime(Month month, int day, int hour, int minute, int second, long clockSecond, OffsetDateTime value,
                           ZonedDateTime latestAllowed) {
    }

    private volatile BsdTime lastBsdTime = new BsdTime(null, 0, 0, 0, 0, Long.MIN_VALUE, null, null);

    /** RFC 3164 dates have no year: take the latest year that does not put the date in the future. */
    private OffsetDateTime bsdTimestamp(String text, int start, int dayWidth, int end) {
        Month month = month(text, start);
        if (month == null) {
            throw new RejectedInputException("invalid month in syslog timestamp '" + text.substring(start, start + 3) + "'");
        }
        int dayEnd = start + 4 + dayWidth;
        int day = Integer.parseInt(text, text.charAt(start + 4) == ' ' ? start + 5 : start + 4, dayEnd, 10);
        int hour = Integer.parseInt(text, dayEnd + 1, dayEnd + 3, 10);
        int minute = Integer.parseInt(text, dayEnd + 4, dayEnd + 6, 10);
        int second = Integer.parseInt(text, dayEnd + 7, dayEnd + 9, 10);
        long clockSecond = Math.floorDiv(clock.millis(), 1000);
        BsdTime last = lastBsdTime;
        if (last.clockSecond() == clockSecond && last.month() == month && last.day() == day && last.hour() == hour
                && last.minute() == minute && last.second() == second) {
            return last.value();
        }
        ZonedDateTime latestAllowed = last.clockSecond() == clockSecond ? last.latestAllowed()
                : ZonedDateTime.now(clock).withZoneSameInstant(sepmZone).plus(FUTURE_TOLERANCE);
        for (int year = latestAllowed.getYear(); year >= latestAllowed.getYear() - 8; year--) {
            try {
                ZonedDateTime candidate = ZonedDateTime.of(year, month.getValue(), day, hour, minute, second, 0, sepmZone);
                if (!candidate.isAfter(latestAllowed)) {
                    OffsetDateTime value = candidate.toOffsetDateTime();
                    lastBsdTime = new BsdTime(month, day, hour, minute, second, clockSecond, value, latestAllowed);
                    return value;
                }
            } catch (DateTimeException invalidInThatYear) {
                // Feb 29 in a common year, or a day the month does not have
            }
        }
        throw new RejectedInputException("invalid date in syslog timestamp '" + text.substring(start, end).trim() + "'");
    }

    /** The English month abbreviation at {@code text[start]}, or null. */
    private static Month month(String text, int start) {
        for (int m = 0; m < MONTH_NAMES.length; m++) {
            if (text.startsWith(MONTH_NAMES[m], start)) {
                return Month.of(m + 1);
            }
        }
        return null;
    }

    private static String nil(String value) {
        return "-".equals(value) ? null : value;
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
