package io.endpointbridge.mapping;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written writer escapes and encodes every character as Jackson's generator does with our settings. */
class JsonByteWriterTest {

    @Test
    void everyCharacterIsWrittenAsJacksonWritesIt() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String alone = String.valueOf((char) c);
            assertWrittenAsJackson(alone);
            assertWrittenAsJackson("a" + alone + "b");
        }
    }

    @Test
    void surrogatePairsLoneSurrogatesAndLongTextsAsJackson() {
        assertWrittenAsJackson("file 😀.exe");
        assertWrittenAsJackson("\uD83D");
        assertWrittenAsJackson("x\uDE00y");
        assertWrittenAsJackson("\uDE00\uD83D");
        assertWrittenAsJackson("é \"q\" \\ \n\t 漢 \u0001\u001f\u007f");
        assertWrittenAsJackson("\\\"".repeat(20_000));
        assertWrittenAsJackson("\u0000".repeat(70_000));
        assertWrittenAsJackson("");
    }

    @Test
    void asciiTextsAreCopiedAndEscapedAsJacksonWritesThem() {
        // every ASCII character at every place of an eight-byte word, in texts of every length up to three words
        for (int c = 0; c < 0x80; c++) {
            for (int length = 1; length <= 24; length++) {
                for (int at = 0; at < length; at++) {
                    StringBuilder text = new StringBuilder("C:\\Windows plain text".repeat(2).substring(0, length).replace('\\', 'x'));
                    text.setCharAt(at, (char) c);
                    assertWrittenAsJackson(text.toString(), true);
                }
            }
        }
        assertWrittenAsJackson("C:\\Program Files\\Symantec\\\"x\".exe\t", true);
        // a Latin-1 letter is caught by the same look (the caller's promise broken, the bytes still right)
        assertWrittenAsJackson("caf\u00e9 au lait", true);
        assertWrittenAsJackson("x".repeat(70_000), true);
    }

    @Test
    void fieldNamesAndTokensFollowOneAnother() {
        JsonByteWriter out = JsonByteWriter.get();
        out.raw((byte) '{');
        out.raw(JsonByteWriter.fieldName("a \"name\""));
        out.number(-42);
        out.raw((byte) ',');
        out.raw(JsonByteWriter.fieldName("é"));
        out.string("v\n");
        out.raw((byte) '}');
        assertEquals("{\"a \\\"name\\\"\":-42,\"é\":\"v\\n\"}", new String(out.toByteArray(), StandardCharsets.UTF_8));
        // the next record starts empty
        assertEquals(0, JsonByteWriter.get().toByteArray().length);
    }

    private static void assertWrittenAsJackson(String text) {
        assertWrittenAsJackson(text, false);
    }

    private static void assertWrittenAsJackson(String text, boolean ascii) {
        JsonByteWriter out = JsonByteWriter.get();
        out.raw((byte) '[');
        if (ascii) {
            out.asciiString(text);
        } else {
            out.string(text);
        }
        out.raw((byte) ']');
        byte[] expected = JsonBytes.of(JsonNodeFactory.instance.arrayNode().add(text));
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(out.toByteArray(), StandardCharsets.ISO_8859_1),
                () -> "U+" + Integer.toHexString(text.isEmpty() ? 0 : text.charAt(0)) + " in " + text.length() + " chars");
    }
}
