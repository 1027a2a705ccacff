package io.endpointbridge.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Bytes the kernel holds for established loopback TCP connections to a port, from {@code /proc/net/tcp}: unread on
 * the server side (rx_queue) plus not yet taken by the server on the client side (tx_queue). 0 where unreadable.
 */
final class KernelSocketQueues {

    private KernelSocketQueues() {
    }

    static long bytes(int port) throws IOException {
        Path table = Path.of("/proc/net/tcp");
        if (!Files.isReadable(table)) {
            return 0;
        }
        String hexPort = String.format(":%04X", port);
        long total = 0;
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !f[3].equals("01")) {
                continue;
            }
            String[] queues = f[4].split(":");
            if (f[1].endsWith(hexPort)) {
                total += Long.parseLong(queues[1], 16); // server side: received, not read by the app
            } else if (f[2].endsWith(hexPort)) {
                total += Long.parseLong(queues[0], 16); // client side: sent, not acknowledged by the server's kernel
            }
        }
        return total;
    }
}
