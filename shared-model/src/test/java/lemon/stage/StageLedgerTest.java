package lemon.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

class StageLedgerTest {
    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final RunStore runs = TestRuns.create(blobs, "r", RunOptions.defaults(), List.of("ingest", "count"));
    final StageLedger ledger = new StageLedger(runs, TestRuns.CLOCK);

    /** Writes tally.txt ("iteration N, attempt K") and, from the second iteration on, reads the previous tally. */
    static final class Count implements Stage {
        int attempts;
        int failOnAttempt = -1;
        String seen;
        lemon.port.StageAttempt attempt;

        @Override
        public StageSpec spec() {
            return new StageSpec(
                    "count", List.of("tally.txt"), List.of("tally.txt", "note.txt"), Placement.LAMBDA, "test");
        }

        @Override
        public StageOutput run(StageContext run) {
            attempts++;
            attempt = lemon.port.StageAttempt.current().orElse(null);
            seen = run.bytes("tally.txt")
                    .map(b -> new String(b, StandardCharsets.UTF_8))
                    .orElse(null);
            run.writeText("tally.txt", "iteration " + run.iteration() + ", attempt " + attempts);
            if (attempts == failOnAttempt) {
                throw new IllegalStateException("broke after the first file");
            }
            run.writeText("note.txt", "done");
            return StageOutput.of("counted", Map.of("attempt", attempts));
        }
    }

    String text(String key) throws Exception {
        return new String(blobs.get("r/" + key).orElseThrow(), StandardCharsets.UTF_8);
    }

