package lemon.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects an S3 event notification (the body of an SQS message) says were created. S3 sends
 * keys URL-encoded with '+' for a space; a bucket's first notification is an {@code s3:TestEvent}
 * with no records, which names no upload.
 */
public final class UploadEvents {
    /** One created object: its bucket, decoded key, size, ETag and version (null when unversioned). */
    public record Created(String bucket, String key, long size, String eTag, String versionId) {}

    /** Compact JSON for the notifications read and the execution inputs written (RunStarter). */
    static final ObjectMapper JSON = new ObjectMapper();

    private UploadEvents() {}

    public static List<Created> parse(String messageBody) {
        JsonNode root;
        try {
            root = JSON.readTree(messageBody);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an S3 event notification (not JSON): " + e.getMessage(), e);
        }
        List<Created> created = new ArrayList<>();
        if (root == null || !root.has("Records")) return created; // s3:TestEvent and the like
        for (JsonNode r : root.get("Records")) {
            if (!r.path("eventName").asText().startsWith("ObjectCreated:")) continue;
            JsonNode s3 = r.path("s3");
            String key = s3.path("object").path("key").asText(null);
            String bucket = s3.path("bucket").path("name").asText(null);
            if (key == null || bucket == null) {
                throw new IllegalArgumentException("an S3 record without bucket or key: " + r);
            }
            created.add(new Created(
                    bucket,
                    URLDecoder.decode(key, StandardCharsets.UTF_8),
                    s3.path("object").path("size").asLong(-1),
                    s3.path("object").path("eTag").asText(null),
                    s3.path("object").path("versionId").asText(null)));
        }
        return created;
    }
}
