package io.endpointbridge.syslog;

import java.time.OffsetDateTime;

/**
 * A syslog message split into header and payload. Every header part is optional because SEP lines arrive with full
 * RFC 3164/5424 headers, relayed without priority, or as bare payload from a log dump. The payload is the end of the
 * received text from {@code payloadStart} on: read in place, not copied out, by the SEP path.
 *
 * @param format one of {@code rfc5424}, {@code rfc3164}, {@code logdump}, {@code none}
 */
public record SyslogMessage(String format, Integer facility, Integer severity, OffsetDateTime timestamp,
                            String hostname, String appName, String procId, String msgId, String structuredData,
                            String text, int payloadStart) {

    /** A message whose payload is the whole of {@code payload}. */
    public SyslogMessage(String format, Integer facility, Integer severity, OffsetDateTime timestamp, String hostname,
                         String appName, String procId, String msgId, String structuredData, String payload) {
        this(format, facility, severity, timestamp, hostname, appName, procId, msgId, structuredData, payload, 0);
    }

    public String payload() {
        return payloadStart == 0 ? text : text.substring(payloadStart);
    }
}
