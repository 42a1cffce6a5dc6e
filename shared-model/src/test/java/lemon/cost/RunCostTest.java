package lemon.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import lemon.analysis.OfflineAnalyst;
import lemon.describe.OfflineDescriber;
import lemon.ingest.StoryIngest;
import lemon.pipeline.Pipeline;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.Placement;
import lemon.stage.StageErrors;
import lemon.testing.FirstPairsRetriever;
import lemon.testing.FixedImageGenerator;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.LoopStandIns;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

/** A run's cost from its manifest at a price table's prices, and the budget that stops a run. */
class RunCostTest {
    static final PriceTable PRICES =
            new PriceTable("2026-11-01", "test-1", "USD", 0.00001, 0.0, 2048, 3.6, 0.36, 0.001, 0.5, 2.0, 5.0, 0.4);

    @Test
    void lambdaSecondsAtTheirMemoryEngineSecondsAtTheirInstanceAndTransitions() {
        RunManifest m = TestRuns.create(new InMemoryBlobStore(), "r1", RunOptions.defaults(), List.of())
                .manifest("r1")
                .withStage("analyze-story", new StageState(StageState.Status.DONE, "a", "b", 1000L, List.of(), null))
                .withStage("personalize@1", new StageState(StageState.Status.FAILED, "a", "b", 10_000L, List.of(), "x"))
                .withStage(
                        "match-characters", new StageState(StageState.Status.DONE, "a", "b", 20_000L, List.of(), null))
                .withStage("visualize", StageState.pending())
                .withStage(
                        "describe-characters",
                        new StageState(
                                StageState.Status.DONE,
                                "a",
                                "b",
                                0L,
                                List.of(),
                                null,
                                null,
                                java.util.Map.of(
                                        "llmInputTokens", 2000L,
                                        "llmOutputTokens", 1000L,
                                        "s3PutRequests", 3000L,
                                        "s3GetRequests", 5000L,
                                        "s3BytesWritten", 1_000_000L,
                                        "s3BytesRead", 2_000_000L)));
        RunCost c = RunCost.of(
                m,
                s -> s.equals("personalize") || s.equals("match-characters")
                        ? Placement.ENGINE_CONTAINER
                        : Placement.LAMBDA,
                PRICES);
        long ingest = m.stage("ingest").millis();
        assertEquals((1 + ingest / 1000.0) * 2 * 0.00001, c.lambda(), 1e-12, "ingest and 1 s of analysis at 2 GB");
        assertEquals(10 * 0.001 + 20 * 0.0001, c.engine(), 1e-12, "GPU 3.6/h for personalize, CPU 0.36/h for match");
        assertEquals((2 * 5 + 2) * 0.001, c.transitions(), 1e-12, "five entries ran; the pending one did not");
        assertEquals(2 * 0.5 + 1 * 2.0, c.llm(), 1e-12, "2k tokens in at 0.5, 1k out at 2.0 per thousand");
        // the S3 requests the ingest entry recorded (the store's own) come on top of describe's
        long ingestPuts = m.stage("ingest").usage().get("s3PutRequests");
        long ingestGets = m.stage("ingest").usage().get("s3GetRequests");
        assertEquals(
                (3000 + ingestPuts) / 1000.0 * 5.0 + (5000 + ingestGets) / 1000.0 * 0.4,
                c.s3(),
                1e-12,
                "3k PUT-class at 5.0 and 5k GET-class at 0.4 per thousand; bytes are not priced");
        assertEquals(c.lambda() + c.engine() + c.transitions() + c.llm() + c.s3(), c.total(), 1e-12);
        assertTrue(c.line().contains("test-1 prices of 2026-11-01"), c.line());
        assertTrue(
                c.line()
                        .matches(
                                "\\$\\d+\\.\\d{4} at test-1 prices of 2026-11-01 \\(Lambda \\$\\d+\\.\\d{4}, engine tasks"
                                        + " \\$0\\.0120, LLM tokens \\$3\\.0000, S3 requests \\$\\d+\\.\\d{4}, state transitions"
                                        + " \\$0\\.0120\\)"),
                c.line());
        assertEquals("2026-11-01", c.asMap().get("pricesDate"));
        assertEquals(Math.round(c.s3() * 1e6) / 1e6, c.asMap().get("s3Requests"));
        assertEquals(
                List.of(
                        "total",
                        "currency",
                        "lambda",
                        "engineTasks",
                        "llmTokens",
                        "s3Requests",
                        "stateTransitions",
                        "pricesDate",
                        "pricesRegion"),
                List.copyOf(c.asMap().keySet()),
                "the run's cost.json fields, in order");
    }

