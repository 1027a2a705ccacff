package io.endpointbridge.sep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.endpointbridge.core.RejectedInputException;

/**
 * Splits a SEP payload into columns without losing data to its inconsistent quoting: whole-column CSV quotes
 * ({@code "Key: a, b"} with {@code ""} escapes), quotes around the value only ({@code Key: "a, b"}), and bare commas
 * around a whole column ({@code 'a, b'}), bare commas inside values of free-text keys ({@code Company name: A.,B,C}), which are joined back using the configured
 * continuation keys. A column becomes {@code Key: Value} at its first colon that is followed by a space (or a
 * non-breaking space, or the column end) when the text before it looks like a key; otherwise it is positional.
 */
public final class SepPayloadSplitter {

    private static final Pattern KEY = Pattern.compile("[\\p{L}][\\p{L}\\p{N} ()\\-_/.'’&#]*");
    private static final int MAX_KEY_LENGTH = 50;
    private static final int MAX_KEY_WORDS = 6;
    /** SEPM sends a few hundred distinct keys: remembering them saves a regex match per column. */
    private static final int KEY_CACHE_SIZE = 10_000;
    /**
     * SEP lines have well under a hundred columns. A line of thousands (a datagram padded with commas) is refused
     * after this many, before naming and writing each would cost milliseconds and a record of megabytes.
     */
    static final int MAX_COLUMNS = 2_000;
    private static final Map<String, String> KNOWN_KEYS = new ConcurrentHashMap<>();
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String NOT_A_KEY = new String("not a key");

    private final Set<String> continuationKeys;

    public SepPayloadSplitter(Set<String> continuationKeys) {
        this.continuationKeys = Set.copyOf(continuationKeys);
    }

    public List<SepColumn> split(String payload) {
        return split(payload, 0);
    }

    /** The columns of the payload {@code text[from...]} (a syslog line's end, read in place). */
    public List<SepColumn> split(String text, int from) {
        List<SepColumn> columns = splitColumns(text, from);
        // bare columns after a continuation key are joined back to its value, in the same list: the columns kept move up
        int kept = 0;
        // the value of the last kept column while bare columns are joined back to it
        StringBuilder continued = null;
        for (int i = 0; i < columns.size(); i++) {
            SepColumn column = columns.get(i);
            SepColumn previous = kept == 0 ? null : columns.get(kept - 1);
            if (!column.isKeyed() && previous != null && previous.isKeyed()
                    && continuationKeys.contains(previous.key()) && !column.value().isEmpty()) {
                if (continued == null) {
                    continued = new StringBuilder(previous.value());
                }
                continued.append(',').append(column.value());
                continue;
            }
            continued = endContinuation(columns, kept, continued);
            columns.set(kept++, column);
        }
        endContinuation(columns, kept, continued);
        columns.subList(kept, columns.size()).clear();
        return columns;
    }

    /** Puts the joined value into the last kept column; returns null, the state after a continuation. */
    private static StringBuilder endContinuation(List<SepColumn> columns, int kept, StringBuilder continued) {
        if (continued != null) {
            SepColumn last = columns.get(kept - 1);
            columns.set(kept - 1, new SepColumn(last.key(), continued.toString()));
        }
        return null;
    }

    private static List<SepColumn> splitColumns(String payload, int from) {
        List<SepColumn> columns = new ArrayList<>(64);
        StringBuilder current = new StringBuilder();
        int n = payload.length();
        int i = from;
        // where the next quote and apostrophe are: most lines have none, found once (the JDK's vectorised indexOf)
        int quote = -1;
        int apostrophe = -1;
        while (true) {
            if (columns.size() == MAX_COLUMNS) {
                throw new RejectedInputException("more than " + MAX_COLUMNS + " columns: not a SEP event");
            }
            // most columns have no quotes: a plain range of the payload, read in place
            if (quote < i) {
                quote = indexOrEnd(payload, '"', i);
            }
            if (apostrophe < i) {
                apostrophe = indexOrEnd(payload, '\'', i);
            }
            int plainEnd = Math.min(indexOrEnd(payload, ',', i), Math.min(quote, apostrophe));
            if (plainEnd == n || payload.charAt(plainEnd) == ',') {
                columns.add(toColumn(payload, i, plainEnd));
                if (plainEnd == n) {
                    return columns;
                }
                i = plainEnd + 1;
                continue;
            }
            current.setLength(0);
            i = quotedColumn(payload, i, current);
            String column = current.toString();
            columns.add(toColumn(column, 0, column.length()));
            if (i > n) {
                return columns;
            }
        }
    }

    /** Reads the column starting at {@code i} into {@code current}; returns the index after its comma (n + 1 at the end). */
    private static int quotedColumn(String payload, int i, StringBuilder current) {
        int n = payload.length();
        while (i < n) {
            char c = payload.charAt(i);
            if (c == ',') {
                return i + 1;
            } else if (c == '\'' && current.isEmpty() && closingSingleQuote(payload, i) > 0) {
                int end = closingSingleQuote(payload, i);
                current.append(payload, i + 1, end);
                i = end + 1;
            } else if (c == '"' && current.isEmpty()) {
                int end = closingCsvQuote(payload, i);
                if (end < 0) {
                    current.append(c);
                    i++;
                } else {
                    current.append(payload.substring(i + 1, end).replace("\"\"", "\""));
                    i = end + 1;
                }
            } else if (c == '"' && endsWithKeySeparator(current)) {
                int end = payload.indexOf("\",", i + 1);
                if (end < 0 && payload.endsWith("\"") && payload.length() - 1 > i) {
                    end = payload.length() - 1;
                }
                if (end < 0) {
                    current.append(c);
                    i++;
                } else {
                    current.append(payload, i + 1, end);
                    i = end + 1;
                }
            } else {
                // plain text up to the next character that may start or end a column, in one go
                int next = plainEnd(payload, i + 1);
                current.append(payload, i, next);
                i = next;
            }
        }
        return n + 1;
    }

