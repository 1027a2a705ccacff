package io.endpointbridge.syslog;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.endpointbridge.core.OccasionalWarning;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what TCP senders can hold: at most {@code syslog.tcp.max-connections} open connections (one more is closed
 * at once and counted as refused), and a connection that sends nothing for {@code syslog.tcp.idle-timeout} is closed
 * and counted. The cap also never exceeds the process's file descriptor limit less a reserve, so the embedded broker,
 * the spool and the logs keep the descriptors they need whatever the number of senders. First handler of a TCP
 * listener's pipeline; one instance per listener, which makes one handler per connection.
 */
public class TcpConnectionLimits extends ChannelHandlerAdapter implements ChannelHandlerFactory {

    /** Descriptors left to everything but the listener: the broker's log segments, the spool, jars, sockets. */
    static final long RESERVED_DESCRIPTORS = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(TcpConnectionLimits.class);

    private final int maxConnections;
    private final long idleTimeoutMillis;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong idleClosed = new AtomicLong();
    private final OccasionalWarning refusing = new OccasionalWarning(60, TimeUnit.SECONDS);

    public TcpConnectionLimits(int maxConnections, long idleTimeoutMillis) {
        this.maxConnections = maxConnections;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /** The configured cap, lowered to the descriptor limit less the reserve when that is smaller (with a warning). */
    public static TcpConnectionLimits within(long descriptorLimit, int maxConnections, long idleTimeoutMillis) {
        long room = descriptorLimit - RESERVED_DESCRIPTORS;
        if (descriptorLimit > 0 && room < maxConnections) {
            int capped = (int) Math.max(1, room);
            LOG.warn("syslog.tcp.max-connections {} lowered to {}: the process may open {} files and {} are kept for "
                    + "the broker, the spool and the rest (raise the limit with ulimit -n)", maxConnections, capped,
                    descriptorLimit, RESERVED_DESCRIPTORS);
            return new TcpConnectionLimits(capped, idleTimeoutMillis);
        }
        return new TcpConnectionLimits(maxConnections, idleTimeoutMillis);
    }

    /** The process's open-file limit, or -1 where the JVM cannot tell. */
    public static long descriptorLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int open() {
        return open.get();
    }

    public long refused() {
        return refused.get();
    }

    public long idleClosed() {
        return idleClosed.get();
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return new Guard();
    }

    /** One connection: counted while open, closed when over the cap or idle. */
    private final class Guard extends IdleStateHandler {

        Guard() {
            super(idleTimeoutMillis, 0, 0, TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (open.incrementAndGet() > maxConnections) {
                long count = refused.incrementAndGet();
                if (refusing.due()) {
                    LOG.warn("{} TCP connections open (syslog.tcp.max-connections): closing the new one from {} ({} "
                            + "refused so far)", maxConnections, SyslogDatagramDecoder.address(ctx.channel().remoteAddress()), count);
                }
                ctx.close();
                return;
            }
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            open.decrementAndGet();
            super.channelInactive(ctx);
        }

        @Override
        protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
            if (event.state() == IdleState.READER_IDLE) {
                idleClosed.incrementAndGet();
                LOG.debug("Closing the TCP connection from {}: nothing received for {} ms (syslog.tcp.idle-timeout)",
                        SyslogDatagramDecoder.address(ctx.channel().remoteAddress()), idleTimeoutMillis);
                ctx.close();
            }
        }
    }
}
