package lemon.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import lemon.upload.UploadSlot;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * A browser form that uploads one story straight to S3 (POST Object with a Signature Version 4
 * policy): the URL to post to and the fields to send before the file. The policy pins the bucket,
 * the key, the content type and a size of 1 byte to the slot's cap, and it expires; S3 refuses
 * anything else. The AWS SDK for Java 2 presigns GET and PUT but not POST, hence this class; a
 * POST is what lets S3 itself enforce the size range, which a presigned PUT cannot.
 */
public record PresignedPost(URI url, Map<String, String> fields, Instant expires) {
    /**
     * Where the store is: {@code endpoint} null for AWS itself, else an S3-compatible server (path
     * style); {@code prefix} is the store's folder in the bucket, "" or ending in '/'.
     */
    public record Bucket(URI endpoint, String region, String name, String prefix) {
        public Bucket {
            prefix = lemon.port.PrefixedBlobStore.folder(prefix);
        }
    }

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    public PresignedPost {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The form for {@code slot} (a key relative to the store) in {@code bucket}, valid for {@code ttl} from {@code now}. */
    public static PresignedPost sign(
            Bucket bucket, UploadSlot slot, Duration ttl, AwsCredentials credentials, Instant now) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException(
                    "an upload form is valid for more than 0 s and at most 7 days, not " + ttl);
        }
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        String credential = credentials.accessKeyId() + "/" + day + "/" + bucket.region() + "/s3/aws4_request";
        Instant expires = now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", bucket.prefix() + slot.key());
        fields.put("Content-Type", slot.contentType());
        fields.put("x-amz-algorithm", ALGORITHM);
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        if (credentials instanceof AwsSessionCredentials session) {
            fields.put("x-amz-security-token", session.sessionToken());
        }

        List<Object> conditions = new ArrayList<>();
        conditions.add(Map.of("bucket", bucket.name()));
        conditions.add(List.of("content-length-range", 1, slot.maxBytes()));
        fields.forEach((name, value) -> conditions.add(Map.of(name, value)));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("expiration", DateTimeFormatter.ISO_INSTANT.format(expires));
        policy.put("conditions", conditions);
        String encoded;
        try {
            encoded = Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(policy));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        fields.put("policy", encoded);
        fields.put("x-amz-signature", signature(credentials.secretAccessKey(), day, bucket.region(), encoded));
        return new PresignedPost(url(bucket), fields, expires);
    }

    /** SigV4 for a POST policy: the signing key of (day, region, s3) applied to the base64 policy itself. */
    static String signature(String secret, String day, String region, String base64Policy) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, base64Policy));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static URI url(Bucket bucket) {
        if (bucket.endpoint() == null) {
            return URI.create("https://" + bucket.name() + ".s3." + bucket.region() + ".amazonaws.com/");
        }
        String base = bucket.endpoint().toString().replaceAll("/+$", "");
        return URI.create(base + "/" + bucket.name());
    }
}
