package io.endpointbridge.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.sep.SepEventNormalizer;
import io.endpointbridge.syslog.SyslogFrame;

/**
 * Prints throughput figures for the SEP syslog pipeline on this machine (a benchmark, not a test):
 * 1. offline: lines parsed and mapped per second by one thread (no I/O);
 * 2. end to end: fixture lines over TCP into the running app, acknowledged by the embedded Kafka broker.
 * Usage: bench/syslog-throughput [SECONDS [offline]]
 */
public final class SyslogThroughputBench {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<byte[]> lines = new ArrayList<>();
        lines.addAll(Golden.sepFixtureLines());
        offline(lines, seconds);
        if (args.length < 2 || !args[1].equals("offline")) {
            endToEnd(lines, seconds);
        }
        System.exit(0);
    }

    static void offline(List<byte[]> lines, int seconds) throws Exception {
        SepEventNormalizer normalizer = SepEventNormalizer.load(Path.of("mappings"), ZoneId.of("UTC"),
                Clock.systemUTC(), Set.of("SymantecServer"), key -> null);
        long fields = 0;
        for (byte[] line : lines) {
            JsonNode record = normalizer.normalize(SyslogFrame.accepted(line, "tcp", null, Instant.now())).record();
            fields += record.size() - 1;
        }
        long count = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L / 2;
        com.sun.management.ThreadMXBean cpu = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long allocatedStart = cpu.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (byte[] line : lines) {
                normalizer.normalize(SyslogFrame.accepted(line, "tcp", null, Instant.now()));
            }
            count += lines.size();
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        double cpuMicros = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e3 / count;
        double allocatedKb = (cpu.getCurrentThreadAllocatedBytes() - allocatedStart) / 1024.0 / count;
        System.out.printf("offline: %d fixture lines, %.1f normalized fields per line on average; %.0f lines/s parsed, "
                + "mapped and serialized (1 thread), %.2f µs of CPU and %.1f KiB allocated per line%n", lines.size(),
                (double) fields / lines.size(), rate, cpuMicros, allocatedKb);
    }

    static void endToEnd(List<byte[]> lines, int seconds) throws Exception {
        Properties p = new Properties();
        p.put("pipeline.stats-interval-ms", "3600000");
        try (RunningBridge bridge = new RunningBridge(p)) {
            PipelineCounters counters = bridge.context().getRegistry()
                    .lookupByNameAndType("pipelineCounters", PipelineCounters.class);
            long start = System.nanoTime();
            long sent = SyslogLoad.flood(lines, bridge.syslogPort, seconds);
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            while (counters.accountedFor("sep-syslog") < sent) {
                Thread.sleep(50);
            }
            double total = (System.nanoTime() - start) / 1e9;
            System.out.printf("end to end (TCP -> normalize -> Kafka acks=all, lz4, embedded broker): sent %d lines in "
                            + "%.1f s; all %d published after %.1f s: %.0f events/s (published %d, rejected %d, failed %d)%n",
                    sent, sendSeconds, sent, total, sent / total, counters.get("sep-syslog", "published"),
                    counters.get("sep-syslog", "rejected"), counters.get("sep-syslog", "failed"));
        }
    }
}
