package io.endpointbridge.syslog;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.apache.camel.component.netty.ChannelHandlerFactory;

/**
 * Splits a syslog TCP stream into {@link SyslogFrame}s. The framing is detected once per connection from its first
 * byte: a digit means RFC 6587 octet counting ({@code LEN SP MSG}), anything else means non-transparent framing
 * terminated by LF (a CR before the LF is dropped). Frames over the maximum are skipped to their end and passed on
 * as rejected with their first bytes, so an oversized frame never cuts the next one nor disappears silently. What a
 * connection holds of an unfinished message counts against the listeners' {@link PartialLineBudget}.
 */
public class SyslogStreamDecoder extends ByteToMessageDecoder implements ChannelHandlerFactory, PartialLineBudget.Holder {

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final int MAX_LENGTH_DIGITS = 9;

    private enum Framing { UNKNOWN, OCTET_COUNTING, LINES }

    private int maxMessageBytes = 65536;
    private Clock clock = Clock.systemUTC();
    private String transport = "tcp";

    private Framing framing = Framing.UNKNOWN;
    /** An oversized frame being skipped: bytes still to skip (octet counting) or -1 for "until LF". */
    private long skipRemaining;
    private boolean skipping;
    private long skippedLength;
    private ByteArrayOutputStream skippedPrefix;
    private String skipReason;

    private PartialLineBudget budget;
    private ChannelHandlerContext context;
    /** Bytes of unfinished message last reported to the budget. */
    private long reported;
    /** The budget took this connection's partial message: it is being closed, nothing more is read. */
    private boolean droppedForBudget;

    public void setMaxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** The transport name frames carry ({@code tcp}, or {@code tls} behind the TLS listener). */
    public void setTransport(String transport) {
        this.transport = transport;
    }

    /** The budget shared by the connections of the TCP listeners (none: unbounded, for tests of framing alone). */
    public void setPartialLineBudget(PartialLineBudget budget) {
        this.budget = budget;
    }

