package lemon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lemon.cost.PriceTable;
import lemon.cost.RunCost;
import lemon.ingest.StoryIngest;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

/** Each stage entry of a real run records the store requests and bytes of its own call, and they are priced. */
class StageStoreUsageTest {
    /** Only S3 requests cost anything here, so the run's cost is theirs alone. */
    static final PriceTable S3_ONLY =
            new PriceTable("2026-11-01", "test-1", "USD", 0, 0, 1024, 0, 0, 0, 0, 0, 5.0, 0.4);

    static Pipeline pipeline(RunStore runs) throws Exception {
        runs.blobs().put("uploads/story.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        return new Pipeline(runs, new StoryIngest(), LightCatalogueTest.light(), TestRuns.CLOCK, null, S3_ONLY);
    }

    static long size(RunStore runs, String runId, String file) throws Exception {
        return runs.blobs().get(RunStore.key(runId, file)).orElseThrow().length;
    }

    @Test
    void ingestAndAnalysisRecordTheirRequestsAndBytesAndTheRunIsPricedForThem() throws Exception {
        RunStore runs = new RunStore(new InMemoryBlobStore());
        Pipeline p = pipeline(runs);
        p.ingest("r1", "uploads/story.txt", RunOptions.defaults());
        assertEquals("done", p.run("analyze-story", "r1", 0).status());
        RunManifest m = runs.manifest("r1");

        Map<String, Long> ingest = m.stage("ingest").usage();
        long story = size(runs, "r1", "story.txt");
        assertTrue(ingest.get("s3PutRequests") >= 2, "the new manifest and the story: " + ingest);
        assertTrue(ingest.get("s3GetRequests") >= 1, "the upload: " + ingest);
        assertTrue(ingest.get("s3BytesRead") >= TestRuns.STORY.length(), "the upload read whole: " + ingest);
        assertTrue(ingest.get("s3BytesWritten") >= story, "the story written: " + ingest);

        StageState analysis = m.stage("analyze-story");
        Map<String, Long> used = analysis.usage();
        long outputs = 0;
        for (String file : analysis.outputs()) {
            outputs += size(runs, "r1", file);
        }
        assertTrue(analysis.outputs().size() >= 3, analysis.outputs().toString());
        // the running mark in the manifest, then each output once (the closing manifest write records
        // the counts and is the one request not in them)
        assertEquals(1 + analysis.outputs().size(), used.get("s3PutRequests"), used.toString());
        assertTrue(used.get("s3BytesWritten") > outputs, "the outputs and the running mark: " + used);
        assertTrue(used.get("s3GetRequests") >= 3, "the manifest before and after, and the story: " + used);
        assertTrue(used.get("s3BytesRead") >= story, "the story read: " + used);

        RunCost cost = p.cost("r1");
        double expected = 0;
        for (StageState s : m.stages().values()) {
            expected += s.usage().getOrDefault("s3PutRequests", 0L) / 1000.0 * 5.0
                    + s.usage().getOrDefault("s3GetRequests", 0L) / 1000.0 * 0.4;
        }
        assertTrue(expected > 0);
        assertEquals(expected, cost.s3(), 1e-12);
        assertEquals(expected, cost.total(), 1e-12, "nothing else is priced in this table");
        assertTrue(cost.line().contains("S3 requests $"), cost.line());
    }

    @Test
    void stagesRunningAtOnceEachCountOnlyTheirOwnRequests() throws Exception {
        RunStore runs = new RunStore(new InMemoryBlobStore());
        Pipeline p = pipeline(runs);
        int n = 6;
        for (int i = 0; i <= n; i++) {
            p.ingest("r" + i, "uploads/story.txt", RunOptions.defaults());
        }
        // r0 alone: what one analysis of this story asks of the store
        p.run("analyze-story", "r0", 0);
        Map<String, Long> alone = runs.manifest("r0").stage("analyze-story").usage();

        // r1..r6 at once, on one pipeline and one store, as the CLI runs a Map state's iterations
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                String runId = "r" + i;
                done.add(pool.submit(() -> {
                    go.await();
                    return p.run("analyze-story", runId, 0).status();
                }));
            }
            go.countDown();
            for (Future<String> f : done) {
                assertEquals("done", f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 1; i <= n; i++) {
            Map<String, Long> used =
                    runs.manifest("r" + i).stage("analyze-story").usage();
            assertEquals(alone.get("s3PutRequests"), used.get("s3PutRequests"), "r" + i + ": " + used);
            assertEquals(alone.get("s3GetRequests"), used.get("s3GetRequests"), "r" + i + ": " + used);
            // the bytes differ only by the digits of each manifest's timings; another call's counts
            // mixed in would add thousands
            for (String bytes : List.of("s3BytesWritten", "s3BytesRead")) {
                assertTrue(Math.abs(alone.get(bytes) - used.get(bytes)) < 100, "r" + i + ": " + used + " vs " + alone);
            }
        }
    }
}
