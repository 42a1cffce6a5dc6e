package lemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import lemon.functions.LocalRun;
import lemon.run.RunStore;
import lemon.stage.analyze.AnalyzeStage;
import lemon.storage.BlobStores;
import lemon.story.StoryCharacter;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The whole workflow with every artefact in S3: an S3-protocol server runs in this JVM (no Docker). */
class S3WorkflowTest {
    private static final String ACCESS = "e2e-access";
    private static final String SECRET = "e2e-secret";
    private static S3Proxy proxy;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        try (S3Client s3 = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build()) {
            s3.createBucket(b -> b.bucket("lemon-e2e"));
        }
        System.setProperty("LEMON_S3_ENDPOINT", endpoint.toString());
        System.setProperty("aws.accessKeyId", ACCESS);
        System.setProperty("aws.secretAccessKey", SECRET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        System.clearProperty("LEMON_S3_ENDPOINT");
        proxy.stop();
    }

    @Test
    void aTaleRunsWithAllArtefactsInS3() throws Exception {
        String store = "s3://lemon-e2e/runs";
        RunStore runs = new RunStore(BlobStores.fromUri(store));
        runs.blobs().put("uploads/rapunzel.txt", Fixtures.tale("rapunzel"));
        LocalRun.Outcome o = LocalRun.start(
                Fixtures.functions(Fixtures.settings(store)),
                "uploads/rapunzel.txt",
                new lemon.run.RunOptions(12, 3, 1),
                "s3run",
                new PrintStream(OutputStream.nullOutputStream()));
        assertTrue(o.succeeded(), o.toString());
        List<String> keys = runs.blobs().list("s3run/");
        for (String f : List.of(
                "manifest.json",
                "story.txt",
                "characters.json",
                "scenes.json",
                "graph.json",
                "graph.svg",
                "matches.json",
                "descriptions.json",
                "portraits.json",
                "report.html")) {
            assertTrue(keys.contains("s3run/" + f), f + " in " + keys);
        }
        List<StoryCharacter> cs = runs.require("s3run", AnalyzeStage.CHARACTERS, new TypeReference<>() {});
        assertTrue(cs.stream().anyMatch(c -> c.name().equals("Rapunzel")), cs.toString());
        assertEquals(
                12,
                runs.require("s3run", AnalyzeStage.SCENES, new TypeReference<List<Object>>() {})
                        .size());
        assertEquals("s3://lemon-e2e/runs/", runs.blobs().describe());
    }
}
