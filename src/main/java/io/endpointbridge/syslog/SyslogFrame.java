package io.endpointbridge.syslog;

import java.time.Instant;

/**
 * One syslog message as it came off the wire, before any decoding: the bytes, where and when it arrived, and, for
 * frames the listener could not accept whole (oversized, cut short), why. Rejected frames still travel down the route
 * so that they end in the dead-letter topic instead of vanishing inside Netty.
 */
public record SyslogFrame(byte[] bytes, long originalLength, String transport, String sender, Instant receivedAt,
                          String rejectReason) {

    public static SyslogFrame accepted(byte[] bytes, String transport, String sender, Instant receivedAt) {
        return new SyslogFrame(bytes, bytes.length, transport, sender, receivedAt, null);
    }

    public static SyslogFrame rejected(byte[] prefix, long originalLength, String transport, String sender,
                                       Instant receivedAt, String reason) {
        return new SyslogFrame(prefix, originalLength, transport, sender, receivedAt, reason);
    }

    public boolean isRejected() {
        return rejectReason != null;
    }
}
