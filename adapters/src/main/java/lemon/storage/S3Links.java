package lemon.storage;

import java.time.Duration;
import lemon.upload.DeployedRuns;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Signed GET links to the store's objects, so a page shows a run's pictures and downloads its files
 * straight from S3 (an {@code <img>} cannot send the caller's token; a Lambda answer is capped at 6 MB).
 * Signing is local: no request is made until the link is followed.
 */
public final class S3Links implements DeployedRuns.Links {
    /** Long enough to look through a run's results; short enough that a shared link soon stops working. */
    public static final Duration TTL = Duration.ofMinutes(15);

    private final S3Presigner presigner;
    private final PresignedPost.Bucket bucket;
    private final Duration ttl;

    public S3Links(PresignedPost.Bucket bucket, AwsCredentialsProvider credentials, Duration ttl) {
        var b = S3Presigner.builder()
                .region(Region.of(bucket.region()))
                .credentialsProvider(credentials)
                // an S3-compatible server (tests, MinIO) is addressed by path, as the store addresses it
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(bucket.endpoint() != null)
                        .build());
        if (bucket.endpoint() != null) b.endpointOverride(bucket.endpoint());
        this.presigner = b.build();
        this.bucket = bucket;
        this.ttl = ttl;
    }

    @Override
    public String link(String storeKey) {
        String key = lemon.port.PrefixedBlobStore.folder(bucket.prefix()) + storeKey;
        return presigner
                .presignGetObject(r -> r.signatureDuration(ttl)
                        .getObjectRequest(g -> g.bucket(bucket.name()).key(key)))
                .url()
                .toString();
    }
}
