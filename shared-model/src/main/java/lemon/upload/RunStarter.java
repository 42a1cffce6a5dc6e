package lemon.upload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the uploads an S3 notification announces into workflow executions. Each upload gets an
 * execution name made from its key and its version (or ETag), so a message delivered twice, or
 * two messages for one upload, start one run; a new upload to the same key starts another. An
 * object outside the store's {@code tenants/<tenant>/uploads/}, in another bucket or over the cap
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
        REFUSED
    }

    private final String bucket;
    private final String prefix; // the store's folder in the bucket: "" or ending in '/'
    private final long maxBytes;
    private final Executions executions;

    public RunStarter(String bucket, String prefix, long maxBytes, Executions executions) {
        this.bucket = bucket;
        this.prefix = lemon.port.PrefixedBlobStore.folder(prefix);
        this.maxBytes = maxBytes;
        this.executions = executions;
    }

    /** Every upload of one notification, in order. */
    public List<Outcome> handle(String messageBody) {
        List<Outcome> outcomes = new ArrayList<>();
        for (UploadEvents.Created c : UploadEvents.parse(messageBody)) outcomes.add(start(c));
        return outcomes;
    }

    Outcome start(UploadEvents.Created c) {
        String refusal = refusal(c);
        if (refusal != null) return new Outcome(c.key(), Status.REFUSED, null, refusal);
        String storeKey = c.key().substring(prefix.length()); // tenants/<tenant>/uploads/<id>/<file>
        String tenant = storeKey.split("/")[1];
        String name = executionName(tenant, storeKey, c.versionId() != null ? c.versionId() : c.eTag());
        Map<String, Object> input = new LinkedHashMap<>();
        // the run's functions work in the tenant's folder, where the upload is uploads/<id>/<file>
        input.put("uploadKey", storeKey.substring(UploadSlot.folderOf(tenant).length()));
        input.put("tenant", tenant);
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
        // tenants/<tenant>/uploads/<id>/<file>
        boolean shaped = parts.length == 5
                && (parts[0] + "/").equals(UploadSlot.TENANTS)
                && UploadSlot.TENANT.matcher(parts[1]).matches()
                && parts[2].equals("uploads")
                && !parts[3].isEmpty()
                && !parts[4].isEmpty();
        if (!shaped)
            return "'" + c.key() + "' is not under " + prefix + UploadSlot.TENANTS + "<tenant>/uploads/<id>/<file>";
        if (!UploadSlot.isStoryFile(parts[4])) return "'" + parts[4] + "' is not a story file (.txt or .md)";
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
