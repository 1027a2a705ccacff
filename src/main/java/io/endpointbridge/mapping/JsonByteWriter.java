package io.endpointbridge.mapping;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * JSON tokens appended to a reused byte array, escaped as Jackson's UTF-8 generator with {@link JsonBytes}' settings
 * escapes them ({@code JsonByteWriterTest} holds the two equal for every character). Written by hand for the syslog
 * path: {@link FlatTransform} writing a SEP event through Jackson's generator cost 2.5 µs of the ~12 µs of CPU an event
 * cost (bench/profile-syslog), most of it per-token bookkeeping a flat record does not need. The caller places the
 * commas ({@link #memberName}s carry theirs). A string with a surrogate character (rare in logs) is written by Jackson
 * itself, so that both ways agree on what a pair and a lone surrogate become.
 */
final class JsonByteWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII character: 0 written as it is, -1 as a six-character hex escape, else the letter after a backslash. */
    private static final byte[] ESCAPES = new byte[128];
    /** A writer that grew past this for one long record does not keep the memory for the next one. */
    private static final int KEPT_CAPACITY = 64 * 1024;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<JsonByteWriter> WRITERS = ThreadLocal.withInitial(() -> new JsonByteWriter(4096));

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private byte[] bytes;
    private int size;
    private char[] chars = new char[256];

    private JsonByteWriter(int capacity) {
        bytes = new byte[capacity];
    }

    /** This thread's writer, emptied. */
    static JsonByteWriter get() {
        JsonByteWriter writer = WRITERS.get();
        writer.size = 0;
        if (writer.bytes.length > KEPT_CAPACITY) {
            writer.bytes = new byte[4096];
        }
        if (writer.chars.length > KEPT_CAPACITY) {
            writer.chars = new char[256];
        }
        return writer;
    }

    /** The quoted, escaped name and its colon, as {@link #raw} takes it. */
    static byte[] fieldName(String name) {
        JsonByteWriter writer = new JsonByteWriter(6 * name.length() + 3);
        writer.string(name);
        writer.raw((byte) ':');
        return writer.toByteArray();
    }

    /**
     * A member's name after the comma that comes before it: {@code ,"name":}, written whole by {@link #member} (one copy
     * per member instead of three writes).
     */
    static byte[] memberName(String name) {
        byte[] field = fieldName(name);
        byte[] member = new byte[field.length + 1];
        member[0] = ',';
        System.arraycopy(field, 0, member, 1, field.length);
        return member;
    }

    /** A {@link #memberName}, without its comma when it is the first member of its object. */
    void member(byte[] name, boolean first) {
        int from = first ? 1 : 0;
        int length = name.length - from;
        ensure(length);
        System.arraycopy(name, from, bytes, size, length);
        size += length;
    }

    void raw(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    void raw(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, size, text.length);
        size += text.length;
    }

    void number(long value) {
        raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    void string(String text) {
        // at most six bytes per character (an escape), and the quotes
        ensure(6 * text.length() + 2);
        bytes[size] = '"';
        writeChars(text, 0, size + 1);
    }

    /** {@link #latin1String} when the caller knows the text to be Latin-1, else {@link #string}. */
    void string(String text, boolean latin1) {
        if (latin1) {
            latin1String(text);
        } else {
            string(text);
        }
    }

    /**
     * {@link #string} for a text the caller knows to have no character above U+00FF: its characters are copied as
     * bytes in one go and looked at eight at a time for one that needs an escape or is not ASCII (the rest of the text
     * is then written as {@link #string} does).
     */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) keeps each char's low byte: exact for Latin-1
    void latin1String(String text) {
        int length = text.length();
        // and a word's room after the text: its last bytes are read as one word
        ensure(6 * length + 2 + Long.BYTES);
        byte[] out = bytes;
        int start = size + 1;
        out[size] = '"';
        text.getBytes(0, length, out, start);
        int escape = firstEscape(out, start, length);
        if (escape < 0) {
            out[start + length] = '"';
            size = start + length + 1;
        } else {
            writeChars(text, escape, start + escape);
        }
    }

    /** Writes {@code text} from character {@code from} on at {@code p}, then the closing quote. */
    private void writeChars(String text, int from, int p) {
        int n = text.length() - from;
        // the characters copied out in one go, then read without String.charAt's checks on each
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        char[] in = chars;
        text.getChars(from, from + n, in, 0);
        byte[] out = bytes;
        int i = 0;
        // plain ASCII in a loop of its own, as Jackson does: the JIT keeps it short
        for (char c; i < n && (c = in[i]) < 0x80 && ESCAPES[c] == 0; i++) {
            out[p++] = (byte) c;
        }
        for (; i < n; i++) {
            char c = in[i];
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    out[p++] = (byte) c;
                } else if (escape > 0) {
                    out[p++] = '\\';
                    out[p++] = escape;
                } else {
                    out[p++] = '\\';
                    out[p++] = 'u';
                    out[p++] = '0';
                    out[p++] = '0';
                    out[p++] = HEX[c >> 4];
                    out[p++] = HEX[c & 0xF];
                }
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // the whole text again from its opening quote (size has not moved)
                raw(JsonBytes.of(TextNode.valueOf(text)));
                return;
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[p++] = '"';
        size = p;
    }

    /**
     * The offset from {@code from} of the first byte that is not written as it is (an escape, a non-ASCII byte), or -1.
     * Reads a word past the end: the caller leaves room for it.
     */
    private static int firstEscape(byte[] b, int from, int length) {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if (escapeInWord((long) WORDS.get(b, from + i))) {
                return firstEscapeByte(b, from, i, length);
            }
        }
        int rest = length - i;
        if (rest == 0) {
            return -1;
        }
        // the last bytes in one word, the bytes after the text taken as plain letters
        long text = -1L >>> (Long.BYTES - rest) * 8;
        long word = ((long) WORDS.get(b, from + i) & text) | (PLAIN_LETTERS & ~text);
        return escapeInWord(word) ? firstEscapeByte(b, from, i, length) : -1;
    }

    private static final long PLAIN_LETTERS = 0x6161616161616161L;

    private static int firstEscapeByte(byte[] b, int from, int i, int length) {
        for (; i < length; i++) {
            int c = b[from + i];
            if (c < 0 || ESCAPES[c] != 0) {
                return i;
            }
        }
        return -1;
    }

    /** Whether one of eight bytes is below 0x20, a quote, a backslash or above 0x7F (bit tricks: no byte by byte). */
    private static boolean escapeInWord(long word) {
        long quote = word ^ 0x2222222222222222L;
        long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
        long control = (word - 0x2020202020202020L) & ~word;
        long quoteZero = (quote - 0x0101010101010101L) & ~quote;
        long backslashZero = (backslash - 0x0101010101010101L) & ~backslash;
        return ((control | quoteZero | backslashZero | word) & 0x8080808080808080L) != 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
