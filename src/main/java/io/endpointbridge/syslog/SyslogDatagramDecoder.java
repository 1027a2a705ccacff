package io.endpointbridge.syslog;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollDatagramChannelConfig;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.apache.camel.component.netty.ChannelHandlerFactory;

/**
 * Turns each UDP datagram into one {@link SyslogFrame}. A datagram larger than the configured maximum is passed on
 * as rejected (with its first bytes) rather than dropped. Note that Netty itself truncates datagrams larger than the
 * endpoint's {@code receiveBufferSizePredictor}, which the route therefore sets to the UDP maximum.
 */
@ChannelHandler.Sharable
public class SyslogDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> implements ChannelHandlerFactory {

    static final int DATAGRAMS_PER_READ = 256;
    static final int DATAGRAMS_PER_SYSCALL = 16;
    static final int MAX_DATAGRAM_BYTES = 65536;

    private int maxMessageBytes = 65536;
    private Clock clock = Clock.systemUTC();

    public void setMaxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return this;
    }

    /**
     * Receive buffers for whole datagrams of up to 64 KiB (Netty's default would cut them at 2 KiB without a word),
     * many per read loop. On Linux epoll ({@code nativeTransport=true}) one {@code recvmmsg} call takes up to
     * {@value #DATAGRAMS_PER_SYSCALL} datagrams: per-datagram system calls were what capped the UDP listener.
     * Set here, when the channel is set up, because Camel's bootstrap options are applied before.
     */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ChannelConfig config = ctx.channel().config();
        if (config instanceof EpollDatagramChannelConfig epoll) {
            epoll.setMaxDatagramPayloadSize(MAX_DATAGRAM_BYTES);
            config.setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES * DATAGRAMS_PER_SYSCALL)
                    .maxMessagesPerRead(DATAGRAMS_PER_READ / DATAGRAMS_PER_SYSCALL));
        } else {
            config.setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES).maxMessagesPerRead(DATAGRAMS_PER_READ));
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        String sender = address(packet.sender());
        if (length > maxMessageBytes) {
            byte[] prefix = ByteBufUtil.getBytes(content, content.readerIndex(), maxMessageBytes);
            out.add(SyslogFrame.rejected(prefix, length, "udp", sender, clock.instant(),
                    "oversized datagram: " + length + " bytes > syslog.max-message-bytes " + maxMessageBytes));
        } else {
            out.add(SyslogFrame.accepted(ByteBufUtil.getBytes(content), "udp", sender, clock.instant()));
        }
    }

    static String address(java.net.SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return address == null ? null : address.toString();
    }
}
