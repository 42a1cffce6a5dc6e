package lemon.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import lemon.port.BlobStore;

/**
 * Builds a {@link BlobStore} from a location string:
 * <ul>
 *   <li>{@code file:./lemon-runs}, {@code file:///abs/dir} or a plain path → {@link FileBlobStore};</li>
 *   <li>{@code s3://bucket} or {@code s3://bucket/prefix} → {@link S3BlobStore}. Settings, each read
 *       from a system property first, then the environment variable of the same name:
 *       {@code LEMON_S3_ENDPOINT} (optional; an S3-compatible server such as MinIO or S3Proxy, which
 *       also switches to path-style addressing), {@code LEMON_S3_REGION}, else {@code AWS_REGION},
 *       else us-east-1. Credentials: the default AWS chain.</li>
 * </ul>
 */
public final class BlobStores {
    private BlobStores() {}

    /** The bucket, prefix, endpoint and region of an {@code s3://} location; empty for any other store. */
    public static Optional<PresignedPost.Bucket> s3Bucket(String location) {
        return s3Bucket(location, BlobStores::setting);
    }

    static Optional<PresignedPost.Bucket> s3Bucket(String location, Function<String, String> settings) {
        if (location == null || !location.startsWith("s3://")) {
            return Optional.empty();
        }
        URI uri = URI.create(location);
        String bucket = uri.getHost();
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("No bucket in '" + location + "' (expected s3://bucket/prefix)");
        }
        String endpoint = settings.apply("LEMON_S3_ENDPOINT");
        String region = settings.apply("LEMON_S3_REGION");
        if (region == null) {
            region = settings.apply("AWS_REGION");
        }
        return Optional.of(new PresignedPost.Bucket(
                endpoint == null ? null : URI.create(endpoint),
                region == null ? "us-east-1" : region,
                bucket,
                uri.getPath()));
    }

    public static BlobStore fromUri(String location) {
        return fromUri(location, BlobStores::setting);
    }

    static BlobStore fromUri(String location, Function<String, String> settings) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("Blob store location is empty");
        }
        Optional<PresignedPost.Bucket> s3 = s3Bucket(location, settings);
        if (s3.isPresent()) {
            PresignedPost.Bucket b = s3.get();
            return S3BlobStore.create(b.endpoint(), b.region(), b.name(), b.prefix(), b.endpoint() != null);
        }
        if (location.startsWith("file://")) {
            return new FileBlobStore(Path.of(URI.create(location)));
        }
        if (location.startsWith("file:")) {
            return new FileBlobStore(Path.of(location.substring("file:".length())));
        }
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("Unsupported blob store location '" + location
                    + "' (use a path, file:<path> or s3://bucket/prefix)");
        }
        return new FileBlobStore(Path.of(location));
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
