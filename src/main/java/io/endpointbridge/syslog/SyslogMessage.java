package io.endpointbridge.syslog;

import java.time.OffsetDateTime;

/**
 * A syslog message split into header and payload. Every header part is optional because SEP lines arrive with full
 * RFC 3164/5424 headers, relayed without priority, or as bare payload from a log dump.
 *
 * @param format one of {@code rfc5424}, {@code rfc3164}, {@code logdump}, {@code none}
 */
public record SyslogMessage(String format, Integer facility, Integer severity, OffsetDateTime timestamp,
                            String hostname, String appName, String procId, String msgId, String structuredData,
                            String payload) {
}
