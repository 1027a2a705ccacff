package io.endpointbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where a process spends its CPU, by thread: reads /proc/PID/task/{@literal *}/stat and /comm twice, SECONDS apart,
 * and prints the CPU each kind of thread used meanwhile (threads named alike, such as "GC Thread#0" and "GC
 * Thread#1", summed), in cores. For bench/profile-syslog: it answers "the GC, the Kafka client's I/O thread, Netty,
 * or our normalizing pool?" without an agent in the measured process. Usage: ThreadCpu PID SECONDS
 */
public final class ThreadCpu {

    public static void main(String[] args) throws Exception {
        long pid = Long.parseLong(args[0]);
        long millis = (long) (Double.parseDouble(args[1]) * 1000);
        Map<String, Long> before = ticks(pid);
        long start = System.nanoTime();
        Thread.sleep(millis);
        Map<String, Long> after = ticks(pid);
        double seconds = (System.nanoTime() - start) / 1e9;
        double hz = 100.0;
        Map<String, Long> used = new TreeMap<>();
        after.forEach((kind, t) -> used.merge(kind, t - before.getOrDefault(kind, 0L), Long::sum));
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        used.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> System.out.printf("%-28s %6.1f %% %5.2f cores%n", e.getKey(), 100.0 * e.getValue() / total,
                        e.getValue() / hz / seconds));
        System.out.printf("%-28s %6.1f %% %5.2f cores%n", "all threads", 100.0, total / hz / seconds);
    }

    /** user + system ticks per kind of thread (the Java name without its trailing number). */
    static Map<String, Long> ticks(long pid) throws IOException, InterruptedException {
        Map<Long, String> javaNames = javaNames(pid);
        Map<String, Long> byKind = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long t = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    String name = javaNames.getOrDefault(Long.parseLong(task.getFileName().toString()),
                            Files.readString(task.resolve("comm")).trim()).replaceAll("\\d+", "#").strip();
                    byKind.merge(name, t, Long::sum);
                } catch (IOException threadEnded) {
                    // gone between the listing and the read
                }
            }
        }
        return byKind;
    }

    /**
     * The Java name of each thread by its native id ({@code jcmd PID Thread.print}: {@code "name" #12 ... nid=0x1a2b}):
     * /proc keeps only the first 15 characters, and Camel's names differ only after them.
     */
    static Map<Long, String> javaNames(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        Map<Long, String> names = new HashMap<>();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("^\"(.*)\" .*nid=0x([0-9a-f]+)");
        for (String text : new String(jcmd.getInputStream().readAllBytes()).split("\n")) {
            java.util.regex.Matcher m = line.matcher(text);
            if (m.find()) {
                names.put(Long.parseLong(m.group(2), 16), m.group(1));
            }
        }
        jcmd.waitFor();
        return names;
    }
}
