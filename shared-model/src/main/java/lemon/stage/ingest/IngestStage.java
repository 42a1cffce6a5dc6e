package lemon.stage.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.ingest.IngestedStory;
import lemon.ingest.StoryIngest;
import lemon.ingest.StoryRejectedException;
import lemon.port.BlobStore;
import lemon.port.StageAttempt;
import lemon.run.RunIds;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.Placement;
import lemon.stage.StageResult;
import lemon.stage.StageSpec;

/**
 * The first stage, and the only one that runs before a run exists: validates the upload, creates
 * the run and stores the normalised story. The manifest is created first and only if the run id is
 * free ({@link RunStore#create}), so two requests racing for one id cannot both write into it. A
 * request for a run id that exists is compared with that run ({@link RunRequest}): the same story,
 * options and LLM continue it, anything else is rejected with the differences named and the run
 * left as it was. A rejected upload leaves no run and is deleted from the store. The upload is
 * read under the size cap (lemon.ingest.max-bytes).
 */
public final class IngestStage {
    public static final String NAME = "ingest";
    public static final String STORY = "story.txt";
    /** The rejection reason when the run id is taken by a run with other settings. */
    public static final String RUN_EXISTS = "RUN_EXISTS";

    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(),
            List.of(STORY),
            Placement.LAMBDA,
            "Validate and normalise the upload; create the run's manifest.");

    private final RunStore runs;
    private final StoryIngest ingest;
    private final Clock clock;
    private final RunManifest.Llm llm;
    /** What this call asked of the store; null on the stage as constructed, which meters each call apart. */
    private final StageAttempt.Usage usage;

    public IngestStage(RunStore runs, StoryIngest ingest, Clock clock) {
        this(runs, ingest, clock, null);
    }

    /** @param llm the LLM of the pipeline, recorded in new runs and compared with existing ones; null: unknown */
    public IngestStage(RunStore runs, StoryIngest ingest, Clock clock, RunManifest.Llm llm) {
        this(runs, ingest, clock, llm, null);
    }

    private IngestStage(RunStore runs, StoryIngest ingest, Clock clock, RunManifest.Llm llm, StageAttempt.Usage usage) {
        this.runs = runs;
        this.ingest = ingest;
        this.clock = clock;
        this.llm = llm;
        this.usage = usage;
    }

    /** @param stages every stage of the workflow, in order, for the manifest's pending entries */
    public StageResult ingest(String runId, String uploadKey, RunOptions options, List<String> stages) {
        if (usage == null) {
            // each call on a store view of its own that counts its requests (ingests may run at once),
            // recorded in the ingest entry as the ledger records the other stages'
            StageAttempt.Usage counted = new StageAttempt.Usage();
            return new IngestStage(runs.metered(counted), ingest, clock, llm, counted)
                    .ingest(runId, uploadKey, options, stages);
        }
        if (runId != null) {
            RunIds.check(runId);
        }
        boolean hasUpload = uploadKey != null && !uploadKey.isBlank();
        if (runId != null && runs.exists(runId)) {
            return existing(runId, hasUpload ? uploadKey : null, options);
        }
        if (!hasUpload) {
            throw new IllegalArgumentException(
                    runId == null
                            ? "ingest needs an uploadKey (where the story was uploaded) or an existing runId"
                            : "no run '" + runId + "' in " + runs.blobs().describe()
                                    + " and no upload to start it from");
        }
        if (uploadKey.indexOf('/') > 0) { // never the whole store: only the upload's own folder
            runs.sweepOrphans(uploadKey.substring(0, uploadKey.lastIndexOf('/') + 1));
        }
        String fileName = fileName(uploadKey);
        IngestedStory story;
        try {
            story = ingest.ingest(fileName, readUpload(uploadKey));
        } catch (StoryRejectedException e) {
            discard(uploadKey);
            return rejected(runId, e.getMessage(), e.reason().name());
        }
        String id = runId != null ? runId : RunIds.generate(clock);
        Map<String, StageState> pending = new LinkedHashMap<>();
        stages.forEach(s -> pending.put(s, StageState.pending()));
        String created = now();
        pending.put(NAME, StageState.running(created));
        RunManifest manifest = new RunManifest(
                RunManifest.SCHEMA,
                id,
                created,
                new RunManifest.Input(fileName, story.bytes(), story.sha256(), story.words(), story.title(), uploadKey),
                options,
                llm,
                Map.of("lemon", version(), "java", System.getProperty("java.version")),
                pending,
                story.warnings());
        if (!runs.create(manifest)) {
            // another request created this run id since the check above: compare with that one
            return existing(id, uploadKey, options);
        }
        return finish(manifest, story, System.nanoTime());
    }

    /**
     * A request for a run that exists. With an upload it must match the run; then (with or without
     * one) an ingest that did not finish, because the process died between creating the run and
     * storing its story, is finished from the upload; otherwise the run is reused as it is.
     */
    private StageResult existing(String runId, String uploadKey, RunOptions options) {
        RunManifest run = runs.manifest(runId);
        byte[] upload = null;
        if (uploadKey != null) {
            try {
                upload = readUpload(uploadKey);
            } catch (StoryRejectedException e) {
                discard(uploadKey);
                return rejected(runId, e.getMessage(), e.reason().name());
            }
            List<String> differences =
                    new RunRequest(fileName(uploadKey), StoryIngest.sha256(upload), options, llm).differences(run);
            if (!differences.isEmpty()) {
                return rejected(runId, RunRequest.refusal(runId, differences), RUN_EXISTS);
            }
        }
        StageState state = run.stage(NAME);
        if (state.status() == StageState.Status.DONE && storyStored(runId)) {
            return new StageResult(runId, NAME, 0, "reused", "already completed", Map.of());
        }
        if (upload == null) {
            String stored = run.input().uploadKey();
            if (stored == null) {
                throw new IllegalStateException("run '" + runId + "' has no story and does not record its upload; "
                        + "start it again with the story file");
            }
            upload = readUpload(stored);
            if (!StoryIngest.sha256(upload).equals(run.input().sha256())) {
                throw new IllegalStateException("the upload of run '" + runId + "' at " + stored
                        + " has changed since the run was created; start it again with the story file");
            }
        }
        return finish(run, ingest.ingest(run.input().fileName(), upload), System.nanoTime());
    }

    /** Stores the story, then marks ingest done: the run's first output, written whole. */
    private StageResult finish(RunManifest run, IngestedStory story, long startNanos) {
        String started = run.stage(NAME).startedAt() != null ? run.stage(NAME).startedAt() : now();
        runs.writeBytes(run.runId(), STORY, story.text().getBytes(StandardCharsets.UTF_8));
        runs.save(runs.manifest(run.runId())
                .withStage(
                        NAME,
                        new StageState(
                                StageState.Status.DONE,
                                started,
                                now(),
                                (System.nanoTime() - startNanos) / 1_000_000,
                                List.of(STORY),
                                null,
                                null,
                                usage.asMap())));
        return new StageResult(
                run.runId(),
                NAME,
                0,
                "done",
                "\"" + story.title() + "\", " + story.words() + " words",
                Map.of("words", story.words(), "title", story.title()));
    }

    /**
     * Where {@code lemon run} keeps an upload: content-addressed, so the same story twice is one
     * object, under its file name made a safe key segment (no leading dot: that would hide the file,
     * and {@code .lemon-tmp-} is the file store's own prefix).
     */
    public static String uploadKey(String fileName, String sha256) {
        String name = fileName.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.", "_");
        return RunIds.UPLOADS + "/" + sha256.substring(0, 16) + "/" + (name.isEmpty() ? "story.txt" : name);
    }

    private static StageResult rejected(String runId, String message, String reason) {
        return new StageResult(runId, NAME, 0, "rejected", message, Map.of("reason", reason));
    }

    private boolean storyStored(String runId) {
        try {
            return runs.blobs().exists(RunStore.key(runId, STORY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fileName(String uploadKey) {
        return uploadKey.substring(uploadKey.lastIndexOf('/') + 1);
    }

    /** The upload's bytes; over the cap a rejection (the store was asked for at most the cap). */
    private byte[] readUpload(String uploadKey) {
        BlobStore.Capped upload = fetchUpload(uploadKey);
        if (upload.overCap()) {
            throw ingest.tooLarge(fileName(uploadKey), upload.size());
        }
        return upload.bytes();
    }

    /** Bounded by the cap: an upload over it is never fetched or held whole, only its size is learnt. */
    private BlobStore.Capped fetchUpload(String uploadKey) {
        try {
            return runs.blobs()
                    .getCapped(uploadKey, ingest.maxBytes())
                    .orElseThrow(() -> new IllegalArgumentException("no upload at '" + uploadKey + "' in "
                            + runs.blobs().describe()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upload " + uploadKey, e);
        }
    }

    /**
     * A rejected upload is deleted, not kept: it is useless to every later run (the same bytes would be
     * rejected again) and may be huge. Best effort: the rejection is what the user must hear about.
     */
    private void discard(String uploadKey) {
        try {
            runs.blobs().delete(uploadKey);
        } catch (IOException | RuntimeException e) {
            // a store that cannot delete will fail the user's next write loudly enough
        }
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock));
    }

    static String version() {
        try (var in = IngestStage.class.getResourceAsStream("/lemon/version.properties")) {
            var p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
