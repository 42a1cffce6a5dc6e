package lemon.stage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import lemon.ingest.StoryIngest;
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
    void anotherStoryUnderAnExistingRunIdIsRefused() throws Exception {
        blobs.put("uploads/s.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        blobs.put("uploads/t.txt", (TestRuns.STORY + " The end.").getBytes(StandardCharsets.UTF_8));
        ingest.ingest("r3", "uploads/s.txt", RunOptions.defaults(), stages);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> ingest.ingest("r3", "uploads/t.txt", RunOptions.defaults(), stages));
        assertTrue(e.getMessage().contains("already exists for a different story"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
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
}
