package lemon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import lemon.cost.MonthlySpend;
import lemon.cost.OverBudget;
import lemon.cost.PriceTable;
import lemon.cost.RunCost;
import lemon.ingest.StoryIngest;
import lemon.run.RunManifest;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.StageErrors;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

/**
 * A tenant whose runs started this month have cost its monthly cap starts no further stage; its runs'
 * outputs stay, other tenants go on, and last month's runs do not count.
 */
class TenantMonthlyCapTest {
    /**
     * Only state transitions cost anything ($1 each), so a run's cost is fixed by its entries, not by
     * this machine's speed: (2 × entries + 2) dollars, $4 after ingest, $6 after the analysis.
     */
    static final PriceTable TRANSITIONS_ONLY =
            new PriceTable("2026-11-01", "test-1", "USD", 0, 0, 1024, 0, 0, 1.0, 0, 0, 0, 0);

    static final Clock NOVEMBER = Clock.fixed(Instant.parse("2026-11-30T23:30:00Z"), ZoneOffset.UTC);
    static final Clock DECEMBER = TestRuns.CLOCK; // 2026-12-01T12:00:00Z

    static final String UPLOAD = "uploads/s/story.txt";

    final InMemoryBlobStore root = new InMemoryBlobStore();

    Pipeline pipeline(Clock clock, double cap) {
        return new Pipeline(
                        new RunStore(root),
                        new StoryIngest(),
                        LightCatalogueTest.light(),
                        clock,
                        null,
                        TRANSITIONS_ONLY)
                .withTenantMonthlyCap(cap);
    }

    /** The story uploaded where {@code tenant}'s runs read their uploads (null: the runs without a tenant). */
    void upload(String tenant) throws Exception {
        new RunStore(root).forTenant(tenant).blobs().put(UPLOAD, TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code tenant}'s run has {@code file}, read as that tenant sees its runs. */
    boolean has(String tenant, String runId, String file) throws Exception {
        return new RunStore(root).forTenant(tenant).blobs().exists(RunStore.key(runId, file));
    }

    static String status(Pipeline p, String function, String runId, String tenant) {
        return p.call(function, TenantPipelineTest.in(runId, "ingest".equals(function) ? UPLOAD : null, tenant))
                .status();
    }

    @Test
    void aTenantAtItsCapIsRefusedBeforeTheNextStageOthersAndLastMonthDoNotCount() throws Exception {
        upload("acme");
        upload("globex");
        // last month acme ran one whole analysis: $6, which would leave December only $4 of its $10
        Pipeline november = pipeline(NOVEMBER, 10.0);
        assertEquals("done", status(november, "ingest", "old", "acme"));
        assertEquals("done", status(november, "analyze-story", "old", "acme"));
        assertEquals(6.0, november.forTenant("acme").cost("old").total(), 1e-9);

        Pipeline december = pipeline(DECEMBER, 10.0);
        assertEquals("done", status(december, "ingest", "r1", "acme"));
        assertEquals(
                "done", status(december, "analyze-story", "r1", "acme"), "December's $4 < $10: November's $6 left out");
        assertEquals("done", status(december, "ingest", "r2", "acme"), "ingest creates the run; the stages are capped");
        // acme's December: r1 $6 + r2 $4 = the $10 cap
        RunStore acme = december.forTenant("acme").runs();
        MonthlySpend spent = MonthlySpend.of(
                acme, YearMonth.of(2026, 12), m -> RunCost.of(m, s -> lemon.stage.Placement.LAMBDA, TRANSITIONS_ONLY));
        assertEquals(10.0, spent.total(), 1e-9);
        assertEquals(2, spent.runs(), "r1 and r2; old started in November");
        byte[] story = acme.blobs().get("r2/story.txt").orElseThrow();

        var refused = assertThrows(
                OverBudget.class, () -> december.call("analyze-story", TenantPipelineTest.in("r2", null, "acme")));
        String why = refused.getMessage();
        assertTrue(why.contains("tenant acme has spent $10.0000 of the $10.0 monthly cap"), why);
        assertTrue(why.contains("in 2026-12 UTC, over 2 run(s)"), why);
        assertTrue(why.contains("test-1 prices of 2026-11-01"), why);
        assertTrue(
                why.contains("analyze-story of run r2 did not start") && why.contains("outputs so far are kept"), why);
        assertEquals(StageErrors.PERMANENT, StageErrors.name(refused), "not retried by the workflow");

        // recorded in the run as a budget refusal is; what the tenant's runs made is kept
        RunManifest r2 = acme.manifest("r2");
        assertEquals(StageState.Status.FAILED, r2.stage("analyze-story").status());
        assertTrue(
                r2.stage("analyze-story").error().contains("monthly cap"),
                r2.stage("analyze-story").error());
        assertTrue(
                r2.stage("analyze-story").usage().get("s3PutRequests") >= 1,
                "the check's listing is this stage's S3 use");
        assertFalse(has("acme", "r2", "characters.json"), "the analysis never ran");
        assertTrue(
                java.util.Arrays.equals(story, acme.blobs().get("r2/story.txt").orElseThrow()), "ingest's output kept");
        assertTrue(has("acme", "r1", "characters.json"), "the earlier run's outputs kept");
        assertTrue(has("acme", "old", "characters.json"));

        // another tenant is not held back by acme's spending
        assertEquals("done", status(december, "ingest", "g1", "globex"));
        assertEquals("done", status(december, "analyze-story", "g1", "globex"));

        // a raised cap lets the refused run go on from where it stopped (lemon resume)
        assertEquals("done", status(pipeline(DECEMBER, 100.0), "analyze-story", "r2", "acme"));
    }

    @Test
    void theRunsWithoutATenantAreCappedTooAndTenantsRunsAreNotTheirs() throws Exception {
        upload(null);
        upload("acme");
        Pipeline december = pipeline(DECEMBER, 5.0);
        assertEquals("done", status(december, "ingest", "a1", "acme"));
        assertEquals("done", status(december, "analyze-story", "a1", "acme"));
        // the store's own runs: acme's $6 below the store's top is not theirs
        assertEquals("done", status(december, "ingest", "d1", null));
        assertEquals("done", status(december, "analyze-story", "d1", null), "$4 of $5");
        assertEquals("done", status(december, "ingest", "d2", null));
        var refused = assertThrows(OverBudget.class, () -> december.run("analyze-story", "d2", 0));
        assertTrue(
                refused.getMessage()
                        .startsWith("the runs without a tenant have spent $10.0000 of the $5.0 monthly cap"),
                refused.getMessage());
        assertEquals(
                StageState.Status.FAILED,
                december.runs().manifest("d2").stage("analyze-story").status());
    }

    @Test
    void withoutTheSettingNothingIsCapped() throws Exception {
        upload(null);
        Pipeline uncapped = new Pipeline(
                new RunStore(root), new StoryIngest(), LightCatalogueTest.light(), DECEMBER, null, TRANSITIONS_ONLY);
        for (String run : java.util.List.of("u1", "u2", "u3")) {
            assertEquals("done", status(uncapped, "ingest", run, null));
            assertEquals("done", status(uncapped, "analyze-story", run, null));
        }
        assertThrows(IllegalArgumentException.class, () -> uncapped.withTenantMonthlyCap(-1.0));
        assertThrows(IllegalArgumentException.class, () -> uncapped.withTenantMonthlyCap(Double.NaN));
    }
}
