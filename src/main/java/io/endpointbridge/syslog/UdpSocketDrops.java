package io.endpointbridge.syslog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Datagrams the kernel dropped on our UDP listener because its receive buffer was full: the {@code drops} column of
 * /proc/net/udp and /proc/net/udp6 for the sockets bound to the syslog port. Linux only; -1 elsewhere.
 */
public final class UdpSocketDrops {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private UdpSocketDrops() {
    }

    public static long read(int port) {
        long drops = -1;
        for (Path table : TABLES) {
            try {
                long found = sum(Files.readAllLines(table), port);
                drops = found < 0 ? drops : Math.max(drops, 0) + found;
            } catch (IOException | RuntimeException notLinux) {
                // no such table here
            }
        }
        return drops;
    }

    /** Sum of the drops of the sockets whose local port is {@code port}; -1 when none is bound to it. */
    static long sum(List<String> lines, int port) {
        long drops = -1;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length < 13) {
                continue;
            }
            String local = columns[1];
            int localPort = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
            if (localPort == port) {
                drops = Math.max(drops, 0) + Long.parseLong(columns[columns.length - 1]);
            }
        }
        return drops;
    }
}
