package lemon.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import lemon.port.BlobStore;
import lemon.port.StoreUnavailableException;
import lemon.port.TransientFailure;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The contract against an in-process S3Proxy (in-memory), one server per class, one bucket per test. */
class S3BlobStoreTest extends BlobStoreContract {
    static final String ACCESS = "test-access";
    static final String SECRET = "test-secret";
    static final AtomicInteger BUCKETS = new AtomicInteger();

    static S3Proxy proxy;
    static URI endpoint;
    static S3Client s3;

    @BeforeAll
    static void startProxy() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        s3 = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build();
    }

    @AfterAll
    static void stopProxy() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
    }

    static String newBucket() {
        String bucket = "lemon-test-" + BUCKETS.incrementAndGet();
        s3.createBucket(r -> r.bucket(bucket));
        return bucket;
    }

    @Override
    BlobStore newStore() {
        return new S3BlobStore(s3, newBucket(), "store/prefix");
    }

    @Test
    void keysLiveUnderThePrefix() throws IOException {
        String bucket = newBucket();
        BlobStore prefixed = new S3BlobStore(s3, bucket, "/lemon/");
        prefixed.put("runs/r1/a", bytes("a"));
        assertEquals("s3://" + bucket + "/lemon/", prefixed.describe());
        assertEquals(
                List.of("lemon/runs/r1/a"),
                s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream()
                        .map(o -> o.key())
                        .toList());
        assertEquals(List.of("runs/r1/a"), prefixed.list(""));
    }

    @Test
    void listFollowsPagination() throws IOException {
        String bucket = newBucket();
        BlobStore paged = new S3BlobStore(s3, bucket, "p", 2);
        for (int i = 0; i < 7; i++) {
            paged.put("runs/many/" + i, new byte[] {1});
        }
        assertTrue(s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(2)).isTruncated(), "server pages");
        List<String> keys = paged.list("runs/many/");
        assertEquals(
                List.of(
                        "runs/many/0",
                        "runs/many/1",
                        "runs/many/2",
                        "runs/many/3",
                        "runs/many/4",
                        "runs/many/5",
                        "runs/many/6"),
                keys);
    }

    /**
     * The first PUT lands but its answer is lost (turned into a 503 here), so the SDK sends it again
     * and the retry meets the object it created: still a win, and a later writer still loses.
     */
    @Test
    void aConditionalPutWhoseAnswerWasLostStillKnowsItWon() throws IOException {
        AtomicInteger puts = new AtomicInteger();
        ExecutionInterceptor loseFirstAnswer = new ExecutionInterceptor() {
            @Override
            public SdkHttpResponse modifyHttpResponse(
                    Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest && puts.incrementAndGet() == 1) {
                    return context.httpResponse().toBuilder().statusCode(503).build();
                }
                return context.httpResponse();
            }
        };
        try (S3Client flaky = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .overrideConfiguration(c -> c.addExecutionInterceptor(loseFirstAnswer))
                .build()) {
            BlobStore store = new S3BlobStore(flaky, newBucket(), "p");
            assertTrue(store.putIfAbsent("runs/r1/manifest.json", bytes("mine")));
            assertEquals(2, puts.get(), "the SDK sent the write again");
            assertFalse(store.putIfAbsent("runs/r1/manifest.json", bytes("theirs")));
            assertArrayEquals(bytes("mine"), store.get("runs/r1/manifest.json").orElseThrow());
        }
    }

    @Test
    void fromUriUsesTheConfiguredEndpoint() throws IOException {
        String bucket = newBucket();
        System.setProperty("aws.accessKeyId", ACCESS);
        System.setProperty("aws.secretAccessKey", SECRET);
        try {
            Map<String, String> settings = Map.of("LEMON_S3_ENDPOINT", endpoint.toString());
            BlobStore viaUri = BlobStores.fromUri("s3://" + bucket + "/p", settings::get);
            assertInstanceOf(S3BlobStore.class, viaUri);
            assertEquals("s3://" + bucket + "/p/", viaUri.describe());
            viaUri.put("runs/r/x", bytes("x"));
            assertArrayEquals(
                    bytes("x"), new S3BlobStore(s3, bucket, "p").get("runs/r/x").orElseThrow());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void anUploadOverTheCapIsRejectedFromItsFirstBytesAndDeleted() throws IOException {
        BlobStore store = newStore();
        byte[] threeMb = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(threeMb, (byte) 'a');
        store.put("uploads/big/story.txt", threeMb);
        lemon.run.RunStore runs = new lemon.run.RunStore(store);
        var result = new lemon.stage.ingest.IngestStage(
                        runs, new lemon.ingest.StoryIngest(), java.time.Clock.systemUTC())
                .ingest("big", "uploads/big/story.txt", lemon.run.RunOptions.defaults(), List.of("ingest"));
        assertEquals("rejected", result.status());
        assertEquals("story.txt is 3.0 MB, larger than the 2.0 MB cap (lemon.ingest.max-bytes)", result.message());
        assertEquals(List.of(), store.list(""), "nothing over the cap stays in the bucket");
    }

    @Test
    void aMissingBucketSaysSoAndHowToFixIt() {
        BlobStore noBucket = new S3BlobStore(s3, "no-such-bucket", "");
        StoreUnavailableException e =
                assertThrows(StoreUnavailableException.class, () -> noBucket.put("a", bytes("a")));
        assertEquals(
                "S3 bucket 'no-such-bucket' does not exist at " + endpoint
                        + "; create it (aws s3 mb s3://no-such-bucket) or fix --store / lemon.store",
                e.getMessage());
        assertInstanceOf(StoreUnavailableException.class, assertThrows(IOException.class, () -> noBucket.get("a")));
    }

    @Test
    void anEndpointThatIsDownSaysSo() throws IOException {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort(); // free now, and nothing listens once it is closed
        }
        try (S3Client down = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + closed))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build()) {
            var e = assertThrows(
                    StoreUnavailableException.class, () -> new S3BlobStore(down, "b", "").put("a", bytes("a")));
            assertEquals(
                    "cannot reach S3 at http://127.0.0.1:" + closed
                            + " (connection refused); start the server or fix LEMON_S3_ENDPOINT",
                    e.getMessage());
        }
    }

    @Test
    void missingOrWrongCredentialsSaySo() {
        // the SDK's own chain, finding nothing: a profile that is not there
        try (S3Client anonymous = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        AwsCredentialsProviderChain.of(ProfileCredentialsProvider.create("lemon-test-no-such-profile")))
                .build()) {
            var e = assertThrows(
                    StoreUnavailableException.class,
                    () -> new S3BlobStore(anonymous, newBucket(), "").put("a", bytes("a")));
            assertTrue(e.getMessage().startsWith("no AWS credentials for s3://"), e.getMessage());
        }
        try (S3Client wrong = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("nobody", "wrong")))
                .build()) {
            // a read: S3Proxy refuses a bad signature before it reads a body, so a put can fail mid-upload
            // ("Error writing request body") before the answer is seen, depending on timing
            var e = assertThrows(
                    StoreUnavailableException.class, () -> new S3BlobStore(wrong, newBucket(), "").get("a"));
            assertTrue(e.getMessage().contains("refused the AWS credentials"), e.getMessage());
        }
    }

    /** An S3 endpoint that answers every request with {@code status} and an S3 error document. */
    static HttpServer failingServer(int status, String code, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                            + "</Message></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    static S3Client clientWithoutRetries(HttpServer server) {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build();
    }

    @Test
    void aBusyServerIsATransientFailure() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = failingServer(503, "SlowDown", requests);
        try (S3Client client = clientWithoutRetries(server)) {
            BlobStore store = new S3BlobStore(client, "b", "");
            TransientFailure put = assertThrows(TransientFailure.class, () -> store.put("runs/r/a", bytes("a")));
            assertTrue(put.getMessage().contains("s3://b/runs/r/a"), put.getMessage());
            assertThrows(TransientFailure.class, () -> store.get("runs/r/a"));
            assertThrows(TransientFailure.class, () -> store.exists("runs/r/a"));
            assertEquals(3, requests.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusalIsNotTransient() throws IOException {
        HttpServer server = failingServer(403, "AccessDenied", new AtomicInteger());
        try (S3Client client = clientWithoutRetries(server)) {
            IOException e = assertThrows(IOException.class, () -> new S3BlobStore(client, "b", "").get("k"));
            assertTrue(e.getMessage().contains("s3://b/k"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void classification() {
        assertTrue(S3BlobStore.isTransient(
                (SdkException) S3Exception.builder().statusCode(500).build()));
        assertTrue(S3BlobStore.isTransient(
                (SdkException) S3Exception.builder().statusCode(429).build()));
        assertTrue(S3BlobStore.isTransient(ApiCallTimeoutException.create(1000)));
        assertTrue(S3BlobStore.isTransient(SdkClientException.create("read", new SocketTimeoutException("slow"))));
        assertFalse(S3BlobStore.isTransient(
                (SdkException) S3Exception.builder().statusCode(404).build()));
        assertFalse(S3BlobStore.isTransient(SdkClientException.create("no credentials")));
    }
}
