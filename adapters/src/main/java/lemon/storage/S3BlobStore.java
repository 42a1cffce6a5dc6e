package lemon.storage;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import lemon.port.BlobKeys;
import lemon.port.BlobStore;
import lemon.port.StoreUnavailableException;
import lemon.port.TransientFailure;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link BlobStore} on an S3 bucket (or any S3-protocol server), keys under an optional prefix.
 * A single PutObject is atomic in S3: readers see the old object or the new one. SDK failures are
 * rethrown as IOException naming the location, as the port promises, except the transient ones
 * (throttling, 5xx, timeouts) that are still there after the SDK's own quick retries: those are a
 * {@link TransientFailure}, which the workflow retries later with back-off.
 */
public final class S3BlobStore implements BlobStore {
    /** User metadata (x-amz-meta-lemon-put) naming the conditional put that created an object. */
    static final String PUT_TOKEN = "lemon-put";

    /** Tries of a conditional put that S3 answers with 409 ConditionalRequestConflict. */
    private static final int CONFLICT_ATTEMPTS = 5;

    private final S3Client s3;
    private final String bucket;
    private final String prefix; // "" or ending in '/'
    private final int pageSize;

    public S3BlobStore(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, 1000);
    }

    /** {@code pageSize}: keys per ListObjectsV2 page; small values let tests exercise pagination. */
    S3BlobStore(S3Client s3, String bucket, String prefix, int pageSize) {
        this.s3 = Objects.requireNonNull(s3);
        this.pageSize = pageSize;
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("S3 bucket name is empty");
        }
        this.bucket = bucket;
        String folder = lemon.port.PrefixedBlobStore.folder(prefix);
        this.prefix = folder.isEmpty() ? "" : BlobKeys.check(folder.substring(0, folder.length() - 1)) + "/";
    }

    /**
     * A store with its own client on the JDK HTTP stack. {@code endpoint} null means AWS itself;
     * otherwise an S3-compatible server, for which checksums are only sent where required because
     * several such servers mishandle the SDK's default trailing checksums. Credentials come from the
     * default AWS chain (environment, system properties, profile, container/instance role).
     */
    public static S3BlobStore create(URI endpoint, String region, String bucket, String prefix, boolean pathStyle) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .forcePathStyle(pathStyle);
        if (endpoint != null) {
            builder.endpointOverride(endpoint).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
        }
        return new S3BlobStore(builder.build(), bucket, prefix);
    }

    private String objectKey(String key) {
        return prefix + BlobKeys.check(key);
    }

    /**
     * The IOException to throw: a {@link StoreUnavailableException} saying how to fix it when the
     * store as a whole cannot be used; a transient fault is thrown from here instead, as a
     * TransientFailure.
     */
    private IOException failure(String what, String key, SdkException e) {
        String unusable = unusable(e, key);
        if (unusable != null) {
            return new StoreUnavailableException(unusable, e);
        }
        String message = what + " " + describe() + key + " failed: " + e.getMessage();
        if (isTransient(e)) {
            throw new TransientFailure(message, e);
        }
        return new IOException(message, e);
    }

    /** What is wrong with the store itself and how to fix it, or null when the fault is not that. */
    String unusable(SdkException e, String key) {
        String endpoint = s3.serviceClientConfiguration()
                .endpointOverride()
                .map(URI::toString)
                .orElse("AWS S3");
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = String.valueOf(service.awsErrorDetails().errorCode());
            switch (code) {
                case "NoSuchBucket":
                    return "S3 bucket '" + bucket + "' does not exist at " + endpoint + "; create it (aws s3 mb s3://"
                            + bucket + ") or fix --store / lemon.store";
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken":
                    return "S3 at " + endpoint + " refused the AWS credentials (" + code
                            + "); check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)";
                case "AccessDenied", "AllAccessDisabled":
                    return "access to " + describe() + key + " denied (" + code + "); the AWS credentials need"
                            + " s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket on it";
                default:
                    return null;
            }
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials")) {
            return "no AWS credentials for " + describe() + "; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                    + " or AWS_PROFILE, or run where an IAM role provides them";
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException) {
                return "cannot reach S3 at " + endpoint + " (connection refused); start the server or fix"
                        + " LEMON_S3_ENDPOINT";
            }
            if (c instanceof UnknownHostException) {
                return "cannot reach S3 at " + endpoint + " (unknown host " + c.getMessage()
                        + "); check the network, LEMON_S3_ENDPOINT or the bucket name";
            }
        }
        return null;
    }

    /** Throttling (429, SlowDown), any 5xx, and call timeouts; not 4xx such as AccessDenied. */
    static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() == 429 || service.statusCode() >= 500;
        }
        return e instanceof ApiCallTimeoutException
                || e instanceof ApiCallAttemptTimeoutException
                || TransientFailure.causedByTimeout(e);
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        String k = objectKey(key);
        try {
            // typed by name, so a signed link to a picture or a page opens as one in a browser
            s3.putObject(
                    r -> r.bucket(bucket).key(k).contentType(lemon.run.RunViews.contentType(key)),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    /**
     * A conditional PutObject ({@code If-None-Match: *}): S3 itself refuses the write with 412 when
     * the key exists, so exactly one of racing writers wins. A 409 means another conditional write
     * of the key was in flight; S3 asks for a retry, which then meets that write's object. Each call
     * tags its object with a token of its own, because a 412 can also answer the SDK's retry of this
     * very write whose first response was lost: then the object carries our token and we won.
     */
    @Override
    public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
        String k = objectKey(key);
        String token = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(
                        r -> r.bucket(bucket)
                                .key(k)
                                .contentType(lemon.run.RunViews.contentType(key))
                                .ifNoneMatch("*")
                                .metadata(Map.of(PUT_TOKEN, token)),
                        RequestBody.fromBytes(bytes));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    return token.equals(storedToken(key, k));
                }
                if (e.statusCode() != 409 || attempt == CONFLICT_ATTEMPTS) {
                    throw failure("conditional put", key, e);
                }
                pause(20L * attempt);
            } catch (SdkException e) {
                throw failure("conditional put", key, e);
            }
        }
    }

    /** The token of the conditional put that created the object; null when another writer made it. */
    private String storedToken(String key, String k) throws IOException {
        try {
            return s3.headObject(r -> r.bucket(bucket).key(k)).metadata().get(PUT_TOKEN);
        } catch (SdkException e) {
            throw failure("head", key, e);
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while retrying a conditional put");
        }
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        String k = objectKey(key);
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(k)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("get", key, e);
        }
    }

    /**
     * One ranged GET of the first {@code maxBytes + 1} bytes: an object over the cap costs that much
     * transfer at most, and its full size comes from the Content-Range header. A server that ignores
     * the range is read just as far, then the connection is aborted rather than drained.
     */
    @Override
    public Optional<Capped> getCapped(String key, long maxBytes) throws IOException {
        String k = objectKey(key);
        try (ResponseInputStream<GetObjectResponse> in =
                s3.getObject(r -> r.bucket(bucket).key(k).range("bytes=0-" + maxBytes))) {
            long size = fullSize(in.response());
            if (size > maxBytes) {
                in.abort();
                return Optional.of(Capped.over(size));
            }
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                in.abort();
                return Optional.of(Capped.over(Math.max(size, bytes.length)));
            }
            return Optional.of(new Capped(bytes.length, bytes));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 416) { // no byte 0 to start the range at: the object is empty
                return Optional.of(new Capped(0, new byte[0]));
            }
            throw failure("get", key, e);
        } catch (SdkException e) {
            throw failure("get", key, e);
        }
    }

    /** From "bytes 0-2097152/524288000", else the length of the whole body sent; -1 if unknown. */
    static long fullSize(GetObjectResponse r) {
        String range = r.contentRange();
        if (range != null && range.lastIndexOf('/') >= 0) {
            String total = range.substring(range.lastIndexOf('/') + 1).strip();
            if (total.matches("\\d+")) {
                return Long.parseLong(total);
            }
        }
        return range == null && r.contentLength() != null ? r.contentLength() : -1;
    }

    @Override
    public boolean exists(String key) throws IOException {
        String k = objectKey(key);
        try {
            s3.headObject(r -> r.bucket(bucket).key(k));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // HEAD responses have no body, so not always NoSuchKey
                return false;
            }
            throw failure("head", key, e);
        } catch (SdkException e) {
            throw failure("head", key, e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        String p = prefix + BlobKeys.checkPrefix(keyPrefix);
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(p).maxKeys(pageSize)).contents().stream()
                    .map(S3Object::key)
                    .map(k -> k.substring(prefix.length()))
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw failure("list", keyPrefix, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String k = objectKey(key);
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(k));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }
}
