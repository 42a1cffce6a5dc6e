package lemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import lemon.analysis.OfflineAnalyst;
import lemon.cd.CdDatabase;
import lemon.cost.OverBudget;
import lemon.cost.PriceTable;
import lemon.describe.OfflineDescriber;
import lemon.llm.LlmSettings;
import lemon.pipeline.Pipeline;
import lemon.run.RunOptions;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lemon.cost.prices and lemon.cost.tenant-monthly-cap reach the pipeline, over a folder store. */
class PipelineSettingsCostTest {
    static final String UPLOAD = "uploads/s/story.txt";

    static PipelineSettings settings(Path store) {
        LlmSettings offline = new LlmSettings(
                "offline", null, null, "LEMON_LLM_API_KEY", "us-east-1", null, Duration.ofSeconds(30), 3);
        return new PipelineSettings(store.toString(), offline, 2L * 1024 * 1024, 50, null);
    }

    static lemon.stage.StageCatalogue light() {
        return Pipeline.light(new OfflineAnalyst(), new OfflineDescriber(), CdDatabase.bundled());
    }

    static Pipeline pipeline(PipelineSettings s) throws Exception {
        Pipeline p = s.pipeline(light());
        p.runs().blobs().put(UPLOAD, TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        p.forTenant("acme").runs().blobs().put(UPLOAD, TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void aConfiguredOlderPriceTableAndAZeroCapStopEveryTenantsNextStage(@TempDir Path dir) throws Exception {
        // a deployment's table from before S3 was priced: it loads, and prices S3 requests at nothing
        Path prices = dir.resolve("prices-2026-06.json");
        Files.writeString(prices, """
                {"date": "2026-06-01", "region": "eu-west-1", "currency": "USD",
                 "lambdaGbSecond": 0.0000166667, "lambdaRequest": 0.0000002, "lambdaMemoryMb": 1024,
                 "gpuInstanceHour": 1.2, "cpuInstanceHour": 0.1, "stateTransition": 0.000025,
                 "llmInputPer1k": 0.00075, "llmOutputPer1k": 0.001}
                """);
        Pipeline p =
                pipeline(settings(dir.resolve("runs")).withCost(new PipelineSettings.Cost(prices.toString(), 0.0)));

        p.ingest("r1", UPLOAD, RunOptions.defaults());
        var local = assertThrows(OverBudget.class, () -> p.run("analyze-story", "r1", 0));
        assertTrue(
                local.getMessage().startsWith("the runs without a tenant have spent $")
                        && local.getMessage().contains("of the $0.0 monthly cap")
                        && local.getMessage().contains("eu-west-1 prices of 2026-06-01"),
                local.getMessage());
        assertTrue(Files.exists(dir.resolve("runs/r1/story.txt")), "ingest's output kept");
        assertTrue(
                p.cost("r1").line().contains("S3 requests $0.0000"),
                p.cost("r1").line());
        assertTrue(
                p.runs().manifest("r1").stage("ingest").usage().get("s3PutRequests") > 0,
                "the folder store's requests are counted as S3's would be");

        Pipeline acme = p.forTenant("acme");
        acme.ingest("a1", UPLOAD, RunOptions.defaults());
        var tenant = assertThrows(OverBudget.class, () -> acme.run("analyze-story", "a1", 0));
        assertTrue(tenant.getMessage().startsWith("tenant acme has spent $"), tenant.getMessage());
    }

    @Test
    void byDefaultTheBundledPricesAndNoCap(@TempDir Path dir) throws Exception {
        Pipeline p = pipeline(settings(dir));
        for (String run : java.util.List.of("r1", "r2")) {
            p.ingest(run, UPLOAD, RunOptions.defaults());
            assertEquals("done", p.run("analyze-story", run, 0).status());
        }
        var cost = p.cost("r1");
        assertTrue(cost.line().contains("prices of " + PriceTable.bundled().date()), cost.line());
        assertTrue(cost.s3() > 0, "the bundled table prices S3 requests: " + cost.line());
        var negative = assertThrows(
                IllegalArgumentException.class,
                () -> settings(dir)
                        .withCost(new PipelineSettings.Cost(null, -1.0))
                        .pipeline(light()));
        assertTrue(negative.getMessage().contains("lemon.cost.tenant-monthly-cap"), negative.getMessage());
    }
}
