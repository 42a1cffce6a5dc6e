package lemon.upload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
    private final Function<String, Optional<byte[]>> read;

    /** For uploads without options: every run takes the defaults. */
    public RunStarter(String bucket, String prefix, long maxBytes, Executions executions) {
        this(bucket, prefix, maxBytes, executions, key -> Optional.empty());
    }

    /**
     * @param read an object of the store by its key under the prefix (empty when there is none):
     *     where the uploader's {@link UploadOptions} are looked for
     */
    public RunStarter(
            String bucket,
            String prefix,
            long maxBytes,
            Executions executions,
            Function<String, Optional<byte[]>> read) {
        this.bucket = bucket;
        this.prefix = lemon.port.PrefixedBlobStore.folder(prefix);
        this.maxBytes = maxBytes;
        this.executions = executions;
        this.read = read;
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
        if (refusal != null) return new Outcome(c.key(), Status.REFUSED, null, refusal);
        String storeKey = c.key().substring(prefix.length()); // uploads/<tenant>/<id>/<file>
        String tenant = storeKey.split("/")[1];
        String name = executionName(tenant, storeKey, c.versionId() != null ? c.versionId() : c.eTag());
        UploadOptions options;
        try {
            options = read.apply(UploadOptions.keyBeside(storeKey))
                    .map(UploadOptions::parse)
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            return new Outcome(c.key(), Status.REFUSED, null, e.getMessage());
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
        return new Outcome(
                c.key(),
                started ? Status.STARTED : Status.ALREADY_STARTED,
                name,
                started ? "started " + name : name + " was started before (a repeated notification)");
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
