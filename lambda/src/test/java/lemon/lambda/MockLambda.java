package lemon.lambda;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.ConfigProvider;

/** Invokes the function through Quarkus' mock Lambda event server, as the Lambda service would. */
final class MockLambda {
    record Reply(int status, String body) {}

    private MockLambda() {}

    /** A run of the test story created in the function's store, as an earlier ingest would have; returns its id. */
    static String ingestedRun(LightPipeline pipelines, String prefix) throws Exception {
        String runId = prefix + "-" + System.nanoTime();
        String upload = "uploads/" + runId + ".txt";
        pipelines
                .get()
                .runs()
                .blobs()
                .put(upload, lemon.testing.TestRuns.STORY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var ingested = pipelines
                .get()
                .call(
                        "ingest",
                        new lemon.stage.StageInput(
                                runId, null, upload, null, null, 2, null, 0, null, null, null, null, null));
        if (!ingested.status().equals("done")) {
            throw new IllegalStateException("the test story was not ingested: " + ingested);
        }
        return runId;
    }

    static Reply invoke(String json) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_lambda_"))
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .header("Content-Type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }
}
