package lemon.stage.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import lemon.ingest.StoryIngest;
import lemon.run.RunIds;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.StageResult;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

class IngestStageTest {
    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final RunStore runs = new RunStore(blobs);
    final IngestStage ingest = new IngestStage(runs, new StoryIngest(), TestRuns.CLOCK);
    final List<String> stages = List.of("ingest", "analyze-story", "publish");

    @Test
    void createsTheRunWithEveryStagePending() throws Exception {
        blobs.put("uploads/s.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        StageResult r = ingest.ingest("r1", "uploads/s.txt", RunOptions.defaults(), stages);
        assertEquals("done", r.status());
        RunManifest m = runs.manifest("r1");
        assertEquals(stages, List.copyOf(m.stages().keySet()));
        assertEquals(StageState.Status.DONE, m.stage("ingest").status());
        assertEquals(StageState.Status.PENDING, m.stage("publish").status());
        assertEquals(List.of(IngestStage.STORY), m.stage("ingest").outputs());
        assertTrue(new String(blobs.get("r1/story.txt").orElseThrow(), StandardCharsets.UTF_8).contains("Anna Berg"));
        assertEquals(
                "reused",
                ingest.ingest("r1", "uploads/s.txt", RunOptions.defaults(), stages)
                        .status());
    }

    @Test
    void aRejectedUploadLeavesNoRun() throws Exception {
        blobs.put("uploads/short.txt", "Too short to be a story.".getBytes(StandardCharsets.UTF_8));
        StageResult r = ingest.ingest("r2", "uploads/short.txt", RunOptions.defaults(), stages);
        assertEquals("rejected", r.status());
        assertFalse(runs.exists("r2"));
        assertEquals(List.of(), blobs.list(""), "the rejected upload is deleted too");
    }

    @Test
    void anUploadOverTheCapIsRejectedWithItsSizeAndDeleted() throws Exception {
        IngestStage capped = new IngestStage(runs, new StoryIngest(1000, 50), TestRuns.CLOCK);
        blobs.put("uploads/big.txt", TestRuns.STORY.repeat(3).getBytes(StandardCharsets.UTF_8));
        StageResult r = capped.ingest("r4", "uploads/big.txt", RunOptions.defaults(), stages);
        assertEquals("rejected", r.status());
        assertEquals("TOO_LARGE", r.summary().get("reason"));
        assertTrue(r.message().matches("big\\.txt is [0-9.]+ KB, larger than the 1000 bytes cap.*"), r.message());
        assertEquals(List.of(), blobs.list(""));
        assertFalse(runs.exists("r4"));
    }

    @Test
    void anotherStoryUnderAnExistingRunIdIsRefusedAndTheRunKept() throws Exception {
        blobs.put("uploads/s.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        blobs.put("uploads/t.txt", (TestRuns.STORY + " The end.").getBytes(StandardCharsets.UTF_8));
        ingest.ingest("r3", "uploads/s.txt", RunOptions.defaults(), stages);
        byte[] manifest = blobs.get("r3/manifest.json").orElseThrow();
        StageResult r = ingest.ingest("r3", "uploads/t.txt", RunOptions.defaults(), stages);
        assertEquals("rejected", r.status());
        assertEquals(IngestStage.RUN_EXISTS, r.summary().get("reason"));
        assertTrue(
                r.message().startsWith("run 'r3' already exists with other settings (story: the run has s.txt (sha256 ")
                        && r.message().contains("this request t.txt (sha256 ")
                        && r.message().endsWith("lemon resume r3"),
                r.message());
        assertArrayEquals(manifest, blobs.get("r3/manifest.json").orElseThrow(), "the run is left as it was");
        assertThrows(
                RunIds.InvalidRunIdException.class,
                () -> ingest.ingest("../etc", "uploads/s.txt", RunOptions.defaults(), stages));
    }

    @Test
    void anUploadKeyIsAValidKeyWhateverTheFileIsCalled() throws Exception {
        String sha = lemon.ingest.StoryIngest.sha256(TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        for (String name : List.of(".lemon-tmp-x.txt", "..", ".", "Märchen (final).md", "")) {
            String key = IngestStage.uploadKey(name, sha);
            blobs.put(key, TestRuns.STORY.getBytes(StandardCharsets.UTF_8)); // the store's key rules accept it
            assertTrue(key.startsWith("uploads/" + sha.substring(0, 16) + "/"), key);
        }
        assertEquals(
                "uploads/" + sha.substring(0, 16) + "/_lemon-tmp-x.txt",
                IngestStage.uploadKey(".lemon-tmp-x.txt", sha));
        assertEquals(
                "uploads/" + sha.substring(0, 16) + "/M_rchen__final_.md",
                IngestStage.uploadKey("Märchen (final).md", sha));
    }

    @Test
    void otherOptionsOrAnotherLlmUnderAnExistingRunIdAreRefusedWithEachDifferenceNamed() throws Exception {
        blobs.put("uploads/s.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        RunManifest.Llm openai = new RunManifest.Llm("openai", "llama2", "http://gpu:8000/v1", null);
        IngestStage withLlm = new IngestStage(runs, new StoryIngest(), TestRuns.CLOCK, openai);
        withLlm.ingest("r4", "uploads/s.txt", new RunOptions(10, 3, 2), stages);
        assertEquals(openai, runs.manifest("r4").llm());

        StageResult options = withLlm.ingest("r4", "uploads/s.txt", new RunOptions(12, 3, 5), stages);
        assertEquals("rejected", options.status());
        assertTrue(
                options.message()
                        .contains(
                                "(--scenes: the run has 10, this request 12; --portraits: the run has 2, this request 5)"),
                options.message());
        var in = new lemon.stage.StageInput(
                "r", null, "u", null, null, null, null, null, null, null, null, null, null, 3L);
        assertEquals(3L, in.options().seed(), "the workflow input's seed reaches the run's options");
        StageResult seed = withLlm.ingest("r4", "uploads/s.txt", new RunOptions(10, 3, 2).withSeed(1), stages);
        assertEquals("rejected", seed.status());
        assertTrue(seed.message().contains("(--seed: the run has 0, this request 1)"), seed.message());

        IngestStage offline = new IngestStage(runs, new StoryIngest(), TestRuns.CLOCK, RunManifest.Llm.OFFLINE);
        StageResult llm = offline.ingest("r4", "uploads/s.txt", new RunOptions(10, 3, 2), stages);
        assertEquals("rejected", llm.status());
        assertTrue(
                llm.message().contains("LLM: the run has openai llama2 at http://gpu:8000/v1, this request offline"),
                llm.message());

        assertEquals(
                "reused",
                withLlm.ingest("r4", "uploads/s.txt", new RunOptions(10, 3, 2), stages)
                        .status(),
                "the same request continues the run");
    }

    /** The process died after creating the run and before storing its story: the next request finishes it. */
    @Test
    void anIngestInterruptedAfterCreatingTheRunIsFinishedFromTheRecordedUpload() throws Exception {
        blobs.put("uploads/s.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        ingest.ingest("r5", "uploads/s.txt", RunOptions.defaults(), stages);
        RunManifest done = runs.manifest("r5");
        assertEquals("uploads/s.txt", done.input().uploadKey());
        runs.save(done.withStage("ingest", StageState.running(done.createdAt())));
        blobs.delete("r5/story.txt");

        StageResult resumed = ingest.ingest("r5", null, RunOptions.defaults(), stages);
        assertEquals("done", resumed.status());
        assertEquals(StageState.Status.DONE, runs.manifest("r5").stage("ingest").status());
        assertTrue(new String(blobs.get("r5/story.txt").orElseThrow(), StandardCharsets.UTF_8).contains("Anna Berg"));
    }

    /**
     * Two requests racing for one run id with different stories, without any lease (as two workflow
     * executions on AWS would): one creates the run, the other is refused, and the run's files are
     * all the winner's. Repeated, since a race shows itself only sometimes.
     */
    @Test
    void twoIngestsRacingForOneRunIdNeverMixTheirStories() throws Exception {
        String other = TestRuns.STORY.replace("Anna Berg", "Dora Lind");
        blobs.put("uploads/a.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        blobs.put("uploads/b.txt", other.getBytes(StandardCharsets.UTF_8));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                String id = "race" + i;
                var go = new java.util.concurrent.CountDownLatch(1);
                var a = pool.submit(() -> {
                    go.await();
                    return ingest.ingest(id, "uploads/a.txt", RunOptions.defaults(), stages);
                });
                var b = pool.submit(() -> {
                    go.await();
                    return ingest.ingest(id, "uploads/b.txt", RunOptions.defaults(), stages);
                });
                go.countDown();
                List<String> statuses = List.of(a.get().status(), b.get().status());
                assertEquals(1, statuses.stream().filter("done"::equals).count(), id + ": " + statuses);
                assertEquals(1, statuses.stream().filter("rejected"::equals).count(), id + ": " + statuses);
                RunManifest m = runs.manifest(id);
                String story = new String(blobs.get(id + "/story.txt").orElseThrow(), StandardCharsets.UTF_8);
                boolean aWon = a.get().status().equals("done");
                assertEquals(aWon ? "a.txt" : "b.txt", m.input().fileName(), id);
                assertEquals(aWon, story.contains("Anna Berg"), id + ": story.txt is the winner's");
                assertEquals(!aWon, story.contains("Dora Lind"), id);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