    Map<String, String> snapshot() throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        for (String k : blobs.list("")) {
            all.put(k, new String(blobs.get(k).orElseThrow(), StandardCharsets.UTF_8));
        }
        return all;
    }

    @Test
    void aCompletedStageIsReusedNotRecomputed() throws Exception {
        Count count = new Count();
        StageResult first = ledger.run(count, "r", 0);
        StageResult again = ledger.run(count, "r", 0);
        assertEquals("done", first.status());
        assertEquals("reused", again.status());
        assertEquals(1, count.attempts);
        StageState state = runs.manifest("r").stage("count");
        assertEquals(StageState.Status.DONE, state.status());
        assertEquals(List.of("tally.txt", "note.txt"), state.outputs());
        assertEquals("2026-12-01T12:00:00Z", state.startedAt());
    }

    @Test
    void eachAttemptRunsAsAStageAttemptForTheAdaptersInside() {
        Count count = new Count();
        long before = System.nanoTime();
        ledger.run(count, "r", 1);
        assertEquals("count@1", count.attempt.stage(), "named as the manifest names the entry");
        assertTrue(count.attempt.startNanos() >= before, "an LLM deadline counts from the attempt's start");
        assertTrue(lemon.port.StageAttempt.current().isEmpty(), "and only while the stage runs");
    }

    @Test
    void aMissingOutputMakesTheStageRunAgain() throws Exception {
        Count count = new Count();
        ledger.run(count, "r", 0);
        blobs.delete("r/note.txt");
        assertEquals("done", ledger.run(count, "r", 0).status());
        assertEquals(2, count.attempts);
    }

    @Test
    void twoIterationsAreTwoEntriesWithTheirOwnFiles() throws Exception {
        Count count = new Count();
        ledger.run(count, "r", 0);
        Map<String, String> afterZero = snapshot();
        StageResult one = ledger.run(count, "r", 1);
        assertEquals(1, one.iteration());
        assertEquals("done", one.status());

        RunManifest m = runs.manifest("r");
        assertEquals(StageState.Status.DONE, m.stage("count").status());
        assertEquals(StageState.Status.DONE, m.stage("count@1").status());
        assertEquals(
                List.of("iterations/1/tally.txt", "iterations/1/note.txt"),
                m.stage("count@1").outputs());
        assertEquals("iteration 1, attempt 2", text("iterations/1/tally.txt"));
        assertEquals("iteration 0, attempt 1", count.seen, "iteration 1 reads what iteration 0 wrote");
        afterZero.forEach((k, v) -> {
            if (!k.equals("r/manifest.json")) {
                assertEquals(v, snapshot(k), k + " of iteration 0 untouched");
            }
        });
    }

    private String snapshot(String key) {
        return new String(blobs.get(key).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void aRetryOfIterationOneOverwritesOnlyIterationOne() throws Exception {
        Count count = new Count();
        ledger.run(count, "r", 0);
        count.failOnAttempt = 2;
        assertThrows(IllegalStateException.class, () -> ledger.run(count, "r", 1));
        StageState failed = runs.manifest("r").stage("count@1");
        assertEquals(StageState.Status.FAILED, failed.status());
        assertEquals("broke after the first file", failed.error());
        assertEquals(StageState.Status.DONE, runs.manifest("r").stage("count").status());

        Map<String, String> before = snapshot();
        assertEquals("done", ledger.run(count, "r", 1).status());
        Map<String, String> after = snapshot();
        for (String k : after.keySet()) {
            boolean changed = !after.get(k).equals(before.get(k));
            boolean mayChange = k.startsWith("r/iterations/1/") || k.equals("r/manifest.json");
            assertTrue(!changed || mayChange, k + " changed by the retry of iteration 1");
        }
        assertEquals("iteration 1, attempt 3", text("iterations/1/tally.txt"));
        assertEquals("iteration 0, attempt 1", text("tally.txt"));
        assertEquals(StageState.Status.DONE, runs.manifest("r").stage("count@1").status());
    }

    @Test
    void theNewestIterationAtOrBeforeIsWhatAStageReads() {
        Count count = new Count();
        ledger.run(count, "r", 0);
        ledger.run(count, "r", 1);
        ledger.run(count, "r", 3);
        assertEquals("iteration 1, attempt 2", count.seen);
    }

    @Test
    void recordFailureMarksTheRunningIteration() {
        runs.save(runs.manifest("r").withStage("count@2", StageState.running("2026-12-01T12:00:00Z")));
        StageResult r = ledger.recordFailure("r", "States.Timeout", "took too long");
        assertEquals(2, r.iteration());
        assertEquals("count", r.summary().get("stage"));
        StageState s = runs.manifest("r").stage("count@2");
        assertEquals(StageState.Status.FAILED, s.status());
        assertEquals("States.Timeout: took too long", s.error());
        assertFalse(runs.manifest("r").stage("count").status() == StageState.Status.FAILED);
    }

    @Test
    void aFailureBeforeAnyStageBeganIsRecordedOnTheStageThatWasToRun() {
        // an engine task that found no capacity: nothing is running, "count" was next
        StageResult r = ledger.recordFailure("r", "ECS.AmazonECSException", "No Container Instances were found");
        StageState s = runs.manifest("r").stage("count");
        assertEquals(StageState.Status.FAILED, s.status());
        assertEquals("did not start: ECS.AmazonECSException: No Container Instances were found", s.error());
        assertEquals("count did not start: No Container Instances were found", r.message());

        // a stage that failed recorded it itself: nothing more is marked
        StageResult again = ledger.recordFailure("r", "Lemon.Permanent", "again");
        assertEquals("Lemon.Permanent: again", again.message());
        assertEquals(s, runs.manifest("r").stage("count"));

        // in a later pass: the first of that pass's stages not done, though the manifest lists none of them
        runs.save(runs.manifest("r")
                .withStage(
                        "count@2",
                        new StageState(
                                StageState.Status.DONE,
                                null,
                                null,
                                1L,
                                List.of(),
                                null,
                                java.util.Map.of(),
                                java.util.Map.of())));
        ledger.recordFailure("r", "States.TaskFailed", "{}", List.of("count@2", "paint@2"));
        assertEquals(
                StageState.Status.FAILED, runs.manifest("r").stage("paint@2").status());
        assertEquals(StageState.Status.DONE, runs.manifest("r").stage("count@2").status());
    }

    @Test
    void keysNameTheIteration() {
        assertEquals("visualize", new StageKey("visualize", 0).toString());
        assertEquals("visualize@3", new StageKey("visualize", 3).toString());
        assertEquals(new StageKey("visualize", 3), StageKey.parse("visualize@3"));
        assertEquals("iterations/3/storyboard.html", StageKey.file("storyboard.html", 3));
        assertThrows(IllegalArgumentException.class, () -> new StageKey("visualize", -1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new StageSpec("Bad Name", List.of(), List.of(), Placement.LAMBDA, "x"));
    }

    @Test
    void checkpointsLiveInTheRunStorePerIterationAndAreNotOutputs() throws Exception {
        Stage trainer = new Stage() {
            @Override
            public StageSpec spec() {
                return new StageSpec("train", List.of(), List.of("weights.bin"), Placement.ENGINE_CONTAINER, "test");
            }

            @Override
            public StageOutput run(StageContext run) {
                var ckpt = run.checkpoints("unet");
                int step = ckpt.latest().map(b -> (int) b[0]).orElse(0);
                ckpt.save(new byte[] {(byte) (step + 5)});
                run.writeBytes("weights.bin", new byte[] {(byte) step});
                return StageOutput.of("trained from step " + step, Map.of());
            }
        };
        ledger.run(trainer, "r", 1);
        assertEquals(5, blobs.get("r/iterations/1/checkpoints/unet.ckpt").orElseThrow()[0]);
        assertEquals(
                List.of("iterations/1/weights.bin"),
                runs.manifest("r").stage("train@1").outputs());
        blobs.delete("r/iterations/1/weights.bin"); // as if the task died before its outputs were complete
        assertEquals("trained from step 5", ledger.run(trainer, "r", 1).message());
    }
}
