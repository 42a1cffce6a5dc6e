package lemon.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import lemon.port.BlobStore;
import lemon.port.TenantBlobStore;
import lemon.run.RunManifest;
import lemon.run.RunStore;
import lemon.run.RunViews;
import lemon.run.RunViews.Refused;
import lemon.run.RunViews.RunView;

/**
 * A tenant's runs in the deployment, as the runs API answers them: the store's views of its runs
 * with the state the workflow's execution reports (running, stopped, failed), the uploads that have
 * no run yet (waiting for the trigger, starting, or refused and why), signed links to every file,
 * and stop, resume, delete and zip. The tenant is always the caller's verified one; every key read
 * or written is inside its folder.
 */
public final class DeployedRuns {
    /** The deployed workflow: Step Functions on AWS. */
    public interface Workflow extends RunStarter.Executions {
        /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED; empty for an execution it does not know. */
        Optional<String> status(String name);

        /** Stops a running execution (the stage working now is stopped with it). */
        void stop(String name, String cause);
    }

    /** Where a client fetches one object of the store directly (a signed URL on S3). */
    public interface Links {
        /** @param storeKey the object's key relative to the store (tenant folder included) */
        String link(String storeKey);
    }

    /** Where a run's zip is written for its link: {@code exports/<runId>.zip} of the tenant's folder. */
    static final String EXPORTS = "exports/";

    private final RunStore root;
    private final Workflow workflow;
    private final Links links;
    private final ToDoubleFunction<RunManifest> cost;
    private final Clock clock;

    /**
     * @param root the store's root (every tenant's folder below it)
     * @param cost a run's cost so far (0 where it cannot be priced)
     */
    public DeployedRuns(
            RunStore root, Workflow workflow, Links links, ToDoubleFunction<RunManifest> cost, Clock clock) {
        this.root = root;
        this.workflow = workflow;
        this.links = links;
        this.cost = cost;
        this.clock = clock;
    }

    /** The tenant's runs, newest first, then its uploads that have no run (yet). */
    public List<RunView> list(String tenant) {
        RunStore runs = runs(tenant);
        List<RunView> out = new ArrayList<>();
        Set<String> uploadsWithRuns = new HashSet<>();
        for (RunView v : RunViews.list(runs, cost, clock)) {
            if (v.upload() != null) uploadsWithRuns.add(v.upload());
            out.add(withExecution(runs, v));
        }
        out.addAll(pendingUploads(runs, uploadsWithRuns));
        return out;
    }

    /** One run with its stages, files and a signed link to each file. */
    public RunView view(String tenant, String runId) {
        RunStore runs = runs(tenant);
        RunView v = withExecution(runs, RunViews.view(runs, runId, cost, clock));
        if (v.state().equals("running"))
            v = v.withProgress(lemon.run.RunProgressFile.latest(runs, runId).orElse(null));
        Map<String, String> signed = new LinkedHashMap<>();
        String folder = UploadSlot.folderOf(tenant);
        for (String f : v.files()) signed.put(f, links.link(folder + RunViews.fileKey(runId, f)));
        return v.withLinks(signed);
    }

    /** Stops a running run; it can be resumed. */
    public void stop(String tenant, String runId) {
        RunStore runs = runs(tenant);
        RunManifest m = RunViews.require(runs, runId);
        UploadExecution e = execution(runs, m.input().uploadKey())
                .orElseThrow(() -> new Refused(409, "run " + runId + " has no workflow execution to stop"));
        if (!"RUNNING".equals(workflow.status(e.name()).orElse(""))) {
            throw new Refused(409, "run " + runId + " is not running");
        }
        workflow.stop(e.name(), "stopped by its owner");
    }

    /** Starts a new execution for a failed, stopped or interrupted run; completed stages are reused. */
    public String resume(String tenant, String runId) {
        RunStore runs = runs(tenant);
        RunManifest m = RunViews.require(runs, runId);
        String state =
                withExecution(runs, RunViews.view(runs, m, cost, clock, false)).state();
        if (state.equals("running")) throw new Refused(409, "run " + runId + " is already running");
        if (state.equals("done")) throw new Refused(409, "run " + runId + " is complete; nothing to resume");
        Optional<String> record = UploadExecution.keyFor(m.input().uploadKey());
        if (record.isEmpty()) {
            throw new Refused(
                    409,
                    "run " + runId + " was not started from an upload; resume it with `lemon resume " + runId + "`");
        }
        String name = tenant + "-" + runId + "-r" + clock.millis() / 1000;
        String input = "{\"runId\":\"" + runId + "\",\"tenant\":\"" + tenant + "\"}";
        workflow.start(name, input);
        put(
                runs.blobs(),
                record.get(),
                new UploadExecution(name, clock.instant().toString()).toJson());
        return name;
    }

