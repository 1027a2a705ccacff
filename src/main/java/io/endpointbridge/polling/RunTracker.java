package io.endpointbridge.polling;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of every polled source (Registered, Scheduled, Processing, Processed, Failed) and its recent runs.
 * Runs of one source never overlap: a second start while one is Processing is refused.
 */
public class RunTracker {

    private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);
    private static final int HISTORY = 20;

    private final Clock clock;
    private final Map<String, Run.State> idleStates = new ConcurrentHashMap<>();
    private final Map<String, Run> current = new ConcurrentHashMap<>();
    private final Map<String, Deque<Run>> history = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> possibleGaps = new ConcurrentHashMap<>();

    public RunTracker(Clock clock) {
        this.clock = clock;
    }

    /** Declares a source: Scheduled when it has a schedule, else Registered (runs only on demand). */
    public void register(String source, boolean scheduled) {
        idleStates.put(source, scheduled ? Run.State.SCHEDULED : Run.State.REGISTERED);
    }

    public synchronized Run start(String source) {
        Run running = current.get(source);
        if (running != null) {
            throw new IllegalStateException("a " + source + " run is already in progress (" + running.runId() + ")");
        }
        Run run = new Run(source, clock.instant());
        current.put(source, run);
        try (var mdc = mdc(run)) {
            LOG.info("{} run {} started", source, run.runId());
        }
        return run;
    }

    public void processed(Run run) {
        finish(run, Run.State.PROCESSED, null);
    }

    public void failed(Run run, String reason) {
        finish(run, Run.State.FAILED, reason);
    }

    private synchronized void finish(Run run, Run.State state, String reason) {
        run.end(state, reason, clock.instant());
        possibleGaps.computeIfAbsent(run.source(), key -> new java.util.concurrent.atomic.AtomicLong()).addAndGet(run.possibleGaps());
        current.remove(run.source(), run);
        Deque<Run> runs = history.computeIfAbsent(run.source(), key -> new ArrayDeque<>());
        runs.addFirst(run);
        while (runs.size() > HISTORY) {
            runs.removeLast();
        }
        try (var mdc = mdc(run)) {
            if (state == Run.State.FAILED) {
                LOG.error("{} run {} failed: {}", run.source(), run.runId(), reason);
            } else {
                LOG.info("{} run {} processed: {}", run.source(), run.runId(), run.toJson());
            }
        }
    }

    /** An MDC scope that closes without a checked exception. */
    public interface MdcScope extends AutoCloseable {
        @Override
        void close();
    }

    /** Puts the run's source and id in the logging MDC (JSON logs carry them as fields) until closed. */
    public static MdcScope mdc(Run run) {
        org.slf4j.MDC.put("source", run.source());
        org.slf4j.MDC.put("runId", run.runId());
        return () -> {
            org.slf4j.MDC.remove("source");
            org.slf4j.MDC.remove("runId");
        };
    }

    /** The source's state now: Processing while a run is under way, else the last run's outcome, else idle. */
    public Run.State state(String source) {
        if (current.containsKey(source)) {
            return Run.State.PROCESSING;
        }
        Deque<Run> runs = history.get(source);
        if (runs != null && !runs.isEmpty()) {
            return runs.peekFirst().state();
        }
        return idleStates.getOrDefault(source, Run.State.REGISTERED);
    }

    /**
     * Times the source's runs could not read everything the API once held (a checkpoint past the retention, an expired
     * stream position), since start: the {@code endpoint_bridge_possible_gaps} counter.
     */
    public long possibleGaps(String source) {
        java.util.concurrent.atomic.AtomicLong gaps = possibleGaps.get(source);
        return gaps == null ? 0 : gaps.get();
    }

    /** The running run's progress (0..1), NaN when none runs or the API announces no total. */
    public double currentProgress(String source) {
        Run running = current.get(source);
        return running == null ? Double.NaN : running.progress();
    }

    public List<Run> runs(String source) {
        Deque<Run> runs = history.get(source);
        return runs == null ? List.of() : List.copyOf(runs);
    }

    public ObjectNode status() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        Map<String, Boolean> sources = new LinkedHashMap<>();
        idleStates.keySet().stream().sorted().forEach(source -> sources.put(source, true));
        history.keySet().stream().sorted().forEach(source -> sources.put(source, true));
        for (String source : sources.keySet()) {
            ObjectNode node = status.putObject(source);
            node.put("state", Run.label(state(source)));
            Run running = current.get(source);
            if (running != null) {
                node.set("currentRun", running.toJson());
            }
            ArrayNode last = node.putArray("lastRuns");
            runs(source).forEach(run -> last.add(run.toJson()));
        }
        return status;
    }
}
