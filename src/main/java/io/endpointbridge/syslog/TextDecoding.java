package io.endpointbridge.syslog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** SEPM writes UTF-8, but windows-1252 bytes occur (older managers, localised Windows); decided per message. */
public final class TextDecoding {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoding() {
    }

    public record Decoded(String text, Charset charset) {
        public boolean isUtf8() {
            return charset.equals(StandardCharsets.UTF_8);
        }
    }

    public static Decoded decode(byte[] bytes) {
        // the JDK decodes ASCII (the common case) with one vectorised check; without a replacement character the
        // lenient decoder met no malformed input: it was valid UTF-8
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return new Decoded(lenient, StandardCharsets.UTF_8);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new Decoded(text, StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            return new Decoded(new String(bytes, WINDOWS_1252), WINDOWS_1252);
        }
    }

    /** True when the bytes are valid UTF-8 (so a dead-letter record can carry them as text, not base64). */
    public static boolean isUtf8(byte[] bytes) {
        return decode(bytes).isUtf8();
    }

    /** The largest length up to {@code max} that does not cut a UTF-8 character of {@code bytes} in two. */
    public static int utf8Boundary(byte[] bytes, int max) {
        int end = Math.min(max, bytes.length);
        while (end > 0 && end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }
}