    /** Deletes a run and the upload it came from; a running run must be stopped first. */
    public void delete(String tenant, String runId) {
        RunStore runs = runs(tenant);
        RunManifest m = RunViews.require(runs, runId);
        if (withExecution(runs, RunViews.view(runs, m, cost, clock, false))
                .state()
                .equals("running")) {
            throw new Refused(409, "run " + runId + " is running; stop it first");
        }
        RunViews.delete(runs, runId);
        String upload = m.input().uploadKey();
        if (upload != null && upload.startsWith(TenantBlobStore.UPLOADS) && upload.indexOf('/', 8) > 0) {
            String folder = upload.substring(0, upload.lastIndexOf('/') + 1);
            try {
                for (String k : runs.blobs().list(folder)) runs.blobs().delete(k);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the upload of run " + runId, e);
            }
        }
        try {
            for (String record : UploadExecution.keyFor(upload).stream().toList())
                runs.blobs().delete(record);
            runs.blobs().delete(EXPORTS + runId + ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the zip of run " + runId, e);
        }
    }

    /** Writes every file of the run into one zip in the tenant's folder; answers its signed link. */
    public String zip(String tenant, String runId) {
        RunStore runs = runs(tenant);
        RunViews.require(runs, runId);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            RunViews.zip(runs, runId, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip run " + runId, e);
        }
        put(runs.blobs(), EXPORTS + runId + ".zip", bytes.toByteArray());
        return links.link(UploadSlot.folderOf(tenant) + EXPORTS + runId + ".zip");
    }

    private RunStore runs(String tenant) {
        try {
            return root.forTenant(tenant);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
    }

    /** The store's state, told apart by what the run's execution reports. */
    private RunView withExecution(RunStore runs, RunView v) {
        if (v.state().equals("done")) return v;
        Optional<UploadExecution> e = execution(runs, v.upload());
        if (e.isEmpty()) return v;
        String status = workflow.status(e.get().name()).orElse("");
        return switch (status) {
            case "RUNNING" -> v.withState("running", null);
            case "ABORTED" -> v.withState("stopped", "stopped by its owner; resume to continue");
            case "FAILED", "TIMED_OUT" ->
                v.withState("failed", v.error() != null ? v.error() : "the workflow's execution ended " + status);
            default -> v;
        };
    }

    /** The execution recorded for the run of an upload; none for a run started otherwise. */
    private Optional<UploadExecution> execution(RunStore runs, String upload) {
        return UploadExecution.keyFor(upload)
                .flatMap(k -> read(runs.blobs(), k))
                .map(UploadExecution::parse);
    }

    /**
     * Uploads no run names yet, one row each: {@code waiting} (the trigger has not started it),
     * {@code starting} (its execution is ingesting it) or {@code refused} with why.
     */
    private List<RunView> pendingUploads(RunStore runs, Set<String> withRuns) {
        Map<String, List<String>> byFolder = new TreeMap<>();
        try {
            for (String k : runs.blobs().list(TenantBlobStore.UPLOADS)) {
                int slash = k.lastIndexOf('/');
                byFolder.computeIfAbsent(k.substring(0, slash + 1), f -> new ArrayList<>())
                        .add(k.substring(slash + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the uploads", e);
        }
        List<RunView> out = new ArrayList<>();
        for (var folder : byFolder.entrySet()) {
            List<String> names = folder.getValue();
            Optional<String> story = names.stream()
                    .filter(n -> !n.equals(UploadOptions.FILE) && !n.endsWith(lemon.pipeline.Pipeline.UPLOAD_FAILURE))
                    .findFirst();
            if (story.isEmpty()) // ingest rejected the story: it deleted it and kept why
            story = names.stream()
                    .filter(n -> n.endsWith(lemon.pipeline.Pipeline.UPLOAD_FAILURE))
                    .map(n -> n.substring(0, n.length() - lemon.pipeline.Pipeline.UPLOAD_FAILURE.length()))
                    .findFirst();
            if (story.isEmpty() || withRuns.contains(folder.getKey() + story.get())) continue;
            String key = folder.getKey() + story.get();
            Optional<byte[]> failure = read(runs.blobs(), key + lemon.pipeline.Pipeline.UPLOAD_FAILURE);
            String state = failure.isPresent()
                    ? "refused"
                    : UploadExecution.keyFor(key)
                                    .filter(k -> exists(runs.blobs(), k))
                                    .isPresent()
                            ? "starting"
                            : "waiting";
            out.add(RunView.pending(
                    null,
                    state,
                    story.get(),
                    key,
                    failure.map(DeployedRuns::cause).orElse(null)));
        }
        return out;
    }

    /** The readable cause of a refusal record ({@code {"cause": …}}), else the record as it is. */
    private static String cause(byte[] record) {
        try {
            var node = lemon.run.Json.MAPPER.readTree(record);
            return node.hasNonNull("cause")
                    ? node.get("cause").asText()
                    : new String(record, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new String(record, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Optional<byte[]> read(BlobStore blobs, String key) {
        try {
            return blobs.get(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    private static boolean exists(BlobStore blobs, String key) {
        try {
            return blobs.exists(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    private static void put(BlobStore blobs, String key, byte[] bytes) {
        try {
            blobs.put(key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + key, e);
        }
    }
}
