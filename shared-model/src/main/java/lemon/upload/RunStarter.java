package lemon.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.port.BlobStore;
import lemon.port.TenantBlobStore;

/**
 * Turns the uploads an S3 notification announces into workflow executions. Each upload gets an
 * execution name made from its key and its version (or ETag), so a message delivered twice, or
 * two messages for one upload, start one run; a new upload to the same key starts another. An
 * object outside the store's {@code uploads/<tenant>/}, in another bucket or over the cap
 * is refused and starts nothing.
 */
public final class RunStarter {
    /** Starting an execution of the workflow: Step Functions on AWS. */
    public interface Executions {
        /** Starts {@code name} with {@code input}; false when an execution of that name exists already. */
        boolean start(String name, String inputJson);
    }

    /** What became of one upload. */
    public record Outcome(String key, Status status, String execution, String message) {}

    public enum Status {
        STARTED,
        ALREADY_STARTED,
        /** Not an upload: the run options the upload form keeps beside one. */
        IGNORED,
        REFUSED
    }

    /** What ingest writes beside an upload it could not start a run from (Pipeline.recordFailure). */
    static final String FAILURE_SUFFIX = lemon.pipeline.Pipeline.UPLOAD_FAILURE;

    private final String bucket;
    private final String prefix; // the store's folder in the bucket: "" or ending in '/'
    private final long maxBytes;
    private final Executions executions;
    private final BlobStore store;

    /** Without a store: every run takes the defaults, and a refusal is only answered. */
    public RunStarter(String bucket, String prefix, long maxBytes, Executions executions) {
        this(bucket, prefix, maxBytes, executions, null);
    }

    /**
     * @param store the store under the prefix, where the uploader's {@link UploadOptions} are read and a
     *     refused upload's reason is written beside it ({@code <upload>.failure.json}, as ingest records
     *     a story it rejects), so the uploader can learn why no run came
     */
    public RunStarter(String bucket, String prefix, long maxBytes, Executions executions, BlobStore store) {
        this.bucket = bucket;
        this.prefix = lemon.port.PrefixedBlobStore.folder(prefix);
        this.maxBytes = maxBytes;
        this.executions = executions;
        this.store = store;
    }

    /** Every upload of one notification, in order. */
    public List<Outcome> handle(String messageBody) {
        List<Outcome> outcomes = new ArrayList<>();
        for (UploadEvents.Created c : UploadEvents.parse(messageBody)) outcomes.add(start(c));
        return outcomes;
    }

    Outcome start(UploadEvents.Created c) {
        String file = c.key().substring(c.key().lastIndexOf('/') + 1);
        if (c.key().startsWith(prefix + TenantBlobStore.UPLOADS)
                && (file.equals(UploadOptions.FILE) || file.endsWith(FAILURE_SUFFIX))) {
            return new Outcome(c.key(), Status.IGNORED, null, "written beside an upload by LeMon, not an upload");
        }
        String refusal = refusal(c);
        if (refusal != null) return refused(c, refusal);
        String storeKey = c.key().substring(prefix.length()); // uploads/<tenant>/<id>/<file>
        String tenant = storeKey.split("/")[1];
        String name = executionName(tenant, storeKey, c.versionId() != null ? c.versionId() : c.eTag());
        UploadOptions options;
        try {
            options = store == null
                    ? null
                    : store.get(UploadOptions.keyBeside(storeKey))
                            .map(UploadOptions::parse)
                            .orElse(null);
        } catch (IllegalArgumentException e) {
            return refused(c, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run options beside " + storeKey, e); // delivered again
        }
        Map<String, Object> input = new LinkedHashMap<>();
        // the run's functions see the tenant's store, where the upload is uploads/<id>/<file>
        input.put(
                "uploadKey",
                TenantBlobStore.UPLOADS
                        + storeKey.substring(UploadSlot.uploadsOf(tenant).length()));
        input.put("tenant", tenant);
        if (options != null) input.putAll(options.asInput());
        boolean started = executions.start(name, json(input));
        if (started && store != null) record(tenant, (String) input.get("uploadKey"), name);
        return new Outcome(
                c.key(),
                started ? Status.STARTED : Status.ALREADY_STARTED,
                name,
                started ? "started " + name : name + " was started before (a repeated notification)");
    }

    /** Keeps the execution's name in the tenant's folder, for the runs API (UploadExecution). */
    private void record(String tenant, String uploadKey, String name) {
        String key =
                UploadSlot.folderOf(tenant) + UploadExecution.keyFor(uploadKey).orElseThrow();
        try {
            store.put(key, new UploadExecution(name, java.time.Instant.now().toString()).toJson());
        } catch (IOException e) {
            // the run goes on; the runs API then reads its state from the store alone
            System.getLogger(RunStarter.class.getName())
                    .log(System.Logger.Level.WARNING, "cannot record execution " + name + " at " + key, e);
        }
    }

    /**
     * A refusal, recorded beside the upload when it is one (a tenant's upload that is empty, too big,
     * not a story or has bad options); an object elsewhere is only answered.
     */
    private Outcome refused(UploadEvents.Created c, String why) {
        String relative = c.key().startsWith(prefix) ? c.key().substring(prefix.length()) : "";
        String[] parts = relative.split("/", -1);
        boolean upload = store != null
                && bucket.equals(c.bucket())
                && parts.length == 4
                && (parts[0] + "/").equals(TenantBlobStore.UPLOADS)
                && UploadSlot.TENANT.matcher(parts[1]).matches()
                && !parts[2].isEmpty()
                && !parts[3].isEmpty();
        if (upload) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("upload", relative);
            record.put("error", "refused");
            record.put("cause", why);
            try {
                store.put(relative + FAILURE_SUFFIX, UploadEvents.JSON.writeValueAsBytes(record));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record why " + relative + " was refused", e);
            }
        }
        return new Outcome(c.key(), Status.REFUSED, null, why);
    }

    private String refusal(UploadEvents.Created c) {
        if (!bucket.equals(c.bucket()))
            return "the upload is in bucket '" + c.bucket() + "', not the store's '" + bucket + "'";
        String relative = c.key().startsWith(prefix) ? c.key().substring(prefix.length()) : null;
        String[] parts = relative == null ? new String[0] : relative.split("/", -1);
        // uploads/<tenant>/<id>/<file>
        boolean shaped = parts.length == 4
                && (parts[0] + "/").equals(TenantBlobStore.UPLOADS)
                && UploadSlot.TENANT.matcher(parts[1]).matches()
                && !parts[2].isEmpty()
                && !parts[3].isEmpty();
        if (!shaped)
            return "'" + c.key() + "' is not under " + prefix + TenantBlobStore.UPLOADS + "<tenant>/<id>/<file>";
        if (!UploadSlot.isStoryFile(parts[3])) return "'" + parts[3] + "' is not a story file (.txt or .md)";
        if (c.size() > maxBytes) return "the upload has " + c.size() + " bytes, over the cap of " + maxBytes;
        if (c.size() == 0) return "the upload is empty";
        return null;
    }

    /**
     * {@code <tenant>-<24 hex of SHA-256(key, version)>}: at most 65 characters of [a-z0-9-], within
     * Step Functions' 80 and its character set, the same for the same upload every time.
     */
    static String executionName(String tenant, String uploadKey, String version) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(uploadKey.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(String.valueOf(version).getBytes(StandardCharsets.UTF_8));
            return tenant + "-" + HexFormat.of().formatHex(d.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, Object> map) {
        try {
            return UploadEvents.JSON.writeValueAsString(map);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
