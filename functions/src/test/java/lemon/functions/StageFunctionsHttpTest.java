package lemon.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The stage functions under Quarkus, called over Funqy's HTTP binding with config from application.properties. */
@QuarkusTest
class StageFunctionsHttpTest {
    @Inject
    PipelineProvider provider;

    @Test
    void stagesRunOneAfterAnotherOverHttp() throws Exception {
        Path shared = Path.of(System.getProperty("lemon.shared.dir"));
        String runId = "http-" + System.nanoTime(); // the test store outlives a test run
        provider.get()
                .runs()
                .blobs()
                .put("uploads/briar-rose.txt", Files.readAllBytes(shared.resolve("data/tales/briar-rose.txt")));
        given().contentType("application/json")
                .body("{\"uploadKey\": \"uploads/briar-rose.txt\", \"runId\": \"" + runId
                        + "\", \"scenes\": 8, \"portraits\": 1}")
                .post("/ingest")
                .then()
                .statusCode(200)
                .body("status", equalTo("done"))
                .body("runId", equalTo(runId));
        for (String stage : new String[] {
            "analyze-story", "match-characters", "describe-characters", "generate-portraits", "publish"
        }) {
            given().contentType("application/json")
                    .body("{\"runId\": \"" + runId + "\"}")
                    .post("/" + stage)
                    .then()
                    .statusCode(200)
                    .body("stage", equalTo(stage))
                    .body("status", equalTo("done"));
        }
        given().contentType("application/json")
                .body("{\"runId\": \"" + runId + "\"}")
                .post("/publish")
                .then()
                .statusCode(200)
                .body("status", equalTo("reused"));
        assertTrue(provider.get().runs().exists(runId));
    }

    @Test
    void aRejectedUploadSaysWhy() throws Exception {
        provider.get().runs().blobs().put("uploads/tiny.txt", "Too short.".getBytes());
        given().contentType("application/json")
                .body("{\"uploadKey\": \"uploads/tiny.txt\"}")
                .post("/ingest")
                .then()
                .statusCode(200)
                .body("status", equalTo("rejected"))
                .body("message", containsString("at least 50"));
    }

    @Test
    void anUploadFormNeedsAnS3StoreAndSaysSo() {
        given().contentType("application/json")
                .body("{\"tenant\": \"acme\", \"fileName\": \"story.txt\"}")
                .post("/upload-url")
                .then()
                .statusCode(200)
                .body("status", equalTo("refused"))
                .body("message", containsString("upload forms need an S3 store, and the store is 'target/test-runs'"));
        given().contentType("application/json")
                .body("{\"tenant\": \"Acme\", \"fileName\": \"story.txt\"}")
                .post("/upload-url")
                .then()
                .statusCode(200)
                .body("status", equalTo("refused"))
                .body("message", containsString("is not a tenant id"));
    }
}
