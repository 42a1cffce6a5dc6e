package lemon.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import lemon.upload.UploadSlot;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Upload forms for the configured store: one slot per request under the tenant's uploads, signed
 * with the function's own credentials (its role's on AWS). Only an S3 store can take a browser's
 * upload; any other store is refused with how to configure one.
 */
public final class UploadForms {
    /** What the page or client needs: post {@code fields} then the file to {@code url} before {@code expires}. */
    public record Form(String url, Map<String, String> fields, Instant expires, String key, long maxBytes) {}

    public static final Duration VALID_FOR = Duration.ofMinutes(15);

    private final String store;
    private final long maxBytes;
    private final Supplier<AwsCredentials> credentials;
    private final Clock clock;

    public UploadForms(String store, long maxBytes) {
        this(
                store,
                maxBytes,
                () -> DefaultCredentialsProvider.builder().build().resolveCredentials(),
                Clock.systemUTC());
    }

    UploadForms(String store, long maxBytes, Supplier<AwsCredentials> credentials, Clock clock) {
        this.store = store;
        this.maxBytes = maxBytes;
        this.credentials = credentials;
        this.clock = clock;
    }

    public Form open(String tenant, String fileName) {
        UploadSlot slot = UploadSlot.open(tenant, fileName, maxBytes); // the request's own faults first
        PresignedPost.Bucket bucket = BlobStores.s3Bucket(store)
                .orElseThrow(() -> new IllegalArgumentException("upload forms need an S3 store, and the store is '"
                        + store + "'; set lemon.store (LEMON_STORE) to s3://bucket/prefix"));
        PresignedPost post = PresignedPost.sign(bucket, slot, VALID_FOR, credentials.get(), clock.instant());
        return new Form(post.url().toString(), post.fields(), post.expires(), slot.key(), maxBytes);
    }
}
