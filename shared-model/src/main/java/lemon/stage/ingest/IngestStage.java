package lemon.stage.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import lemon.ingest.IngestedStory;
import lemon.ingest.StoryIngest;
import lemon.ingest.StoryRejectedException;
import lemon.port.BlobStore;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.Placement;
import lemon.stage.StageResult;
import lemon.stage.StageSpec;

/**
 * The first stage, and the only one that runs before a run exists: validates the upload, stores
 * the normalised story and creates the manifest with every stage of the catalogue pending. With a
 * run id that already exists the run is reused as it is (resume); a rejected upload leaves no run
 * and is deleted from the store. The upload is read under the size cap (lemon.ingest.max-bytes).
 */
public final class IngestStage {
    public static final String NAME = "ingest";
    public static final String STORY = "story.txt";
    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(),
            List.of(STORY),
            Placement.LAMBDA,
            "Validate and normalise the upload; create the run's manifest.");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final RunStore runs;
    private final StoryIngest ingest;
    private final Clock clock;

    public IngestStage(RunStore runs, StoryIngest ingest, Clock clock) {
        this.runs = runs;
        this.ingest = ingest;
        this.clock = clock;
    }

    /** @param stages every stage of the workflow, in order, for the manifest's pending entries */
    public StageResult ingest(String runId, String uploadKey, RunOptions options, List<String> stages) {
        if (runId != null && !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id '" + runId
                    + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        boolean hasUpload = uploadKey != null && !uploadKey.isBlank();
        if (runId != null && runs.exists(runId)) {
            String stored = runs.manifest(runId).input().sha256();
            BlobStore.Capped upload = hasUpload ? readUpload(uploadKey) : null;
            // an upload over the cap cannot be the story the run was made from
            if (upload != null && (upload.overCap() || !stored.equals(StoryIngest.sha256(upload.bytes())))) {
                throw new IllegalArgumentException("run '" + runId + "' already exists for a different story; "
                        + "choose another run id, or resume that run without an upload");
            }
            return new StageResult(runId, NAME, 0, "reused", "already completed", Map.of());
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
        String fileName = uploadKey.substring(uploadKey.lastIndexOf('/') + 1);
        IngestedStory story;
        try {
            BlobStore.Capped upload = readUpload(uploadKey);
            if (upload.overCap()) {
                throw ingest.tooLarge(fileName, upload.size());
            }
            story = ingest.ingest(fileName, upload.bytes());
        } catch (StoryRejectedException e) {
            discard(uploadKey);
            return new StageResult(
                    runId,
                    NAME,
                    0,
                    "rejected",
                    e.getMessage(),
                    Map.of("reason", e.reason().name()));
        }
        String id = runId != null ? runId : newRunId();
        long start = System.nanoTime();
        Map<String, StageState> pending = new LinkedHashMap<>();
        stages.forEach(s -> pending.put(s, StageState.pending()));
        RunManifest manifest = new RunManifest(
                RunManifest.SCHEMA,
                id,
                now(),
                new RunManifest.Input(fileName, story.bytes(), story.sha256(), story.words(), story.title()),
                options,
                Map.of("lemon", version(), "java", System.getProperty("java.version")),
                pending,
                story.warnings());
        runs.writeBytes(id, STORY, story.text().getBytes(StandardCharsets.UTF_8));
        runs.save(manifest.withStage(
                NAME,
                new StageState(
                        StageState.Status.DONE,
                        manifest.createdAt(),
                        now(),
                        (System.nanoTime() - start) / 1_000_000,
                        List.of(STORY),
                        null)));
        return new StageResult(
                id,
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
        return "uploads/" + sha256.substring(0, 16) + "/" + (name.isEmpty() ? "story.txt" : name);
    }

    /** Bounded by the cap: an upload over it is never fetched or held whole, only its size is learnt. */
    private BlobStore.Capped readUpload(String uploadKey) {
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

    private String newRunId() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now(clock)) + "-" + HexFormat.of().formatHex(random);
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