    /** Index of the quote closing a CSV-quoted column opened at {@code open}, or -1 if it is not one. */
    private static int closingCsvQuote(String s, int open) {
        int i = open + 1;
        while (i < s.length()) {
            if (s.charAt(i) == '"') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                return i + 1 == s.length() || s.charAt(i + 1) == ',' ? i : -1;
            }
            i++;
        }
        return -1;
    }

    /** Index of the quote closing a single-quoted column ({@code 'a, b'}) opened at {@code open}, or -1. */
    private static int closingSingleQuote(String s, int open) {
        for (int i = s.indexOf('\'', open + 1); i > 0; i = s.indexOf('\'', i + 1)) {
            if (i + 1 == s.length() || s.charAt(i + 1) == ',') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOrEnd(String payload, char c, int from) {
        int index = payload.indexOf(c, from);
        return index < 0 ? payload.length() : index;
    }

    /** The index of the first character at or after {@code from} that may start or end a column (or the end). */
    private static int plainEnd(String payload, int from) {
        int end = from;
        while (end < payload.length() && !isColumnSyntax(payload.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isColumnSyntax(char c) {
        return c == ',' || c == '"' || c == '\'';
    }

    private static boolean endsWithKeySeparator(StringBuilder current) {
        int len = current.length();
        return len >= 2 && current.charAt(len - 2) == ':' && isSpace(current.charAt(len - 1));
    }

    /** The column {@code text[start, end)}: keyed at its first colon followed by a space or the end, else positional. */
    static SepColumn toColumn(String text, int start, int end) {
        // the text before the first colon, hashed on the way: a key's place among the recent keys
        int colon = start;
        int hash = 0;
        for (char c; colon < end && (c = text.charAt(colon)) != ':'; colon++) {
            hash = 31 * hash + c;
        }
        if (colon > start && colon < end && (colon + 1 == end || isSpace(text.charAt(colon + 1)))) {
            String key = knownKey(text, start, colon, hash);
            if (key != null) {
                return new SepColumn(key, strip(text, colon + 1, end));
            }
        }
        return new SepColumn(null, strip(text, start, end));
    }

    /**
     * The keys seen last, two places for each hash of the text before the colon: a column's key is found in place, with
     * one or two comparisons and without a copy of its text. (Keys placed by a few of their characters shared places:
     * "Application name" and "Application type" pushed each other out on every line that has both.)
     */
    private static final int RECENT_KEY_PAIR_BITS = 11;
    private static final String[] RECENT_KEYS = new String[2 << RECENT_KEY_PAIR_BITS];

    /** {@link #knownKey(String)} of {@code text[start, end)} without its surrounding spaces; {@code hash}, the text's. */
    private static String knownKey(String text, int start, int end, int hash) {
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        int length = end - start;
        if (length == 0) {
            return null;
        }
        // the two places are neighbours (one cache line), the pair chosen by the hash's mix (Fibonacci hashing: keys
        // that differ in their last character, "MAC Address1" and "MAC Address2", land far apart)
        int first = ((hash * 0x9E3779B9) >>> (Integer.SIZE - RECENT_KEY_PAIR_BITS)) * 2;
        String recent = RECENT_KEYS[first];
        // startsWith: the JDK's regionMatches compared the same bytes at about twice the cost (a tight loop of each)
        if (recent != null && recent.length() == length && text.startsWith(recent, start)) {
            return recent;
        }
        String other = RECENT_KEYS[first + 1];
        if (other != null && other.length() == length && text.startsWith(other, start)) {
            return other;
        }
        String key = knownKey(text.substring(start, end));
        if (key != null) {
            // the newest in the first place, the one it displaces in the second
            RECENT_KEYS[first + 1] = recent;
            RECENT_KEYS[first] = key;
        }
        return key;
    }

    /**
     * The key as the one remembered instance, or null when the text does not look like a key. Every later set and map
     * that holds the key then finds its hash computed and equals it by identity.
     */
    private static String knownKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return null;
        }
        String known = KNOWN_KEYS.get(key);
        if (known == null) {
            known = KEY.matcher(key).matches() && key.split(" ").length <= MAX_KEY_WORDS ? key : NOT_A_KEY;
            if (KNOWN_KEYS.size() < KEY_CACHE_SIZE) {
                KNOWN_KEYS.put(key, known);
            }
        }
        return known == NOT_A_KEY ? null : known;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\u00A0' || c == '\u202F';
    }

    /** {@code s[start, end)} without spaces, tabs and the non-breaking spaces localised SEPM puts before colons. */
    private static String strip(String s, int start, int end) {
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || Character.isWhitespace(c) || isSpace(c);
    }
}