    public PartialLineBudget partialLineBudget() {
        return budget;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        SyslogStreamDecoder decoder = new SyslogStreamDecoder();
        decoder.setMaxMessageBytes(maxMessageBytes);
        decoder.setClock(clock);
        decoder.setTransport(transport);
        decoder.setPartialLineBudget(budget);
        return decoder;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        context = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (droppedForBudget) {
            in.skipBytes(in.readableBytes());
            return;
        }
        decodeFrames(ctx, in, out);
        report(in.readableBytes() + (skippedPrefix == null ? 0 : skippedPrefix.size()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        report(0);
    }

    private void report(long holding) {
        if (budget != null && holding != reported) {
            budget.set(this, holding);
            reported = holding;
        }
    }

    /** Asked by the budget (from any thread): gives up this connection's partial message and closes it. */
    @Override
    public void dropPartial(String reason) {
        ChannelHandlerContext ctx = context;
        if (ctx != null) {
            ctx.executor().execute(() -> dropPartial(ctx, reason));
        }
    }

    private void dropPartial(ChannelHandlerContext ctx, String reason) {
        if (droppedForBudget || !ctx.channel().isActive()) {
            return;
        }
        droppedForBudget = true;
        ByteBuf in = internalBuffer();
        int readable = in.readableBytes();
        byte[] prefix;
        long length;
        if (skipping) {
            prefix = skippedPrefix.toByteArray();
            length = skippedLength + readable;
        } else {
            prefix = ByteBufUtil.getBytes(in, in.readerIndex(), Math.min(readable, maxMessageBytes));
            length = readable;
        }
        in.skipBytes(readable);
        skipping = false;
        skippedPrefix = null;
        report(0);
        String sender = SyslogDatagramDecoder.address(ctx.channel().remoteAddress());
        ctx.fireChannelRead(List.of(SyslogFrame.rejected(prefix, length, transport, sender, clock.instant(), reason)));
        ctx.close();
    }

    private void decodeFrames(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        String sender = SyslogDatagramDecoder.address(ctx.channel().remoteAddress());
        while (in.isReadable()) {
            if (skipping) {
                if (!skip(in, out, sender)) {
                    return;
                }
                continue;
            }
            if (framing == Framing.UNKNOWN) {
                byte first = in.getByte(in.readerIndex());
                framing = first >= '1' && first <= '9' ? Framing.OCTET_COUNTING : Framing.LINES;
            }
            boolean progressed = framing == Framing.LINES ? decodeLine(in, out, sender) : decodeCounted(in, out, sender);
            if (!progressed) {
                return;
            }
        }
    }

    private boolean decodeLine(ByteBuf in, List<Object> out, String sender) {
        int start = in.readerIndex();
        int eol = in.indexOf(start, in.writerIndex(), LF);
        if (eol < 0) {
            if (in.readableBytes() > maxMessageBytes) {
                startSkipping(in, -1, "oversized line: more than syslog.max-message-bytes " + maxMessageBytes
                        + " bytes without a line feed");
                return true;
            }
            return false;
        }
        int end = eol > start && in.getByte(eol - 1) == CR ? eol - 1 : eol;
        int length = end - start;
        if (length > maxMessageBytes) {
            out.add(SyslogFrame.rejected(ByteBufUtil.getBytes(in, start, maxMessageBytes), length, transport, sender,
                    clock.instant(), "oversized line: " + length + " bytes > syslog.max-message-bytes " + maxMessageBytes));
        } else if (length > 0) {
            out.add(SyslogFrame.accepted(ByteBufUtil.getBytes(in, start, length), transport, sender, clock.instant()));
        }
        in.readerIndex(eol + 1);
        return true;
    }

    private boolean decodeCounted(ByteBuf in, List<Object> out, String sender) {
        // tolerate line feeds or spaces some relays put between counted frames
        while (in.isReadable() && isFrameGap(in.getByte(in.readerIndex()))) {
            in.skipBytes(1);
        }
        if (!in.isReadable()) {
            return false;
        }
        int start = in.readerIndex();
        int digitsEnd = start;
        while (digitsEnd < in.writerIndex() && digitsEnd - start <= MAX_LENGTH_DIGITS && isDigit(in.getByte(digitsEnd))) {
            digitsEnd++;
        }
        if (digitsEnd == in.writerIndex() && digitsEnd - start <= MAX_LENGTH_DIGITS) {
            return false; // length not complete yet
        }
        if (digitsEnd == start || digitsEnd - start > MAX_LENGTH_DIGITS || in.getByte(digitsEnd) != ' ') {
            startSkipping(in, -1, "invalid octet-counting frame: expected 'LENGTH SP MESSAGE'");
            return true;
        }
        long length = Long.parseLong(in.toString(start, digitsEnd - start, java.nio.charset.StandardCharsets.US_ASCII));
        if (length > maxMessageBytes) {
            in.readerIndex(digitsEnd + 1);
            startSkipping(in, length, "oversized octet-counted frame: " + length + " bytes > syslog.max-message-bytes "
                    + maxMessageBytes);
            return true;
        }
        if (in.writerIndex() - (digitsEnd + 1) < length) {
            return false;
        }
        byte[] message = ByteBufUtil.getBytes(in, digitsEnd + 1, (int) length);
        in.readerIndex(digitsEnd + 1 + (int) length);
        if (length > 0) {
            out.add(SyslogFrame.accepted(trimTrailingLineEnd(message), transport, sender, clock.instant()));
        }
        return true;
    }

    private void startSkipping(ByteBuf in, long remaining, String reason) {
        skipping = true;
        skipRemaining = remaining;
        skippedLength = 0;
        skippedPrefix = new ByteArrayOutputStream();
        skipReason = reason;
    }

    /** Consumes the frame being skipped; true once it has ended and its rejection was emitted. */
    private boolean skip(ByteBuf in, List<Object> out, String sender) {
        int available = in.readableBytes();
        int take;
        boolean ended;
        if (skipRemaining < 0) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), LF);
            ended = eol >= 0;
            take = ended ? eol - in.readerIndex() : available;
        } else {
            take = (int) Math.min(available, skipRemaining);
            skipRemaining -= take;
            ended = skipRemaining == 0;
        }
        int keep = (int) Math.min(take, Math.max(0, maxMessageBytes - skippedPrefix.size()));
        if (keep > 0) {
            skippedPrefix.writeBytes(ByteBufUtil.getBytes(in, in.readerIndex(), keep));
        }
        in.skipBytes(take);
        skippedLength += take;
        if (ended) {
            if (skipRemaining < 0) {
                in.skipBytes(1); // the LF
            }
            emitSkipped(out, sender, skipReason);
        }
        return ended;
    }

    private void emitSkipped(List<Object> out, String sender, String reason) {
        out.add(SyslogFrame.rejected(skippedPrefix.toByteArray(), skippedLength, transport, sender, clock.instant(), reason));
        skipping = false;
        skippedPrefix = null;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (droppedForBudget) {
            return;
        }
        String sender = SyslogDatagramDecoder.address(ctx.channel().remoteAddress());
        if (skipping) {
            if (in.isReadable()) {
                skip(in, out, sender);
            }
            if (skipping) {
                emitSkipped(out, sender, skipReason + " (connection closed inside the frame)");
            }
        }
        if (!in.isReadable()) {
            return;
        }
        byte[] rest = ByteBufUtil.getBytes(in);
        in.skipBytes(rest.length);
        if (framing == Framing.LINES) {
            // the last line of a stream needs no line feed
            out.add(SyslogFrame.accepted(trimTrailingLineEnd(rest), transport, sender, clock.instant()));
        } else {
            out.add(SyslogFrame.rejected(rest, rest.length, transport, sender, clock.instant(),
                    "connection closed inside an octet-counted frame"));
        }
    }

    private static byte[] trimTrailingLineEnd(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == LF || bytes[end - 1] == CR)) {
            end--;
        }
        return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
    }

    private static boolean isFrameGap(byte b) {
        return b == LF || b == CR || b == ' ';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