    @Test
    void publishLeavesTheCostBesideTheRunsPages() throws Exception {
        RunStore runs = new RunStore(new InMemoryBlobStore());
        Pipeline p = pipeline(runs);
        p.ingest("r1", "uploads/story.txt", new RunOptions(2, 2, 1));
        for (String stage :
                List.of("analyze-story", "match-characters", "describe-characters", "generate-portraits", "publish")) {
            p.run(stage, "r1", 0);
        }
        var cost = lemon.run.Json.MAPPER.readTree(
                runs.blobs().get("r1/" + Pipeline.COST).orElseThrow());
        assertEquals("2026-11-01", cost.path("pricesDate").asText());
        assertTrue(cost.path("total").asDouble() > 0, cost.toString());
    }

    /** The standard stages on stand-ins over {@code runs}, at the test's prices, with the test story uploaded. */
    static Pipeline pipeline(RunStore runs) throws java.io.IOException {
        runs.blobs().put("uploads/story.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        return new Pipeline(
                runs,
                new StoryIngest(),
                Pipeline.standard(
                        new OfflineAnalyst(),
                        new FirstPairsRetriever(),
                        new OfflineDescriber(),
                        new FixedImageGenerator(),
                        LoopStandIns.engines()),
                TestRuns.CLOCK,
                null,
                PRICES);
    }

    @Test
    void theBundledTableIsDatedAndReadable() {
        PriceTable p = PriceTable.bundled();
        assertTrue(p.date().matches("\\d{4}-\\d{2}-\\d{2}"), p.date());
        assertTrue(p.gpuInstanceHour() > p.cpuInstanceHour() && p.lambdaGbSecond() > 0, p.toString());
        assertEquals(0.005, p.s3PutPer1k(), 1e-12, "S3 Standard PUT, COPY, POST, LIST per 1,000 in us-east-1");
        assertEquals(0.0004, p.s3GetPer1k(), 1e-12, "S3 Standard GET and other requests per 1,000 in us-east-1");
        assertThrows(
                IllegalArgumentException.class, () -> new PriceTable("", "r", "USD", 0, 0, 1024, 0, 0, 0, 0, 0, 0, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new PriceTable("2026-11-01", "r", "USD", 0, 0, 1024, 0, 0, 0, 0, 0, -0.005, 0));
    }

    /** A deployment's table written before S3 was priced still loads; it prices S3 requests at nothing. */
    @Test
    void aTableWithoutS3PricesStillLoadsAndPricesS3AtNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path old = dir.resolve("prices-2026-06.json");
        java.nio.file.Files.writeString(old, """
                {"date": "2026-06-01", "region": "eu-west-1", "currency": "USD",
                 "lambdaGbSecond": 0.0000166667, "lambdaRequest": 0.0000002, "lambdaMemoryMb": 1024,
                 "gpuInstanceHour": 1.2, "cpuInstanceHour": 0.1, "stateTransition": 0.000025,
                 "llmInputPer1k": 0.00075, "llmOutputPer1k": 0.001}
                """);
        PriceTable p = PriceTable.load(old);
        assertEquals("2026-06-01", p.date());
        assertEquals(0.0, p.s3PutPer1k());
        assertEquals(0.0, p.s3GetPer1k());
        RunManifest m = TestRuns.create(new InMemoryBlobStore(), "r1", RunOptions.defaults(), List.of())
                .manifest("r1");
        assertTrue(m.stage("ingest").usage().get("s3PutRequests") > 0, "the requests are still counted");
        RunCost c = RunCost.of(m, s -> Placement.LAMBDA, p);
        assertEquals(0.0, c.s3());
        assertTrue(c.line().contains("S3 requests $0.0000"), c.line());
    }

    @Test
    void aTinyBudgetStopsTheRunAfterTheFirstPricedStageAndKeepsItsOutputs() throws Exception {
        RunStore runs = new RunStore(new InMemoryBlobStore());
        Pipeline p = pipeline(runs);
        p.ingest("r1", "uploads/story.txt", new RunOptions(4, 2, 2).withBudget(1e-9));
        byte[] story = runs.blobs().get("r1/story.txt").orElseThrow();

        // ingest is the first priced stage: the next one does not start
        var e = assertThrows(OverBudget.class, () -> p.run("analyze-story", "r1", 0));
        assertTrue(e.getMessage().contains("budget") && e.getMessage().contains("analyze-story"), e.getMessage());
        assertEquals(StageErrors.PERMANENT, StageErrors.name(e), "not retried");
        RunManifest m = runs.manifest("r1");
        assertEquals(StageState.Status.FAILED, m.stage("analyze-story").status());
        assertTrue(
                m.stage("analyze-story").error().contains("budget"),
                m.stage("analyze-story").error());
        assertTrue(runs.blobs().get("r1/characters.json").isEmpty(), "analysis never ran");
        assertTrue(
                java.util.Arrays.equals(story, runs.blobs().get("r1/story.txt").orElseThrow()), "ingest's output kept");
        assertTrue(p.cost("r1").total() > 0);

        // a larger budget (what lemon resume --budget writes) lets the run go on from there
        RunManifest raised = runs.manifest("r1");
        runs.save(raised.withOptions(raised.options().withBudget(100.0)));
        assertEquals("done", p.run("analyze-story", "r1", 0).status());
    }
}
