package io.endpointbridge.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import io.endpointbridge.Golden;
import io.endpointbridge.syslog.UdpSocketDrops;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Load generator and meter for bench/run, the same for every syslog receiver measured: sends the real SEP fixture
 * lines (mixed log types) and counts what the receiver got acknowledged in Kafka, by the topic's end offsets.
 * <ul>
 *   <li>{@code tcp PORT SECONDS BOOTSTRAP TOPIC}: one connection, as fast as the receiver takes them for SECONDS;
 *       events/s = lines sent / time until all of them are in Kafka.</li>
 *   <li>{@code udp PORT RATE SECONDS BOOTSTRAP TOPIC}: datagrams at a fixed RATE for SECONDS; delivered/offered.</li>
 * </ul>
 * Prints a human line and a {@code RESULT key=value} line.
 */
public final class SyslogLoad {

    public static void main(String[] args) throws Exception {
        List<byte[]> lines = Golden.sepFixtureLines();
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        if (mode.equals("tcp")) {
            tcp(lines, port, Integer.parseInt(args[2]), args[3], args[4], args.length > 5 ? args[5] : "tcp");
        } else {
            udp(lines, port, Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4], args[5], args.length > 6 ? args[6] : "udp");
        }
        System.exit(0);
    }

    static void tcp(List<byte[]> lines, int port, int seconds, String bootstrap, String topic, String label) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            ensureTopic(admin, topic);
            long before = endOffset(admin, topic);
            long start = System.nanoTime();
            long sent = flood(lines, port, seconds);
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long arrived = awaitOffsets(admin, topic, before, sent, 180);
            double total = (System.nanoTime() - start) / 1e9;
            double eps = arrived / total;
            System.out.printf("%s: TCP, one connection: %d fixture lines sent in %.1f s, %d in Kafka after %.1f s: %.0f events/s%n",
                    label, sent, sendSeconds, arrived, total, eps);
            System.out.printf("RESULT %s_tcp_eps=%.0f %s_tcp_sent=%d %s_tcp_arrived=%d%n", label, eps, label, sent, label, arrived);
        }
    }

    /** Sends the lines round and round over one TCP connection for {@code seconds}, as fast as the peer takes them. */
    static long flood(List<byte[]> lines, int port, int seconds) throws java.io.IOException {
        long sent = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            while (System.nanoTime() < end) {
                for (byte[] line : lines) {
                    out.write(line);
                    out.write('\n');
                }
                sent += lines.size();
            }
            out.flush();
        }
        return sent;
    }

    static void udp(List<byte[]> lines, int port, int rate, int seconds, String bootstrap, String topic, String label)
            throws Exception {
        try (Admin admin = admin(bootstrap); DatagramSocket socket = new DatagramSocket()) {
            ensureTopic(admin, topic);
            long before = endOffset(admin, topic);
            long kernelDropsBefore = UdpSocketDrops.read(port);
            InetAddress loopback = InetAddress.getLoopbackAddress();
            long total = (long) rate * seconds;
            long start = System.nanoTime();
            long sent = 0;
            int next = 0;
            while (sent < total) {
                long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
                while (sent < due) {
                    byte[] line = lines.get(next++ % lines.size());
                    socket.send(new DatagramPacket(line, line.length, loopback, port));
                    sent++;
                }
                Thread.sleep(1); // pace in 1-ms steps: a spinning sender would take a core from the receiver
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long arrived = awaitOffsets(admin, topic, before, sent, 60);
            long kernelDrops = UdpSocketDrops.read(port) - kernelDropsBefore;
            double pct = 100.0 * arrived / sent;
            System.out.printf("%s: UDP at %d/s offered for %.1f s: %d sent, %d in Kafka (%.2f %% delivered), "
                    + "%d dropped by the kernel (receive buffer full)%n", label, rate, sendSeconds, sent, arrived, pct, kernelDrops);
            System.out.printf("RESULT %s_udp_%dk_delivered_pct=%.2f %s_udp_%dk_sent=%d %s_udp_%dk_arrived=%d "
                    + "%s_udp_%dk_kernel_drops=%d%n", label, rate / 1000, pct, label, rate / 1000, sent, label, rate / 1000,
                    arrived, label, rate / 1000, kernelDrops);
        }
    }

    /** Waits until {@code expected} records were added, or until nothing was added for 5 s; returns how many were. */
    static long awaitOffsets(Admin admin, String topic, long before, long expected, int maxSeconds) throws Exception {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long arrived = 0;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = endOffset(admin, topic) - before;
            if (now != arrived) {
                arrived = now;
                lastChange = System.nanoTime();
            }
            if (arrived >= expected || System.nanoTime() - lastChange > 5_000_000_000L) {
                break;
            }
            Thread.sleep(20);
        }
        return arrived;
    }

    static long endOffset(Admin admin, String topic) throws Exception {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> request = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** The topic, created with 3 partitions if it does not exist yet (a receiver may create it on first write). */
    static void ensureTopic(Admin admin, String topic) throws Exception {
        if (!admin.listTopics().names().get().contains(topic)) {
            try {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1))).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        return Admin.create(p);
    }
}
