package io.endpointbridge.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends numbered SEP lines ({@code seq <transport> <n>}) over TCP or UDP at a fixed rate on its own thread, so a test
 * can tell afterwards exactly which messages arrived, how often, and which did not.
 */
final class SequencedSender implements AutoCloseable {

    static final Pattern SEQUENCE = Pattern.compile("seq (tcp|udp) (\\d+)");

    private final long first;
    private final String transport;
    private final int port;
    private final int perSecond;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long sent;
    private volatile IOException failure;

    SequencedSender(String transport, int port, int perSecond) {
        this(transport, port, perSecond, 0);
    }

    /** Numbers from {@code first} on: a second sender continuing where a first one stopped. */
    SequencedSender(String transport, int port, int perSecond, long first) {
        this.first = first;
        this.transport = transport;
        this.port = port;
        this.perSecond = perSecond;
        this.thread = new Thread(this::send, "sender-" + transport);
        thread.setDaemon(true);
    }

    static byte[] line(String transport, long n) {
        return ("<54>Nov 23 08:34:00 sepm01 SymantecServer: PC-" + (n % 50) + ",Category: 2,LiveUpdate Manager,"
                + "Event Description: seq " + transport + " " + n + ",Event time: 2026-11-23 08:34:00")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The sequence number of a record sent by a sender of this transport, or -1. */
    static long sequence(String transport, String recordValue) {
        Matcher m = SEQUENCE.matcher(recordValue);
        return m.find() && m.group(1).equals(transport) ? Long.parseLong(m.group(2)) : -1;
    }

    SequencedSender start() {
        thread.start();
        return this;
    }

    /** How many lines were written (for TCP: handed to the kernel, not necessarily read by the peer). */
    long sent() {
        return sent;
    }

    /** The I/O error that stopped the sender (the peer killed), or null. */
    IOException failure() {
        return failure;
    }

    private void send() {
        long start = System.nanoTime();
        try (Socket tcp = transport.equals("tcp") ? new Socket(InetAddress.getLoopbackAddress(), port) : null;
             DatagramSocket udp = transport.equals("udp") ? new DatagramSocket() : null) {
            OutputStream out = tcp == null ? null : tcp.getOutputStream();
            while (running) {
                long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
                while (sent < due && running) {
                    byte[] line = line(transport, first + sent);
                    if (out != null) {
                        out.write(line);
                        out.write('\n');
                    } else {
                        udp.send(new DatagramPacket(line, line.length, InetAddress.getLoopbackAddress(), port));
                    }
                    sent++;
                }
                if (out != null) {
                    out.flush();
                }
                Thread.sleep(5);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sending; throws the I/O error that stopped it earlier, if any. */
    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        if (failure != null) {
            throw failure;
        }
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(120_000);
    }

    /** What arrived of {@code sent} numbered messages. */
    record Arrivals(long sent, BitSet seen, long duplicates) {
        long missing() {
            return sent - seen.cardinality();
        }
    }
}
