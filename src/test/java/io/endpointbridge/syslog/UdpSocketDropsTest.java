package io.endpointbridge.syslog;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UdpSocketDropsTest {

    static final List<String> TABLE = List.of(
            "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
            " 1234: 00000000:158A 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41234 2 0000000000000000 17",
            " 1235: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41235 2 0000000000000000 3",
            " 1236: 00000000:158A 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41236 2 0000000000000000 5");

    @Test
    void sumsTheDropsOfTheSocketsOnThePort() {
        assertEquals(22, UdpSocketDrops.sum(TABLE, 5514));
        assertEquals(3, UdpSocketDrops.sum(TABLE, 53));
        assertEquals(-1, UdpSocketDrops.sum(TABLE, 9999));
    }
}
