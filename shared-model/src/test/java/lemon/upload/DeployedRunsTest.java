package lemon.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipInputStream;
import lemon.analysis.OfflineAnalyst;
import lemon.cd.CdDatabase;
import lemon.describe.OfflineDescriber;
import lemon.ingest.StoryIngest;
import lemon.pipeline.Pipeline;
import lemon.run.RunStore;
import lemon.run.RunViews;
import lemon.run.RunViews.RunView;
import lemon.stage.StageInput;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

/**
 * The deployment's runs API over a real store and ingest, with the workflow (Step Functions) and the
 * link signer (S3) as stand-ins: each run's state as its execution reports it, uploads without a run,
 * signed links inside the tenant's folder, stop/resume/delete/zip and what each refuses.
 */
class DeployedRunsTest {
    /** Step Functions as far as the runs API uses it: statuses set by the test, starts and stops recorded. */
    static final class FakeWorkflow implements DeployedRuns.Workflow {
        final Map<String, String> status = new HashMap<>();
        final List<String> started = new ArrayList<>();
        final List<String> stopped = new ArrayList<>();

        @Override
        public boolean start(String name, String inputJson) {
            started.add(name + " " + inputJson);
            return status.putIfAbsent(name, "RUNNING") == null;
        }

        @Override
        public Optional<String> status(String name) {
            return Optional.ofNullable(status.get(name));
        }

        @Override
        public void stop(String name, String cause) {
            stopped.add(name);
            status.put(name, "ABORTED");
        }
    }

    final InMemoryBlobStore root = new InMemoryBlobStore();
    final FakeWorkflow workflow = new FakeWorkflow();
    final DeployedRuns runs = new DeployedRuns(
            new RunStore(root), workflow, key -> "https://signed.example/" + key, m -> 0.25, TestRuns.CLOCK);
    final Pipeline pipeline = new Pipeline(
            new RunStore(root),
            new StoryIngest(),
            Pipeline.light(new OfflineAnalyst(), new OfflineDescriber(), CdDatabase.bundled()),
            TestRuns.CLOCK,
            null,
            null);

