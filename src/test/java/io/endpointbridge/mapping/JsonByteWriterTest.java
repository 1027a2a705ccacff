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
    void latin1TextsAreCopiedAndEscapedAsJacksonWritesThem() {
        // every Latin-1 character at every place of an eight-byte word, in texts of every length up to three words
        for (int c = 0; c <= 0xFF; c++) {
            for (int length = 1; length <= 24; length++) {
                for (int at = 0; at < length; at++) {
                    StringBuilder text = new StringBuilder("C:\\Windows plain text".repeat(2).substring(0, length).replace('\\', 'x'));
                    text.setCharAt(at, (char) c);
                    assertWrittenAsJackson(text.toString(), true);
                }
            }
        }
        assertWrittenAsJackson("C:\\Program Files\\Symantec\\\"x\".exe\t", true);
        assertWrittenAsJackson("Le contr\u00f4le des applications est pr\u00eat.", true);
        assertWrittenAsJackson("x".repeat(70_000), true);
        assertWrittenAsJackson("", true);
    }

    @Test
    void bytesAfterAShortTextDoNotCountAsItsOwn() {
        // the writer's buffer after the text holds what an earlier record left there: quotes, controls, high bytes
        JsonByteWriter dirty = JsonByteWriter.get();
        dirty.string("\"\\\u0001\u00ff".repeat(100));
        for (int length = 0; length < 8; length++) {
            assertWrittenAsJackson("abcdefg".substring(0, length), true);
        }
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
        out.member(JsonByteWriter.memberName("m"), false);
        out.raw((byte) '{');
        out.member(JsonByteWriter.memberName("first"), true);
        out.number(1);
        out.member(JsonByteWriter.memberName("second"), false);
        out.number(2);
        out.raw((byte) '}');
        out.raw((byte) '}');
        assertEquals("{\"a \\\"name\\\"\":-42,\"é\":\"v\\n\",\"m\":{\"first\":1,\"second\":2}}",
                new String(out.toByteArray(), StandardCharsets.UTF_8));
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
            out.latin1String(text);
        } else {
            out.string(text);
        }
        out.raw((byte) ']');
        byte[] expected = JsonBytes.of(JsonNodeFactory.instance.arrayNode().add(text));
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(out.toByteArray(), StandardCharsets.ISO_8859_1),
                () -> "U+" + Integer.toHexString(text.isEmpty() ? 0 : text.charAt(0)) + " in " + text.length() + " chars");
    }
}
