package lemon.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import lemon.port.StageAttempt;
import lemon.run.RunIds;
import lemon.run.RunManifest;
import lemon.run.RunStore;
import lemon.run.StageState;

/**
 * Runs a stage on a run at one iteration and keeps the books: a stage whose manifest entry for
 * (run, stage, iteration) is done and whose outputs are all present is reused, not recomputed;
 * otherwise it runs, each output is written whole (the BlobStore's put is atomic) and the entry
 * turns done only after the last one, with start, end and milliseconds. Iterations are separate
 * entries with separate files, so a retry of iteration 1 overwrites iteration 1 only. The stage
 * runs as a {@link StageAttempt}, which adapters inside it use for per-attempt deadlines; the entry
 * records what the attempt used (LLM tokens, and the store requests and bytes of this call, counted by
 * a {@link lemon.port.MeteredBlobStore} of its own) for the run's cost.
 */
public final class StageLedger {
    private final RunStore runs;
    private final Clock clock;
    private final BeforeStage beforeStage;

    /**
     * Asked before a stage really runs (not when it is reused): may refuse it, e.g. for a run over its
     * budget. {@code runs} is the stage call's metered view of the store, so what the check reads (a
     * tenant's other runs) is counted as that stage's use.
     */
    @FunctionalInterface
    public interface BeforeStage {
        void check(RunManifest manifest, Stage stage, RunStore runs);
    }

    public StageLedger(RunStore runs, Clock clock) {
        this(runs, clock, (m, s, r) -> {});
    }

    public StageLedger(RunStore runs, Clock clock, BeforeStage beforeStage) {
        this.runs = runs;
        this.clock = clock;
        this.beforeStage = beforeStage;
    }

    public RunStore runs() {
        return runs;
    }

    public StageResult run(Stage stage, String runId, int iteration) {
        StageKey key = new StageKey(stage.name(), iteration);
        // this call's own view of the store, counting its requests into its own usage: calls on other
        // runs or iterations may run at once in this JVM, each with its own counts. Everything the call
        // asks of the store is counted, except the closing manifest write that records the counts.
        StageAttempt.Usage usage = new StageAttempt.Usage();
        RunStore metered = runs.metered(usage);
        RunManifest m = metered.manifest(runId);
        StageState state = m.stage(key.toString());
        if (state.status() == StageState.Status.DONE && outputsPresent(metered, runId, state.outputs())) {
            return reused(runId, key, state.summary());
        }
        metered.sweepOrphans(runId + "/"); // temporary files of a write that a kill interrupted
        String started = now();
        long start = System.nanoTime();
        metered.save(m.withStage(key.toString(), StageState.running(started)));
        StageContext context = new StageContext(metered, m, iteration);
        StageOutput done;
        StageAttempt attempt = new StageAttempt(key.toString(), start, usage);
        try {
            // a refusal (a run over its budget) fails the entry like any other failure, so the manifest says why
            done = attempt.run(() -> {
                beforeStage.check(m, stage, metered);
                return stage.run(context);
            });
        } catch (RuntimeException e) {
            RunManifest latest = metered.manifest(runId);
            runs.save(latest.withStage(
                    key.toString(),
                    new StageState(
                            StageState.Status.FAILED,
                            started,
                            now(),
                            millisSince(start),
                            List.of(),
                            e.getMessage(),
                            null,
                            attempt.usage().asMap())));
            throw e;
        }
        RunManifest latest = metered.manifest(runId).withWarnings(done.warnings());
        for (var c : new java.util.TreeMap<>(done.components()).entrySet()) {
            latest = latest.withComponent(c.getKey(), c.getValue());
        }
        runs.save(latest.withStage(
                key.toString(),
                new StageState(
                        StageState.Status.DONE,
                        started,
                        now(),
                        millisSince(start),
                        context.outputs(),
                        null,
                        done.summary(),
                        attempt.usage().asMap())));
        return new StageResult(runId, stage.name(), iteration, "done", done.message(), done.summary());
    }

    /** What record-failure answers when the run was never made (ingest failed before creating it). */
    public static final String NO_RUN = "no run to record the failure in";

    /** Whether {@code runId} names a run of this store, in which a failure can be recorded. */
    public boolean hasRun(String runId) {
        return RunIds.valid(runId) && runs.exists(runId);
    }

    /** Marks the entry that was running as failed, so {@code lemon resume} knows where to start. */
    public StageResult recordFailure(String runId, String error, String rawCause) {
        return recordFailure(runId, error, rawCause, List.of());
    }

    /**
     * Records a caught failure in the run's manifest: on the stage that was running; not again when
     * the stage recorded it as it failed (the last entry to finish failed); or, when the failure came
     * before any stage began (an engine task that found no capacity or whose container
     * did not start, a function that could not start), on the stage that was to run: the first of
     * {@code next} that is not done, else the first pending entry of the manifest.
     */
    public StageResult recordFailure(String runId, String error, String rawCause, List<String> next) {
        String name = StageCatalogue.RECORD_FAILURE;
        String cause = StageErrors.readable(error, rawCause);
        if (!hasRun(runId)) {
            return new StageResult(runId, name, 0, "done", NO_RUN, Map.of());
        }
        RunManifest m = runs.manifest(runId);
        String failed = m.stages().entrySet().stream()
                .filter(e -> e.getValue().status() == StageState.Status.RUNNING)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        boolean started = failed != null;
        // a stage that threw has recorded its own failure (the last entry to finish is that one)
        boolean recorded = !started
                && m.stages().values().stream()
                        .filter(st -> st.finishedAt() != null)
                        .max(java.util.Comparator.comparing(StageState::finishedAt))
                        .map(st -> st.status() == StageState.Status.FAILED)
                        .orElse(false);
        if (recorded) {
            return new StageResult(runId, name, 0, "done", error + ": " + cause, Map.of());
        }
        if (!started) {
            failed = next.stream()
                    .filter(k -> m.stage(k).status() != StageState.Status.DONE)
                    .findFirst()
                    .or(() -> m.stages().entrySet().stream()
                            .filter(e -> e.getValue().status() == StageState.Status.PENDING)
                            .map(Map.Entry::getKey)
                            .findFirst())
                    .orElse(null);
        }
        if (failed == null) {
            return new StageResult(runId, name, 0, "done", error + ": " + cause, Map.of());
        }
        StageState s = m.stage(failed);
        runs.save(m.withStage(
                failed,
                new StageState(
                        StageState.Status.FAILED,
                        s.startedAt(),
                        now(),
                        null,
                        List.of(),
                        (started ? "" : "did not start: ") + error + ": " + cause)));
        StageKey key = StageKey.parse(failed);
        return new StageResult(
                runId,
                name,
                key.iteration(),
                "done",
                failed + (started ? " failed: " : " did not start: ") + cause,
                Map.of("stage", key.stage()));
    }

    private static boolean outputsPresent(RunStore runs, String runId, List<String> outputs) {
        try {
            for (String file : outputs) {
                if (!runs.blobs().exists(RunStore.key(runId, file))) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StageResult reused(String runId, StageKey key, Map<String, Object> summary) {
        return new StageResult(runId, key.stage(), key.iteration(), "reused", "already completed", summary);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock));
    }
}
