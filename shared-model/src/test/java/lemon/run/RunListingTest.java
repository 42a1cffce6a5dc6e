package lemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

class RunListingTest {
    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final List<String> stages = List.of("ingest", "analyze-story", "publish");

    RunManifest run(String id, StageState.Status analyze, StageState.Status publish) {
        RunStore runs = TestRuns.create(blobs, id, RunOptions.defaults(), stages);
        RunManifest m = runs.manifest(id)
                .withStage("analyze-story", state(analyze, "no characters found in the story"))
                .withStage("publish", state(publish, null));
        runs.save(m);
        return m;
    }

    static StageState state(StageState.Status s, String error) {
        return new StageState(s, null, null, null, List.of(), s == StageState.Status.FAILED ? error : null);
    }

    @Test
    void everyRunWithItsStatusStagesAgeAndTitle() throws Exception {
        run("done-1", StageState.Status.DONE, StageState.Status.DONE);
        run("failed-1", StageState.Status.FAILED, StageState.Status.PENDING);
        run("killed-1", StageState.Status.DONE, StageState.Status.RUNNING);
        run("running-1", StageState.Status.DONE, StageState.Status.PENDING);
        RunLease.Processes me = RunLease.Processes.CURRENT;
        RunLease held = RunLease.acquire(
                blobs,
                "running-1",
                "lemon run",
                new RunLease.Settings(Duration.ofSeconds(60), Duration.ofMillis(5), null),
                Clock.systemUTC(),
                me,
                t -> {});
        try {
            List<RunListing.Row> rows = RunListing.list(blobs, Clock.systemUTC(), me);
            assertEquals(
                    List.of(
                            "done-1 DONE 3/3",
                            "failed-1 FAILED 1/3",
                            "killed-1 INTERRUPTED 2/3",
                            "running-1 RUNNING 2/3"),
                    rows.stream()
                            .map(r -> r.runId() + " " + r.status() + " " + r.stagesDone() + "/" + r.stages())
                            .toList());
            assertEquals(
                    List.of("failed-1", "killed-1"),
                    rows.stream()
                            .filter(r -> r.status().needsResume())
                            .map(RunListing.Row::runId)
                            .toList(),
                    "what lemon runs --failed shows");
            Instant now = TestRuns.CLOCK.instant().plus(Duration.ofMinutes(90));
            assertEquals(
                    List.of(
                            "RUN ID     STATUS       STAGES   AGE  TITLE",
                            "done-1     done         3/3       1h  Story",
                            "failed-1   failed       1/3       1h  Story",
                            "           ↳ no characters found in the story",
                            "killed-1   interrupted  2/3       1h  Story",
                            "running-1  running      2/3       1h  Story"),
                    RunListing.table(rows, now));
        } finally {
            held.close();
        }
    }

    @Test
    void agesReadAsSecondsMinutesHoursDays() {
        Instant t0 = Instant.parse("2026-12-01T12:00:00Z");
        RunListing.Row r = new RunListing.Row("r", RunListing.Status.DONE, "t", 1, 1, t0, null);
        assertEquals("42s", r.age(t0.plusSeconds(42)));
        assertEquals("5m", r.age(t0.plusSeconds(5 * 60 + 59)));
        assertEquals("3h", r.age(t0.plusSeconds(3 * 3600 + 1)));
        assertEquals("2d", r.age(t0.plus(Duration.ofDays(2))));
        assertEquals("0s", r.age(t0.minusSeconds(5)), "a clock behind the store's is not a negative age");
        RunListing.Row longTitle = new RunListing.Row("r", RunListing.Status.DONE, "x".repeat(80), 6, 6, t0, null);
        assertEquals(
                "r       done         6/6       0s  " + "x".repeat(57) + "...",
                RunListing.table(List.of(longTitle), t0).get(1));
    }

    @Test
    void uploadsAndUnreadableManifestsAreNotRuns() throws Exception {
        run("ok", StageState.Status.DONE, StageState.Status.DONE);
        blobs.put("uploads/manifest.json", new byte[] {1, 2});
        blobs.put("stray/manifest.json", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(
                List.of("ok"),
                RunListing.list(blobs, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), RunLease.Processes.CURRENT).stream()
                        .map(RunListing.Row::runId)
                        .toList());
    }
}
