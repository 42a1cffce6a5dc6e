package lemon.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import lemon.ingest.StoryIngest;
import lemon.run.RunStore;
import lemon.stage.StageInput;
import lemon.stage.StageResult;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

/** A tenant's runs live in its folder of the store, reached only through its own pipeline. */
class TenantPipelineTest {
    static StageInput in(String runId, String uploadKey, String tenant) {
        return new StageInput(runId, null, uploadKey, null, null, null, null, 0, null, null, null, null, tenant);
    }

    @Test
    void aTenantsRunIsMadeInItsFolderAndCarriesTheTenantOn() throws Exception {
        InMemoryBlobStore root = new InMemoryBlobStore();
        root.put("uploads/acme/id/story.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        Pipeline p = new Pipeline(new RunStore(root), new StoryIngest(), LightCatalogueTest.light(), TestRuns.CLOCK);

        StageResult ingested = p.call("ingest", in("r1", "uploads/id/story.txt", "acme"));
        assertEquals("done", ingested.status(), ingested.message());
        assertEquals("acme", ingested.tenant(), "the workflow passes the tenant on with the result");
        assertTrue(root.exists("tenants/acme/r1/manifest.json"));
        assertFalse(root.exists("r1/manifest.json"), "nothing at the store's top");

        StageResult analyzed = p.call("analyze-story", in("r1", null, "acme"));
        assertEquals("done", analyzed.status());
        assertEquals("acme", analyzed.tenant());
        assertTrue(root.exists("tenants/acme/r1/characters.json"));
        assertSame(p.forTenant("acme"), p.forTenant("acme"));

        // another tenant, or none, does not see the run
        var other = assertThrows(RuntimeException.class, () -> p.call("analyze-story", in("r1", null, "globex")));
        assertTrue(String.valueOf(other.getMessage()).contains("r1"), other.toString());
        assertThrows(RuntimeException.class, () -> p.call("analyze-story", in("r1", null, "")));
        root.put("uploads/story.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        assertEquals("", p.call("ingest", in("r2", "uploads/story.txt", null)).tenant());
        assertTrue(root.exists("r2/manifest.json"), "without a tenant, the store itself");
    }

    @Test
    void aTenantsRejectedStoryLeavesWhyBesideWhereItWasAndTheStoresOwnRunsDoNot() throws Exception {
        InMemoryBlobStore root = new InMemoryBlobStore();
        root.put("uploads/acme/id/short.txt", "Too short to be a story.".getBytes(StandardCharsets.UTF_8));
        Pipeline p = new Pipeline(new RunStore(root), new StoryIngest(), LightCatalogueTest.light(), TestRuns.CLOCK);
        assertEquals(
                "rejected",
                p.call("ingest", in(null, "uploads/id/short.txt", "acme")).status());
        assertFalse(root.exists("uploads/acme/id/short.txt"), "the rejected story is deleted");
        String why =
                new String(root.get("uploads/acme/id/short.txt.failure.json").orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(why.contains("Lemon.InputRejected") && why.contains("a story needs at least"), why);

        // the CLI's runs (no tenant) print why and keep nothing
        root.put("uploads/short.txt", "Too short to be a story.".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "rejected",
                p.call("ingest", in(null, "uploads/short.txt", null)).status());
        assertEquals(java.util.List.of("uploads/acme/id/short.txt.failure.json"), root.list(""));
    }

    @Test
    void aBadTenantIsRefusedBeforeAnythingIsStored() {
        InMemoryBlobStore root = new InMemoryBlobStore();
        Pipeline p = new Pipeline(new RunStore(root), new StoryIngest(), LightCatalogueTest.light(), TestRuns.CLOCK);
        var e = assertThrows(IllegalArgumentException.class, () -> p.call("ingest", in("r1", "uploads/x.txt", "../x")));
        assertTrue(e.getMessage().contains("is not a tenant id"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.forTenant("acme").forTenant("globex"));
    }

    @Test
    void aFailureBeforeTheRunExistsIsRecordedBesideTheUpload() throws Exception {
        InMemoryBlobStore root = new InMemoryBlobStore();
        root.put("uploads/acme/id/story.txt", "Too short.".getBytes(StandardCharsets.UTF_8));
        Pipeline p = new Pipeline(new RunStore(root), new StoryIngest(), LightCatalogueTest.light(), TestRuns.CLOCK);
        StageInput failed = new StageInput(
                null,
                null,
                "uploads/id/story.txt",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new StageInput.Failure(
                        "Lemon.Permanent",
                        "{\"errorType\":\"Lemon.Permanent\",\"errorMessage\":\"the store is read-only\"}"),
                null,
                "acme");
        StageResult r = p.call("record-failure", failed);
        assertEquals(
                "uploads/id/story.txt.failure.json", // as the tenant's functions name it
                r.summary().get("recorded"));
        String record =
                new String(root.get("uploads/acme/id/story.txt.failure.json").orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(record.contains("\"error\" : \"Lemon.Permanent\"") && record.contains("read-only"), record);
        assertEquals("acme", r.tenant());
    }
}
