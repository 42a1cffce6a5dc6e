package lemon.workflow;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import lemon.analysis.OfflineAnalyst;
import lemon.cd.CdDatabase;
import lemon.describe.OfflineDescriber;
import lemon.ingest.StoryIngest;
import lemon.pipeline.Pipeline;
import lemon.run.Json;
import lemon.run.RunStore;
import lemon.stage.StageInput;
import lemon.storage.DeployedRunsApi;
import lemon.storage.PresignedPost;
import lemon.storage.S3BlobStore;
import lemon.storage.S3Links;
import lemon.storage.UploadForms;
import lemon.testing.aws.FormPost;
import lemon.testing.aws.Moto;
import lemon.upload.DeployedRuns;
import lemon.upload.RunStarter;
import lemon.upload.UploadExecution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The upload trigger against a local AWS that is not ours (moto's server): an upload form posted to
 * S3, S3's notification on SQS, our starter, Step Functions' StartExecution; and the runs API on the
 * same server (one moto for both: its start is most of the time). Skipped, with a notice, where
 * python3 with moto is not installed.
 */
class UploadTriggerMotoTest {
    static final AwsBasicCredentials KEYS = Moto.KEYS;
    static Moto moto;
    static URI endpoint;
    static S3Client s3;
    static SqsClient sqs;
    static SfnClient sfn;

    @BeforeAll
    static void startMoto() throws Exception {
        Assumptions.assumeTrue(Moto.installed("UploadTriggerMotoTest"), "python3 with moto is not installed");
        moto = Moto.start();
        endpoint = moto.endpoint();
        s3 = moto.client(S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED));
        sqs = moto.client(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()));
        sfn = moto.client(SfnClient.builder().httpClient(UrlConnectionHttpClient.create()));
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) moto.close();
    }

    @Test
    void aPostedStoryStartsOneExecutionAndAnOversizedOneNone() throws Exception {
        s3.createBucket(r -> r.bucket("stories"));
        String queue = sqs.createQueue(r -> r.queueName("uploads")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
        s3.putBucketNotificationConfiguration(r -> r.bucket("stories")
                .notificationConfiguration(n -> n.queueConfigurations(q -> q.queueArn(queueArn)
                        .events(Event.S3_OBJECT_CREATED)
                        .filter(f ->
                                f.key(k -> k.filterRules(fr -> fr.name("prefix").value("runs/uploads/")))))));
        String machine = sfn.createStateMachine(r -> r.name("lemon")
                        .roleArn("arn:aws:iam::123456789012:role/lemon-workflow")
                        .definition(
                                "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Pass\", \"End\": true}}}"))
                .stateMachineArn();
        RunStarter starter = new RunStarter("stories", "runs", 200, new StepFunctionsExecutions(sfn, machine));

        System.setProperty("LEMON_S3_ENDPOINT", endpoint.toString());
        // what the function's role gives it on AWS: the default credential chain
        System.setProperty("aws.accessKeyId", KEYS.accessKeyId());
        System.setProperty("aws.secretAccessKey", KEYS.secretAccessKey());
        UploadForms.Form form, big;
        try {
            UploadForms forms = new UploadForms("s3://stories/runs", 200);
            form = forms.open("acme", "Ali Baba.txt");
            big = forms.open("acme", "long.txt");
        } finally {
            System.clearProperty("LEMON_S3_ENDPOINT");
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        byte[] story = "Ali Baba was a poor woodcutter who lived with his wife.".getBytes(StandardCharsets.UTF_8);
        assertEquals(
                204, FormPost.post(URI.create(form.url()), form.fields(), story).statusCode());
        // moto does not enforce the form's content-length-range as S3 does; the starter checks again
        assertEquals(
                204,
                FormPost.post(URI.create(big.url()), big.fields(), new byte[500])
                        .statusCode());

        List<String> bodies = receive(queue, 2);
        List<RunStarter.Outcome> outcomes = new ArrayList<>();
        for (String body : bodies) outcomes.addAll(starter.handle(body));
        for (String body : bodies) outcomes.addAll(starter.handle(body)); // SQS delivers at least once
        System.out.println("upload trigger outcomes: " + outcomes);

        var executions = sfn.listExecutions(r -> r.stateMachineArn(machine)).executions();
        assertEquals(1, executions.size(), "one run for the story, none for the oversized upload: " + outcomes);
        String input = sfn.describeExecution(
                        r -> r.executionArn(executions.get(0).executionArn()))
                .input();
        // the run sees the tenant's store, where its uploads are uploads/<id>/<file>
        assertTrue(
                input.contains("\"uploadKey\":\"uploads/" + form.key().substring("uploads/acme/".length()) + "\""),
                input);
        assertTrue(input.contains("\"tenant\":\"acme\""), input);
        assertEquals(
                List.of(RunStarter.Status.STARTED, RunStarter.Status.ALREADY_STARTED),
                outcomes.stream()
                        .filter(o -> o.key().endsWith("Ali Baba.txt"))
                        .map(RunStarter.Outcome::status)
                        .toList());
        assertTrue(outcomes.stream()
                .filter(o -> o.key().endsWith("long.txt"))
                .allMatch(o ->
                        o.status() == RunStarter.Status.REFUSED && o.message().contains("over the cap")));
    }

    static List<String> receive(String queue, int n) {
        return Moto.notifications(sqs, queue, n);
    }

    /**
     * The runs API on the same local AWS: a run ingested into S3 as the Ingest function makes it, its
     * execution's state read from Step Functions, stopped and resumed there, and the signed links to its
     * files and its zip fetched over HTTP.
     */
    @Test
    void aRunsStateStopResumeAndSignedLinksThroughStepFunctionsAndS3() throws Exception {
        s3.createBucket(r -> r.bucket("runs-api"));
        String machine = sfn.createStateMachine(r -> r.name("lemon-runs")
                        .roleArn("arn:aws:iam::123456789012:role/lemon-workflow")
                        .definition("{\"StartAt\": \"Work\", \"States\": {\"Work\": {\"Type\": \"Wait\","
                                + " \"Seconds\": 600, \"End\": true}}}"))
                .stateMachineArn();
        var executions = new StepFunctionsExecutions(sfn, machine);
        RunStore root = new RunStore(new S3BlobStore(s3, "runs-api", "runs"));

        // what the upload form, the trigger and the Ingest function leave in the store
        RunStore acme = root.forTenant("acme");
        String upload = "uploads/u1/story.txt";
        acme.blobs().put(upload, lemon.testing.TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        assertTrue(executions.start("acme-first", "{\"uploadKey\":\"" + upload + "\",\"tenant\":\"acme\"}"));
        acme.blobs()
                .put(UploadExecution.keyFor(upload).orElseThrow(), new UploadExecution("acme-first", "now").toJson());
        String runId = new Pipeline(
                        root,
                        new StoryIngest(),
                        Pipeline.light(new OfflineAnalyst(), new OfflineDescriber(), CdDatabase.bundled()),
                        Clock.systemUTC(),
                        null,
                        null)
                .call(
                        "ingest",
                        new StageInput(null, null, upload, null, null, null, null, 0, null, null, null, null, "acme"))
                .runId();

        var bucket = new PresignedPost.Bucket(moto.endpoint(), "us-east-1", "runs-api", "runs");
        var api = new DeployedRunsApi(
                new DeployedRuns(
                        root,
                        executions,
                        new S3Links(bucket, StaticCredentialsProvider.create(Moto.KEYS), S3Links.TTL),
                        m -> 0,
                        Clock.systemUTC()),
                "custom:tenant");

        var list = Json.MAPPER.readTree(ok(api.answer("acme", "GET", "/runs")));
        assertEquals(1, list.size(), list.toString());
        assertEquals("running", list.get(0).get("state").asText());
        var run = Json.MAPPER.readTree(ok(api.answer("acme", "GET", "/runs/" + runId)));
        HttpResponse<byte[]> manifest =
                get(run.get("links").get("manifest.json").asText());
        assertEquals(200, manifest.statusCode());
        assertArrayEquals(acme.blobs().get(runId + "/manifest.json").orElseThrow(), manifest.body());

        ok(api.answer("acme", "POST", "/runs/" + runId + "/stop"));
        assertEquals("ABORTED", executions.status("acme-first").orElseThrow());
        assertEquals(
                "stopped",
                Json.MAPPER
                        .readTree(ok(api.answer("acme", "GET", "/runs/" + runId)))
                        .get("state")
                        .asText());

        var resumed = Json.MAPPER.readTree(ok(api.answer("acme", "POST", "/runs/" + runId + "/resume")));
        String second = resumed.get("execution").asText();
        assertEquals("RUNNING", executions.status(second).orElseThrow());
        String input = sfn.describeExecution(
                        r -> r.executionArn(machine.replace(":stateMachine:", ":execution:") + ":" + second))
                .input();
        assertEquals("{\"runId\":\"" + runId + "\",\"tenant\":\"acme\"}", input);
        assertEquals(409, api.answer("acme", "DELETE", "/runs/" + runId).status(), "running: stop it first");

        var zip = Json.MAPPER.readTree(ok(api.answer("acme", "POST", "/runs/" + runId + "/zip")));
        HttpResponse<byte[]> zipped = get(zip.get("url").asText());
        assertEquals(200, zipped.statusCode());
        assertEquals("PK", new String(zipped.body(), 0, 2, StandardCharsets.US_ASCII));

        assertEquals("[]", ok(api.answer("globex", "GET", "/runs")));
        assertEquals(404, api.answer("globex", "GET", "/runs/" + runId).status());
        assertEquals(401, api.answer(null, "GET", "/runs").status());
        assertEquals(405, api.answer("acme", "PUT", "/runs/" + runId).status());
    }

    static String ok(DeployedRunsApi.Answer a) {
        assertEquals(200, a.status(), a.body());
        return a.body();
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
