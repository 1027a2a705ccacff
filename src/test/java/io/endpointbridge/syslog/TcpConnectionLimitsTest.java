package io.endpointbridge.syslog;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The connection cap leaves the broker and the rest of the process their file descriptors. */
class TcpConnectionLimitsTest {

    @Test
    void theCapStaysBelowTheDescriptorLimitLessTheReserve() {
        assertEquals(2000, TcpConnectionLimits.within(1_048_576, 2000, 600_000).maxConnections());
        assertEquals(1500 - TcpConnectionLimits.RESERVED_DESCRIPTORS,
                TcpConnectionLimits.within(1500, 2000, 600_000).maxConnections());
        assertEquals(2000, TcpConnectionLimits.within(-1, 2000, 600_000).maxConnections(), "limit unknown: as configured");
    }
}
