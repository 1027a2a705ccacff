package io.endpointbridge.syslog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyslogStreamDecoderTest {

    private static EmbeddedChannel channel(int max) {
        SyslogStreamDecoder factory = new SyslogStreamDecoder();
        factory.setMaxMessageBytes(max);
        return new EmbeddedChannel(factory.newChannelHandler());
    }

    private static List<SyslogFrame> frames(EmbeddedChannel channel) {
        List<SyslogFrame> out = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            out.add((SyslogFrame) o);
        }
        return out;
    }

    private static void write(EmbeddedChannel channel, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private static String text(SyslogFrame frame) {
        return new String(frame.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void linesWithLfAndCrlfSplitAcrossReads() {
        EmbeddedChannel ch = channel(100);
        write(ch, "<54>first\r\n<54>sec");
        write(ch, "ond\n\n<54>third\n");
        List<SyslogFrame> frames = frames(ch);
        assertEquals(List.of("<54>first", "<54>second", "<54>third"), frames.stream().map(SyslogStreamDecoderTest::text).toList());
        assertTrue(frames.stream().noneMatch(SyslogFrame::isRejected));
    }

    @Test
    void lastLineWithoutLineFeedIsDeliveredWhenTheSenderHalfCloses() {
        EmbeddedChannel ch = channel(100);
        write(ch, "<54>a\n<54>no newline at end");
        assertEquals(1, frames(ch).size());
        ch.finish();
        List<SyslogFrame> rest = frames(ch);
        assertEquals(1, rest.size());
        assertEquals("<54>no newline at end", text(rest.get(0)));
    }

    @Test
    void octetCountingDetectedFromTheFirstByte() {
        EmbeddedChannel ch = channel(100);
        write(ch, "9 <54>hello11 <54>wor");
        write(ch, "ld!\n");
        List<SyslogFrame> frames = frames(ch);
        assertEquals(List.of("<54>hello", "<54>world!"), frames.stream().map(SyslogStreamDecoderTest::text).toList());
    }

    @Test
    void oversizedLineIsRejectedWithItsPrefixAndTheNextLineSurvives() {
        EmbeddedChannel ch = channel(10);
        write(ch, "x".repeat(25));
        write(ch, "y".repeat(25) + "\nok line\n");
        List<SyslogFrame> frames = frames(ch);
        assertEquals(2, frames.size());
        assertTrue(frames.get(0).isRejected());
        assertEquals(50, frames.get(0).originalLength());
        assertEquals("xxxxxxxxxx", text(frames.get(0)));
        assertTrue(frames.get(0).rejectReason().contains("oversized"));
        assertFalse(frames.get(1).isRejected());
        assertEquals("ok line", text(frames.get(1)));
    }

    @Test
    void oversizedCountedFrameIsSkippedExactly() {
        EmbeddedChannel ch = channel(10);
        write(ch, "20 " + "a".repeat(15));
        write(ch, "b".repeat(5) + "5 <54>x");
        List<SyslogFrame> frames = frames(ch);
        assertEquals(2, frames.size());
        assertTrue(frames.get(0).isRejected());
        assertEquals(20, frames.get(0).originalLength());
        assertEquals("<54>x", text(frames.get(1)));
    }

    @Test
    void invalidCountedHeaderAndTruncatedFrameAreRejectedNotLost() {
        EmbeddedChannel ch = channel(100);
        write(ch, "5 <54>x12x garbage\n9 <54>good");
        ch.finish();
        List<SyslogFrame> frames = frames(ch);
        assertEquals(3, frames.size());
        assertEquals("<54>x", text(frames.get(0)));
        assertTrue(frames.get(1).rejectReason().contains("invalid octet-counting frame"));
        assertTrue(frames.get(2).rejectReason().contains("connection closed inside an octet-counted frame"));
    }
}