    /** An upload as the form puts it, its trigger's execution recorded, and the run its ingest makes. */
    String uploadAndIngest(String tenant, String id, String execution) throws Exception {
        RunStore mine = new RunStore(root).forTenant(tenant);
        String key = "uploads/" + id + "/story.txt";
        mine.blobs().put(key, TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        mine.blobs().put(UploadExecution.keyFor(key).orElseThrow(), new UploadExecution(execution, "now").toJson());
        workflow.status.put(execution, "RUNNING");
        var in = new StageInput(null, null, key, null, null, null, null, 0, null, null, null, null, tenant);
        return pipeline.call("ingest", in).runId();
    }

    @Test
    void aRunsStateIsWhatItsExecutionReportsAndUploadsWithoutARunAreListed() throws Exception {
        String runId = uploadAndIngest("acme", "u1", "acme-e1");
        RunStore acme = new RunStore(root).forTenant("acme");
        acme.blobs().put("uploads/u2/second.txt", "waiting".getBytes(StandardCharsets.UTF_8));
        acme.blobs().put("uploads/u3/bad.txt", new byte[0]);
        acme.blobs()
                .put("uploads/u3/bad.txt" + Pipeline.UPLOAD_FAILURE, "{\"cause\":\"the file is empty\"}".getBytes());

        // a story ingest rejected: deleted, why kept beside where it was
        acme.blobs()
                .put(
                        "uploads/u4/short.txt" + Pipeline.UPLOAD_FAILURE,
                        "{\"cause\":\"a story needs at least 50 words\"}".getBytes());

        List<RunView> listed = runs.list("acme");
        assertEquals(4, listed.size(), listed.toString());
        assertEquals("refused", listed.get(3).state());
        assertEquals("uploads/u4/short.txt", listed.get(3).upload());
        assertEquals("a story needs at least 50 words", listed.get(3).error());
        assertEquals(runId, listed.get(0).runId());
        assertEquals("running", listed.get(0).state());
        assertEquals(0.25, listed.get(0).costUsd());
        assertEquals("waiting", listed.get(1).state());
        assertEquals("uploads/u2/second.txt", listed.get(1).upload());
        assertNull(listed.get(1).runId());
        assertEquals("refused", listed.get(2).state());
        assertEquals("the file is empty", listed.get(2).error());

        // a running run shows its engine task's latest line; it is no file of the run's
        acme.blobs()
                .put(
                        runId + "/" + lemon.run.RunProgressFile.FILE,
                        "{\"stage\":\"personalize\",\"line\":\"step 90 of 200\"}".getBytes());
        RunView running = runs.view("acme", runId);
        assertEquals("personalize: step 90 of 200", running.progress());
        assertTrue(
                !running.files().contains(lemon.run.RunProgressFile.FILE),
                running.files().toString());

        workflow.status.put("acme-e1", "ABORTED");
        assertEquals("stopped", runs.view("acme", runId).state());
        assertNull(runs.view("acme", runId).progress(), "no progress line for a run that does not run");
        workflow.status.put("acme-e1", "TIMED_OUT");
        RunView failed = runs.view("acme", runId);
        assertEquals("failed", failed.state());
        assertTrue(failed.error().contains("TIMED_OUT"), failed.error());
    }

    @Test
    void everyFileHasASignedLinkInsideTheTenantsFolderAndAnotherTenantSeesNothing() throws Exception {
        String runId = uploadAndIngest("acme", "u1", "acme-e1");
        RunView v = runs.view("acme", runId);
        assertTrue(v.files().contains("manifest.json"), v.files().toString());
        assertEquals(v.files().size(), v.links().size());
        assertEquals(
                "https://signed.example/tenants/acme/" + runId + "/manifest.json",
                v.links().get("manifest.json"));

        assertTrue(runs.list("globex").isEmpty());
        for (Runnable r : List.<Runnable>of(
                () -> runs.view("globex", runId),
                () -> runs.stop("globex", runId),
                () -> runs.resume("globex", runId),
                () -> runs.zip("globex", runId),
                () -> runs.delete("globex", runId))) {
            assertEquals(404, assertThrows(RunViews.Refused.class, r::run).status);
        }
        assertEquals(400, assertThrows(RunViews.Refused.class, () -> runs.view("acme", "../x")).status);
        assertEquals(400, assertThrows(RunViews.Refused.class, () -> runs.list("Not A Tenant")).status);
        assertTrue(new RunStore(root).forTenant("acme").exists(runId), "nothing was touched");
    }

    @Test
    void stopThenResumeStartsANewExecutionOfTheSameRunAndEachRefusesWhereItCannotHelp() throws Exception {
        String runId = uploadAndIngest("acme", "u1", "acme-e1");
        assertEquals(409, assertThrows(RunViews.Refused.class, () -> runs.resume("acme", runId)).status);

        runs.stop("acme", runId);
        assertEquals(List.of("acme-e1"), workflow.stopped);
        assertEquals(409, assertThrows(RunViews.Refused.class, () -> runs.stop("acme", runId)).status);

        String name = runs.resume("acme", runId);
        assertTrue(name.startsWith("acme-" + runId + "-r"), name);
        assertEquals(name + " {\"runId\":\"" + runId + "\",\"tenant\":\"acme\"}", workflow.started.get(0));
        assertEquals("running", runs.view("acme", runId).state(), "the new execution is the one asked");
        assertEquals(409, assertThrows(RunViews.Refused.class, () -> runs.delete("acme", runId)).status);
    }

    @Test
    void deleteTakesTheRunItsUploadAndItsZipAndTheZipHoldsEveryFile() throws Exception {
        String runId = uploadAndIngest("acme", "u1", "acme-e1");
        workflow.status.put("acme-e1", "FAILED");
        RunStore acme = new RunStore(root).forTenant("acme");

        String link = runs.zip("acme", runId);
        assertEquals("https://signed.example/tenants/acme/exports/" + runId + ".zip", link);
        byte[] zip = acme.blobs().get("exports/" + runId + ".zip").orElseThrow();
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) entries.add(e.getName());
        }
        assertTrue(entries.contains(runId + "/manifest.json"), entries.toString());
        byte[] other = "globex's".getBytes(StandardCharsets.UTF_8);
        new RunStore(root).forTenant("globex").blobs().put("uploads/u1/story.txt", other);

        runs.delete("acme", runId);
        assertFalse(acme.exists(runId));
        assertTrue(
                acme.blobs().list("uploads/").isEmpty(),
                acme.blobs().list("uploads/").toString());
        assertTrue(acme.blobs().get("exports/" + runId + ".zip").isEmpty());
        assertTrue(acme.blobs().get("executions/u1.json").isEmpty(), "its execution record is gone too");
        assertTrue(runs.list("acme").isEmpty());
        assertArrayEquals(
                other,
                new RunStore(root)
                        .forTenant("globex")
                        .blobs()
                        .get("uploads/u1/story.txt")
                        .orElseThrow());
    }
}
