package lemon.storage;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import lemon.upload.UploadSlot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

public class PresignedPostTest {
    static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

    @BeforeAll
    static void start() throws Exception {
        S3BlobStoreTest.startProxy();
    }

    @AfterAll
    static void stop() throws Exception {
        S3BlobStoreTest.stopProxy();
    }

    /**
     * The signature of a policy as botocore (the AWS SDK for Python) computed it for the same
     * credentials, day and region: {@code S3SigV4PostAuth(Credentials('AKIDEXAMPLE', secret), 's3',
     * 'eu-west-1')} over {@code {"expiration": "2026-12-02T19:00:00Z", "conditions": [{"bucket": "b"}]}}.
     */
    @Test
    void theSignatureIsBotocoresForTheSamePolicy() {
        String policy = "eyJleHBpcmF0aW9uIjogIjIwMjYtMTItMDJUMTk6MDA6MDBaIiwgImNvbmRpdGlvbnMiOiBbeyJidWNrZXQiOiAiYiJ9LC"
                + "B7IngtYW16LWFsZ29yaXRobSI6ICJBV1M0LUhNQUMtU0hBMjU2In0sIHsieC1hbXotY3JlZGVudGlhbCI6ICJBS0lERVhBTVBMRS8y"
                + "MDI2MTIwMi9ldS13ZXN0LTEvczMvYXdzNF9yZXF1ZXN0In0sIHsieC1hbXotZGF0ZSI6ICIyMDI2MTIwMlQxNzU5NDdaIn1dfQ==";
        assertEquals(
                "814a9a7ffbc1c43c5263357d7a8d27a033c1f060f4df50fa0110db348d089950",
                PresignedPost.signature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20261202", "eu-west-1", policy));
    }

    @Test
    void thePolicyPinsBucketKeyTypeSizeAndExpiry() throws Exception {
        UploadSlot slot = UploadSlot.open("acme", "tale.md", 4096);
        PresignedPost post = PresignedPost.sign(
                new PresignedPost.Bucket(null, "eu-west-1", "stories", ""),
                slot,
                Duration.ofMinutes(15),
                AwsSessionCredentials.create("AKID", "secret", "token-1"),
                NOW);
        assertEquals(URI.create("https://stories.s3.eu-west-1.amazonaws.com/"), post.url());
        assertEquals(Instant.parse("2026-12-02T18:15:00Z"), post.expires());
        assertEquals(slot.key(), post.fields().get("key"));
        assertEquals("text/markdown", post.fields().get("Content-Type"));
        assertEquals("AKID/20261202/eu-west-1/s3/aws4_request", post.fields().get("x-amz-credential"));
        assertEquals(
                "token-1", post.fields().get("x-amz-security-token"), "a role's session token is part of the form");
        JsonNode policy = new ObjectMapper()
                .readTree(Base64.getDecoder().decode(post.fields().get("policy")));
        assertEquals("2026-12-02T18:15:00Z", policy.get("expiration").asText());
        String conditions = policy.get("conditions").toString();
        for (String expected : new String[] {
            "{\"bucket\":\"stories\"}",
            "[\"content-length-range\",1,4096]",
            "{\"key\":\"" + slot.key() + "\"}",
            "{\"Content-Type\":\"text/markdown\"}",
            "{\"x-amz-security-token\":\"token-1\"}"
        }) assertTrue(conditions.contains(expected), expected + " in " + conditions);
        assertThrows(
                IllegalArgumentException.class,
                () -> PresignedPost.sign(
                        new PresignedPost.Bucket(null, "eu-west-1", "stories", ""),
                        slot,
                        Duration.ofDays(8),
                        AwsBasicCredentials.create("a", "b"),
                        NOW));
    }

    @Test
    void aBrowserFormPostedWithTheFieldsIsStoredAndAWrongSecretIsRefused() throws Exception {
        String bucket = S3BlobStoreTest.newBucket();
        UploadSlot slot = UploadSlot.open("acme", "story.txt", 1000);
        var where = new PresignedPost.Bucket(S3BlobStoreTest.endpoint, "us-east-1", bucket, "/runs/");
        byte[] story = "Once upon a time a tailor killed seven flies at one blow.".getBytes(StandardCharsets.UTF_8);

        PresignedPost good = PresignedPost.sign(
                where,
                slot,
                Duration.ofMinutes(5),
                AwsBasicCredentials.create(S3BlobStoreTest.ACCESS, S3BlobStoreTest.SECRET),
                Instant.now());
        assertEquals(204, post(good, story).statusCode());
        S3BlobStore store = new S3BlobStore(S3BlobStoreTest.s3, bucket, "runs"); // the key is the store's
        assertArrayEquals(story, store.get(slot.key()).orElseThrow());

        UploadSlot other = UploadSlot.open("acme", "story.txt", 1000);
        PresignedPost forged = PresignedPost.sign(
                where,
                other,
                Duration.ofMinutes(5),
                AwsBasicCredentials.create(S3BlobStoreTest.ACCESS, "not-the-secret"),
                Instant.now());
        assertEquals(403, post(forged, story).statusCode());
        assertTrue(store.get(other.key()).isEmpty(), "nothing stored for a forged form");
    }

    @Test
    void theStoresUploadFormLandsTheStoryWhereTheStoreReadsIt() throws Exception {
        String bucket = S3BlobStoreTest.newBucket();
        String store = "s3://" + bucket + "/runs";
        System.setProperty("LEMON_S3_ENDPOINT", S3BlobStoreTest.endpoint.toString());
        try {
            UploadForms forms = new UploadForms(
                    store,
                    100,
                    () -> AwsBasicCredentials.create(S3BlobStoreTest.ACCESS, S3BlobStoreTest.SECRET),
                    java.time.Clock.systemUTC());
            UploadForms.Form form = forms.open("acme", "tale.md");
            assertTrue(form.key().startsWith("uploads/acme/"), form.key());
            byte[] story = "# A tale\n\nThe goose girl spoke to the horse's head.".getBytes(StandardCharsets.UTF_8);
            PresignedPost post = new PresignedPost(URI.create(form.url()), form.fields(), form.expires());
            assertEquals(204, post(post, story).statusCode());
            assertArrayEquals(
                    story,
                    new S3BlobStore(S3BlobStoreTest.s3, bucket, "runs")
                            .get(form.key())
                            .orElseThrow());
        } finally {
            System.clearProperty("LEMON_S3_ENDPOINT");
        }
    }

    /** What a browser sends: multipart/form-data with the fields first and the file last. */
    static HttpResponse<String> post(PresignedPost form, byte[] file) throws Exception {
        return lemon.testing.aws.FormPost.post(form.url(), form.fields(), file);
    }
}
