package lemon.workflow;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import lemon.storage.UploadForms;
import lemon.testing.aws.FormPost;
import lemon.testing.aws.Moto;
import lemon.upload.RunStarter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The upload trigger against a local AWS that is not ours (moto's server): an upload form posted to
 * S3, S3's notification on SQS, our starter, Step Functions' StartExecution. Skipped, with a notice,
 * where python3 with moto is not installed.
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
}
