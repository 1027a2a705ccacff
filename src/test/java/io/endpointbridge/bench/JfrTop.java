package io.endpointbridge.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot methods of a JFR recording (bench/profile-syslog): CPU samples by the method on top of the stack (self),
 * with the callers of the ten hottest, and by every method on the stack (inclusive, each counted once per sample), as
 * shares of all samples, and the allocation by the method that allocated. Usage: JfrTop RECORDING.jfr [ROWS]
 * [METHODS...]; with -Dthread=NAME, only the CPU samples of the threads whose name contains NAME.
 */
public final class JfrTop {

    private static final String THREAD = System.getProperty("thread", "");

    public static void main(String[] args) throws Exception {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Long> allocated = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Map<String, Integer>> callers = new HashMap<>();
        int samples = 0;
        long allocatedTotal = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            if (type.equals("jdk.ExecutionSample")) {
                if (!event.getThread("sampledThread").getJavaName().contains(THREAD)) {
                    continue;
                }
                samples++;
                self.merge(name(frames.get(0)), 1, Integer::sum);
                for (int depth = 0; depth < Math.min(3, frames.size() - 1); depth++) {
                    callers.computeIfAbsent(name(frames.get(depth)), k -> new HashMap<>())
                            .merge(name(frames.get(depth + 1)), 1, Integer::sum);
                }
                threads.merge(event.getThread("sampledThread").getJavaName().replaceAll("[-#]?\\d+$", ""), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    if (seen.add(name)) {
                        inclusive.merge(name, 1, Integer::sum);
                    }
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = event.getLong("weight");
                allocatedTotal += weight;
                allocated.merge(name(frames.get(0)) + " <- " + (frames.size() > 1 ? name(frames.get(1)) : ""), weight, Long::sum);
            }
        }
        int all = samples;
        System.out.printf("%d CPU samples%n%nby thread:%n", all);
        print(threads, all, rows);
        System.out.printf("%nself (top of stack):%n");
        print(self, all, rows);
        System.out.printf("%ncallers of the top ten (self) and of the methods named after the recording:%n");
        java.util.List<String> asked = new java.util.ArrayList<>(java.util.Arrays.asList(args).subList(Math.min(2, args.length), args.length));
        self.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue())).limit(10)
                .forEach(top -> asked.add(0, top.getKey()));
        asked.stream().distinct().filter(callers::containsKey).forEach(method -> {
            System.out.printf("  %s%n", method);
            callers.get(method).entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                    .limit(4).forEach(c -> System.out.printf("    %6.1f %%  <- %s%n", 100.0 * c.getValue() / all, c.getKey()));
        });
        System.out.printf("%ninclusive (anywhere on the stack):%n");
        print(inclusive, all, rows * 2);
        System.out.printf("%nallocation (sampled weight, %d MiB in all):%n", allocatedTotal >> 20);
        long total = allocatedTotal;
        allocated.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(rows)
                .forEach(e -> System.out.printf("%6.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }

    private static void print(Map<String, Integer> counts, int all, int rows) {
        counts.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue())).limit(rows)
                .forEach(e -> System.out.printf("%6.1f %%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
